"""Playlist reads."""

from accounts.documents import User


def public_playlists(*, owner: User) -> list:
    """A channel's public playlists, newest first; none exist until playlists can be made."""
    return []
