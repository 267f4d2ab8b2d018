"""What an account's purge removes from engagement: its likes (the figures of what it liked
corrected), its tweets, its comments and others' comments on its items, with the likes on them,
and its moderation decisions as a creator. A comment of its that others replied to stays, with
no author and no text, so their replies keep their thread."""

from bson import ObjectId

from accounts.documents import DELETED_ACCOUNT_ID, User
from common.removal import Move, Rows, delete_in_batches, remove_records
from common.upgrades import batches
from engagement import counters
from engagement.documents import Comment, Like, ModerationDecision, Tweet
from engagement.likes import TARGETS
from videos.documents import Video

LIKED = {"video": Video, "tweet": Tweet, "comment": Comment}
COMMENT_FIELDS = ("status", "video_id", "video_owner_id", "parent_id")


def purge_account(*, user: User, **kwargs) -> None:
    """Remove what engagement holds of the user; safe to run again after a crash."""
    _remove_likes(user_id=user.id)
    remove_records(
        name=f"engagement.tweets:{user.id}",
        collection=Tweet._get_collection(),
        where={"author_id": user.id},
        before=lambda rows: _drop_likes_of("tweet", rows),
    )
    _remove_comments(user_id=user.id)
    delete_in_batches(collection=ModerationDecision._get_collection(), where={"actor_id": user.id})


def _remove_likes(*, user_id: ObjectId) -> None:
    """The user's likes, each taken off the figure of what it liked (if that still exists)."""

    def moves(rows: Rows) -> list[Move]:
        found = []
        for target_type, document in LIKED.items():
            ids = [row["target_id"] for row in rows if row["target_type"] == target_type]
            if not ids:
                continue
            existing = document._get_collection().find({"_id": {"$in": ids}}, {"_id": 1})
            figures = TARGETS[target_type].figures
            found += [
                Move(counter=figures.gained, doc_id=doc["_id"], amount=-1, tally=figures)
                for doc in existing
            ]
        return found

    remove_records(
        name=f"engagement.likes:{user_id}",
        collection=Like._get_collection(),
        where={"user_id": user_id},
        fields=("target_type", "target_id"),
        moves=moves,
    )


def _drop_likes_of(target_type: str, rows: Rows) -> None:
    """Likes of targets about to go, and their figures waiting in Redis."""
    ids = [row["_id"] for row in rows]
    Like._get_collection().delete_many({"target_type": target_type, "target_id": {"$in": ids}})
    TARGETS[target_type].figures.forget(doc_ids=ids)


def _remove_comments(*, user_id: ObjectId) -> None:
    """Replies first (taken off their threads' and items' figures), then threads: one others
    answered keeps its place without author or text, the others go; then others' comments on
    the user's items."""

    def moves(rows: Rows) -> list[Move]:
        found = []
        for row in rows:
            if row["status"] != "published":
                continue
            if row["video_owner_id"] != user_id:
                found.append(
                    Move(
                        counter=counters.video_comments.gained,
                        doc_id=row["video_id"],
                        amount=-1,
                        tally=counters.video_comments,
                    )
                )
            if row.get("parent_id") is not None:
                replies = counters.comment_replies
                found.append(Move(counter=replies, doc_id=row["parent_id"], amount=-1))
        return found

    mine = {"author_id": user_id}
    for name, where in (("replies", {**mine, "parent_id": {"$ne": None}}), ("threads", mine)):
        if name == "threads":
            _unname_answers(user_id=user_id)
        remove_records(
            name=f"engagement.{name}:{user_id}",
            collection=Comment._get_collection(),
            where=where,
            fields=COMMENT_FIELDS,
            moves=moves,
            before=lambda rows: _drop_likes_of("comment", rows),
        )
    remove_records(
        name=f"engagement.item-comments:{user_id}",
        collection=Comment._get_collection(),
        where={"video_owner_id": user_id},
        before=lambda rows: _drop_likes_of("comment", rows),
    )


def _unname_answers(*, user_id: ObjectId) -> None:
    """Replies to the user's comments answer no one now, and the user's threads that others
    answered stay as a deleted account's: no author, no text."""
    collection = Comment._get_collection()
    collection.update_many({"reply_to_user_id": user_id}, {"$set": {"reply_to_user_id": None}})
    threads = {"author_id": user_id, "parent_id": None}
    for rows in batches(collection, threads):
        ids = [row["_id"] for row in rows]
        items = list({row["video_id"] for row in rows})  # replies are on their thread's item
        answered = collection.aggregate(
            [
                {"$match": {"video_id": {"$in": items}, "parent_id": {"$in": ids}}},
                {"$group": {"_id": "$parent_id"}},
            ]
        )
        kept = [row["_id"] for row in answered]
        if kept:
            collection.update_many(
                {**threads, "_id": {"$in": kept}},
                {
                    "$set": {
                        "author_id": DELETED_ACCOUNT_ID,
                        "author_active": True,
                        "content": "",
                        "sentiment": 0.0,
                        "is_flagged": False,
                        "held_reason": "",
                        "edited": False,
                    }
                },
            )
