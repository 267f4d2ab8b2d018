"""Playlist reads: who may see which playlist and which of its items, in a constant number of
queries.

An item is shown to a caller when they own it or anyone may watch it; positions, counts and the
fallback thumbnail are all taken over what the caller is shown, so hidden items leave no trace.
"""

from dataclasses import dataclass, field
from datetime import datetime

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import suspended_user_ids, user_by_username, users_by_ids
from common.errors import NotAllowed, NotFound
from common.ids import object_id
from common.search import pop_rank, ranked
from playlists.documents import Playlist
from videos.documents import Video
from videos.listing import is_watchable

# The address of the caller's built-in Watch later list, wherever a playlist id stands.
WATCH_LATER = "watch-later"
# What deciding an item's visibility, and the fallback thumbnail, need of each item.
VISIBILITY_FIELDS = ("owner_id", "owner_active", "published", "status", "visibility", "thumbnail")
NO_ONE = ObjectId("0" * 24)


@dataclass(frozen=True)
class PlaylistEntry:
    """One item as a caller sees it: its position among what they are shown."""

    position: int
    added_at: datetime
    video: Video


@dataclass(frozen=True)
class PlaylistSummary:
    """A playlist with what the caller may see of it."""

    playlist: Playlist
    owner: User | None
    visible_ids: list[ObjectId]
    thumbnail: str
    contains_video: bool | None = None

    @property
    def videos_count(self) -> int:
        return len(self.visible_ids)


@dataclass(frozen=True)
class PlaylistPage(PlaylistSummary):
    """A playlist with one page of its visible items, and where the next page starts."""

    entries: list[PlaylistEntry] = field(default_factory=list)
    next_after: tuple[int, ObjectId] | None = None


def _is_mine(playlist: Playlist, viewer: User | None) -> bool:
    return viewer is not None and playlist.owner_id == viewer.id


def playlist_with_owner(*, playlist_id: str, viewer: User | None) -> tuple[Playlist, User]:
    """A playlist the caller may see, with its owner; others' private ones are 404, as are
    those of suspended owners."""
    playlist = Playlist.objects(id=object_id(playlist_id)).first()
    if playlist is None:
        raise NotFound()
    owner = users_by_ids(ids=[playlist.owner_id]).get(playlist.owner_id)
    if _is_mine(playlist, viewer):
        return playlist, owner
    if owner is None or not owner.is_active or playlist.visibility == "private":
        raise NotFound()
    return playlist, owner


def playlist_for_owner(*, playlist_id: str, user: User) -> Playlist:
    """A playlist the caller may change: theirs; 403 if they can only see it, else 404."""
    playlist, _ = playlist_with_owner(playlist_id=playlist_id, viewer=user)
    if not _is_mine(playlist, user):
        raise NotAllowed("Only the owner can change this playlist.")
    return playlist


def active_owner(*, username: str) -> User:
    """The account whose playlists are asked for; unknown or suspended ones are 404."""
    owner = user_by_username(username=username)
    if owner is None or not owner.is_active:
        raise NotFound()
    return owner


def public_playlists_of(*, owner: User):
    """A user's public, regular playlists, newest first."""
    return Playlist.objects(owner_id=owner.id, visibility="public", kind="regular").order_by(
        "-created_at", "-id"
    )


def playlists_for_listing(*, viewer: User | None, owner_username: str | None):
    """The caller's own playlists (all of them) when no owner is named, else that owner's
    listed ones: public and regular to others, all of them to the owner themself."""
    if owner_username is None:
        return Playlist.objects(owner_id=viewer.id).order_by("-created_at", "-id")
    owner = user_by_username(username=owner_username)
    if owner is None or not owner.is_active:
        return Playlist.objects(owner_id=NO_ONE)
    if viewer is not None and owner.id == viewer.id:
        return Playlist.objects(owner_id=owner.id).order_by("-created_at", "-id")
    return public_playlists_of(owner=owner)


def visible_items(*, video_ids, viewer_id: ObjectId | None) -> dict[ObjectId, Video]:
    """Of these items, those the viewer is shown (theirs, or watchable), in one light query."""
    unique = list(set(video_ids))
    if not unique:
        return {}
    found = Video.objects(id__in=unique).only(*VISIBILITY_FIELDS).batch_size(len(unique))
    return {
        video.id: video
        for video in found
        if (viewer_id is not None and video.owner_id == viewer_id) or is_watchable(video)
    }


def _id_of(user: User | None) -> ObjectId | None:
    return user.id if user is not None else None


def _summary(
    *,
    playlist: Playlist,
    owner: User | None,
    visible: dict[ObjectId, Video],
    contains: ObjectId | None = None,
) -> dict:
    visible_ids = [item.video_id for item in playlist.items if item.video_id in visible]
    fallback = next((visible[i].thumbnail for i in visible_ids if visible[i].thumbnail), "")
    return {
        "playlist": playlist,
        "owner": owner,
        "visible_ids": visible_ids,
        "thumbnail": playlist.thumbnail or fallback,
        "contains_video": None if contains is None else contains in visible_ids,
    }


def summaries(
    *, playlists: list[Playlist], viewer: User | None, contains: ObjectId | None = None
) -> list[PlaylistSummary]:
    """A page of playlists with their visible counts and thumbnails, in two queries."""
    visible = visible_items(
        video_ids=[item.video_id for playlist in playlists for item in playlist.items],
        viewer_id=_id_of(viewer),
    )
    owners = users_by_ids(ids=[playlist.owner_id for playlist in playlists])
    return [
        PlaylistSummary(
            **_summary(
                playlist=playlist,
                owner=owners.get(playlist.owner_id),
                visible=visible,
                contains=contains,
            )
        )
        for playlist in playlists
    ]


def _page_start(visible_ids: list[ObjectId], after: tuple[int, ObjectId] | None) -> int:
    """Where a page starts: just past the cursor's item, wherever it has moved since, or past
    its old position when it is gone."""
    if after is None:
        return 0
    position, video_id = after
    if video_id in visible_ids:
        return visible_ids.index(video_id) + 1
    return max(position + 1, 0)


def playlist_page(
    *,
    playlist: Playlist,
    owner: User | None,
    viewer: User | None,
    limit: int,
    after: tuple[int, ObjectId] | None = None,
) -> PlaylistPage:
    """A playlist and one page of the items the caller is shown, in two queries however long."""
    visible = visible_items(
        video_ids=[item.video_id for item in playlist.items], viewer_id=_id_of(viewer)
    )
    summary = _summary(playlist=playlist, owner=owner, visible=visible)
    visible_ids = summary["visible_ids"]
    start = _page_start(visible_ids, after)
    page_ids = visible_ids[start : start + limit]
    videos = {video.id: video for video in Video.objects(id__in=page_ids)} if page_ids else {}
    added = {item.video_id: item.added_at for item in playlist.items}
    entries = [
        PlaylistEntry(position=start + offset, added_at=added[video_id], video=videos[video_id])
        for offset, video_id in enumerate(page_ids)
        if video_id in videos
    ]
    more = start + limit < len(visible_ids)
    next_after = (start + len(page_ids) - 1, page_ids[-1]) if more and page_ids else None
    return PlaylistPage(**summary, entries=entries, next_after=next_after)


def search_playlists(*, tokens: list[str], offset: int, limit: int) -> list[tuple[tuple, Playlist]]:
    """Public regular playlists of active owners whose name matches every token, best first
    (whole words, then items, then newest); two queries."""
    where = {"visibility": "public", "kind": "regular"}
    suspended = suspended_user_ids()
    if suspended:
        where["owner_id"] = {"$nin": suspended}
    docs = ranked(
        collection=Playlist._get_collection(),
        where=where,
        tokens=tokens,
        popularity={"$size": {"$ifNull": ["$items", []]}},
        recency="created_at",
        offset=offset,
        limit=limit,
    )
    return [(pop_rank(doc, "created_at"), Playlist._from_son(doc)) for doc in docs]
