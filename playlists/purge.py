"""What an account's purge removes from playlists: its playlists (Watch later too) and their
thumbnails. Its items leave others' playlists as any deleted item does (videos.signals)."""

from accounts.documents import User
from common.removal import Rows, remove_records
from common.storage import PUBLIC, delete_stored
from playlists.documents import Playlist


def _drop_thumbnails(rows: Rows) -> None:
    delete_stored(names=[row.get("thumbnail", "") for row in rows], store=PUBLIC)


def purge_account(*, user: User, **kwargs) -> None:
    """Remove the user's playlists with their files; safe to run again after a crash."""
    remove_records(
        name=f"playlists.owned:{user.id}",
        collection=Playlist._get_collection(),
        where={"owner_id": user.id},
        fields=("thumbnail",),
        before=_drop_thumbnails,
    )
