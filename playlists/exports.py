"""What playlists adds to a user's data export: their playlists, items in order."""

from collections.abc import Iterator

from accounts.documents import User
from common.exports import ExportPart
from common.upgrades import batches
from playlists.documents import Playlist


def export_parts(*, user: User, **kwargs) -> list[ExportPart]:
    """The user's playlists (Watch later included), a batch at a time."""

    def playlists() -> Iterator[dict]:
        for rows in batches(Playlist._get_collection(), {"owner_id": user.id}):
            for row in rows:
                yield {
                    "id": row["_id"],
                    "kind": row.get("kind"),
                    "name": row.get("name"),
                    "description": row.get("description"),
                    "visibility": row.get("visibility"),
                    "videos": [
                        {"video_id": item["video_id"], "added_at": item.get("added_at")}
                        for item in row.get("items", [])
                    ],
                    "created_at": row.get("created_at"),
                }

    return [ExportPart(name="playlists", records=playlists)]
