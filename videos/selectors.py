"""Media reads: who may see what, public listings, history, and batch context for serializing."""

from datetime import timedelta

from bson import ObjectId
from django.utils import timezone

from accounts.documents import User
from accounts.selectors import user_by_username, users_by_ids
from common.api.views import viewer_of
from common.counters import prefetched
from common.errors import NotAllowed, NotFound
from common.ids import object_id
from common.search import match, pop_rank, query_tokens, ranked
from videos import counters, m3u8, signing
from videos.documents import HISTORY_DAYS, LivePlaylist, Video, WatchEntry
from videos.listing import is_previewable, is_watchable
from videos.signals import video_page_context

SORTS = {"newest": "-published_at", "views": "-views"}
# Search filters: duration bands in seconds (short < 4 min, medium 4-20, long > 20), and how
# recent an upload is, in days.
DURATIONS = {"short": {"$lt": 240}, "medium": {"$gte": 240, "$lte": 1200}, "long": {"$gt": 1200}}
UPLOADED = {"day": 1, "week": 7, "month": 30, "year": 365}


def _owns(video: Video, user: User | None) -> bool:
    return user is not None and video.owner_id == user.id


def video_for_viewer(*, video_id: str, viewer: User | None) -> Video:
    """An item the caller may watch; anything else is a 404 so nothing leaks."""
    video = Video.objects(id=object_id(video_id)).first()
    if video is None or not (_owns(video, viewer) or is_watchable(video) or is_previewable(video)):
        raise NotFound()
    return video


def video_for_owner(*, video_id: str, user: User) -> Video:
    """An item the caller may change: theirs; 403 if they can only watch it, else 404."""
    video = video_for_viewer(video_id=video_id, viewer=user)
    if not _owns(video, user):
        raise NotAllowed("Only the owner can change this item.")
    return video


def video_for_media(
    *, video_id: str, viewer: User | None, expires: str | None, signature: str | None
) -> tuple[Video, bool]:
    """Files of a ready item: public ones to all, others to the owner or a URL signed for them.

    The signature must match the item's current signing epoch, so revoking takes effect at once;
    the item is read once either way. Also says whether the signature verified.
    """
    return _media_access(
        video_id=video_id, viewer=viewer, expires=expires, signature=signature, live=False
    )


def video_for_playback(
    *, video_id: str, viewer: User | None, expires: str | None, signature: str | None
) -> tuple[Video, bool]:
    """HLS of a ready item, or of one still processing whose stream has started, by the rules
    of video_for_media (a processing item is never listed: its owner, or a signed URL)."""
    return _media_access(
        video_id=video_id, viewer=viewer, expires=expires, signature=signature, live=True
    )


def _media_access(
    *, video_id: str, viewer: User | None, expires: str | None, signature: str | None, live: bool
) -> tuple[Video, bool]:
    video = Video.objects(id=object_id(video_id)).first()
    playable = video is not None and (
        video.status == "ready"
        or (live and video.status == "processing" and bool(video.live_hls_prefix))
    )
    if not playable:
        raise NotFound()
    signed = signing.verify(
        prefix=signing.media_prefix(video.id),
        epoch=video.signing_epoch,
        expires=expires,
        signature=signature,
    )
    if video.is_listed or _owns(video, viewer) or (signed and video.owner_active):
        return video, signed
    raise NotFound()


def live_playlist(*, video: Video, path: str) -> str | None:
    """A playlist of the HLS an item's processing has published so far, or None."""
    found = LivePlaylist.objects(video_id=video.id, prefix=video.live_hls_prefix, path=path).first()
    return found.text if found is not None else None


def live_segment(*, video: Video, path: str) -> str | None:
    """The stored name of a segment its variant's live playlist lists, or None."""
    variant, _, segment = path.partition("/")
    text = live_playlist(video=video, path=f"{variant}/index.m3u8")
    if text is None or segment not in {listed.uri for listed in m3u8.segments(text)}:
        return None
    return video.live_hls_prefix + path


def listed_videos(*, q: str = "", channel: str = "", kind: str = "", tag: str = ""):
    """Public, published, ready items of active owners, filtered as asked."""
    query = Video.objects(is_listed=True)
    if kind:
        query = query.filter(kind=kind)
    if tag:
        query = query.filter(tags=tag.strip().lower())
    if channel:
        owner = user_by_username(username=channel)
        query = query.filter(owner_id=owner.id if owner else ObjectId("0" * 24))
    tokens = query_tokens(q)
    if tokens:
        query = query.filter(__raw__=match(tokens))
    return query


def history_entries(*, user: User):
    """The user's watch history as shown, newest first once ordered by the paginator.

    Left out by the query itself, so a page is full while more entries exist: entries of items
    the user may no longer watch (flags kept by videos.listing), and entries older than the TTL
    index keeps them (a server deletes expired ones only once a minute).
    """
    since = timezone.now() - timedelta(days=HISTORY_DAYS)
    return WatchEntry.objects(
        user_id=user.id, video_open=True, owner_active=True, watched_at__gte=since
    )


def entry_videos(*, entries: list[WatchEntry]):
    """A page of history entries with their items, in one query; an entry whose item was just
    deleted (its entries go by a task right after) is left out, as there is nothing to show."""
    ids = list({entry.video_id for entry in entries})
    videos = {video.id: video for video in Video.objects(id__in=ids)} if ids else {}
    return [entry for entry in entries if entry.video_id in videos], videos


def serializer_context(*, videos: list[Video], request) -> dict:
    """Everything a page of items needs for serializing, in a constant number of queries."""
    return {
        "request": request,
        "owners": users_by_ids(ids=[video.owner_id for video in videos]),
        **figures_context(videos=videos, viewer=viewer_of(request)),
    }


def figures_context(*, videos: list[Video], viewer: User | None) -> dict:
    """The live part of a page of items: figures (every counter read in one Redis round-trip,
    at one instant) and what the viewer likes."""
    with prefetched(counters=counters.item_counters(), ids=[video.id for video in videos]):
        context = {"views": counters.current_views(videos=videos)}
        for _receiver, extra in video_page_context.send(sender=Video, videos=videos, viewer=viewer):
            context.update(extra)
    return context


def current_views(*, video: Video) -> int:
    """One item's views: stored plus still buffered."""
    return counters.current_views(videos=[video])[video.id]


def search_videos(
    *, tokens: list[str], kind: str, duration: str, uploaded: str, offset: int, limit: int
) -> list[tuple[tuple, Video]]:
    """Listed items matching every token, best first, each with its rank key; one query."""
    where: dict = {"is_listed": True}
    if kind:
        where["kind"] = kind
    if duration:
        where["duration"] = DURATIONS[duration]
    if uploaded:
        where["published_at"] = {"$gte": timezone.now() - timedelta(days=UPLOADED[uploaded])}
    docs = ranked(
        collection=Video._get_collection(),
        where=where,
        tokens=tokens,
        popularity="$views",
        recency="published_at",
        offset=offset,
        limit=limit,
    )
    return [(pop_rank(doc, "published_at"), Video._from_son(doc)) for doc in docs]
