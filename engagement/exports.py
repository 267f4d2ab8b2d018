"""What engagement adds to a user's data export: their tweets, comments and likes."""

from collections.abc import Iterator

from accounts.documents import User
from common.exports import ExportPart
from common.upgrades import batches
from engagement.documents import Comment, Like, Tweet


def _records(collection, where: dict, fields: tuple[str, ...]):
    def read() -> Iterator[dict]:
        for rows in batches(collection, where):
            for row in rows:
                yield {"id": row["_id"], **{name: row.get(name) for name in fields}}

    return read


def export_parts(*, user: User, **kwargs) -> list[ExportPart]:
    """The user's tweets, comments and likes, read a batch at a time."""
    return [
        ExportPart(
            name="tweets",
            records=_records(
                Tweet._get_collection(),
                {"author_id": user.id},
                ("content", "edited", "likes", "created_at", "updated_at"),
            ),
        ),
        ExportPart(
            name="comments",
            records=_records(
                Comment._get_collection(),
                {"author_id": user.id},
                ("video_id", "parent_id", "content", "status", "likes", "edited", "created_at"),
            ),
        ),
        ExportPart(
            name="likes",
            records=_records(
                Like._get_collection(),
                {"user_id": user.id},
                ("target_type", "target_id", "created_at"),
            ),
        ),
    ]
