"""What a deleted target leaves behind, removed after the fact by a task."""

from bson import ObjectId

from engagement import counters
from engagement.documents import Comment, Like

CHUNK = 500


def delete_target_likes(*, target_type: str, target_id: ObjectId) -> int:
    """Delete every like of a deleted target; idempotent (its counter no longer matters)."""
    return (
        Like._get_collection()
        .delete_many({"target_type": target_type, "target_id": target_id})
        .deleted_count
    )


def delete_comment_replies(*, root_id: ObjectId, video_id: ObjectId) -> int:
    """Delete a removed comment's replies and their likes, uncounting the published ones;
    idempotent and safe to run concurrently (each reply is uncounted by the run deleting it).
    The item's id leads the replies' index and routes to the comments' shard."""
    collection = Comment._get_collection()
    deleted = 0
    while rows := list(
        collection.find({"video_id": video_id, "parent_id": root_id}, {"_id": 1}).limit(CHUNK)
    ):
        ids = [row["_id"] for row in rows]
        _delete_comment_likes(ids)
        counters.video_comments.touch(doc_id=video_id)
        chosen = {"_id": {"$in": ids}, "video_id": video_id}
        published = collection.delete_many({**chosen, "status": "published"})
        if published.deleted_count:
            counters.video_comments.gained.add(doc_id=video_id, amount=-published.deleted_count)
        others = collection.delete_many({**chosen, "status": {"$ne": "published"}})
        deleted += published.deleted_count + others.deleted_count
    return deleted


def delete_video_comments(*, video_id: ObjectId) -> int:
    """Delete a deleted item's comments and their likes; idempotent (its figures are gone)."""
    collection = Comment._get_collection()
    deleted = 0
    while rows := list(collection.find({"video_id": video_id}, {"_id": 1}).limit(CHUNK)):
        ids = [row["_id"] for row in rows]
        _delete_comment_likes(ids)
        deleted += collection.delete_many({"_id": {"$in": ids}}).deleted_count
    return deleted


def _delete_comment_likes(ids: list[ObjectId]) -> None:
    Like._get_collection().delete_many({"target_type": "comment", "target_id": {"$in": ids}})
