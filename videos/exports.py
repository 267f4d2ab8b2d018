"""What videos adds to a user's data export: their items with metadata and original files, and
their watch history."""

from collections.abc import Iterator
from pathlib import PurePosixPath

from accounts.documents import User
from common.exports import ExportPart, StoredFile
from common.storage import MEDIA
from common.upgrades import batches
from videos.documents import Video, WatchEntry

ITEM_FIELDS = (
    "kind",
    "title",
    "description",
    "tags",
    "genre",
    "visibility",
    "published",
    "published_at",
    "status",
    "duration",
    "width",
    "height",
    "comments_policy",
    "hold_links",
    "views",
    "likes",
    "comments_count",
    "created_at",
    "updated_at",
)


def _original_path(row: dict) -> str | None:
    source = row.get("source")
    return f"media/items/{row['_id']}/original{PurePosixPath(source).suffix}" if source else None


def export_parts(*, user: User, **kwargs) -> list[ExportPart]:
    """The user's items and history, read a batch at a time."""

    def items() -> Iterator[dict]:
        for rows in batches(Video._get_collection(), {"owner_id": user.id}):
            for row in rows:
                record = {"id": row["_id"], **{name: row.get(name) for name in ITEM_FIELDS}}
                yield {**record, "original": _original_path(row)}

    def originals() -> Iterator[StoredFile]:
        for rows in batches(Video._get_collection(), {"owner_id": user.id}):
            for row in rows:
                if row.get("source"):
                    yield StoredFile(store=MEDIA, name=row["source"], path=_original_path(row))

    def history() -> Iterator[dict]:
        for rows in batches(WatchEntry._get_collection(), {"user_id": user.id}):
            for row in rows:
                yield {
                    "video_id": row["video_id"],
                    "watched_at": row.get("watched_at"),
                    "position": row.get("position"),
                }

    return [
        ExportPart(name="items", records=items, files=originals),
        ExportPart(name="history", records=history),
    ]
