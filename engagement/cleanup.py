"""What a deleted target leaves behind, removed after the fact by a task."""

from bson import ObjectId

from engagement.documents import Like


def delete_target_likes(*, target_type: str, target_id: ObjectId) -> int:
    """Delete every like of a deleted target; idempotent (its counter no longer matters)."""
    return (
        Like._get_collection()
        .delete_many({"target_type": target_type, "target_id": target_id})
        .deleted_count
    )
