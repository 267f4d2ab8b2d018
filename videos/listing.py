"""Who may watch an item, and the listing fields derived from that, kept in one place."""

from django.utils import timezone

from common import cache
from common.search import document_tokens
from videos.documents import Video, WatchEntry
from videos.signals import video_listing_refreshed, video_went_live

# The Mongo form of is_watchable for items of one visibility, for bulk updates.
WATCHABLE = {"published": True, "status": "ready", "owner_active": True}


def is_open(video: Video) -> bool:
    """The item's own part of being watchable: published, ready and not private."""
    return video.published and video.status == "ready" and video.visibility != "private"


def is_watchable(video: Video) -> bool:
    """Anyone with the id (or link) may watch: open, and its owner active."""
    return is_open(video) and video.owner_active


def is_previewable(video: Video) -> bool:
    """Anyone with the id (or link) may already watch it while it processes: its stream has
    started, and it is published, not private, of an active owner.

    Such an item opens by id like an unlisted one (details, playback, views, likes, comments,
    reports), but nothing announces it before it is ready: it is not listed, searched, in feeds
    or channel pages, and nobody is notified of it.
    """
    return (
        video.status == "processing"
        and bool(video.live_hls_prefix)
        and video.published
        and video.visibility != "private"
        and video.owner_active
    )


def refresh_listing(*, video: Video) -> Video:
    """Save the item with its derived fields (listed flag, first publication, search tokens),
    and whether others' history entries of it show."""
    video.is_listed = is_watchable(video) and video.visibility == "public"
    if is_watchable(video) and video.published_at is None:
        video.published_at = timezone.now()
    video.search_tokens = document_tokens(
        typed_ahead=[video.title, *video.tags], plain=[video.description]
    )
    video.updated_at = timezone.now()
    video.save()
    changed(video=video)
    now_open = is_open(video)
    others = WatchEntry.objects(video_id=video.id, user_id__ne=video.owner_id)
    others.filter(video_open=not now_open).update(set__video_open=now_open)
    video_listing_refreshed.send(sender=Video, video=video)
    _announce_once(video=video)
    return video


def changed(*, video: Video) -> None:
    """Cached copies of the item, and its channel's item count and feeds, are stale after a
    write."""
    cache.bump(("video", video.id), ("channel", video.owner_id), ("items", video.owner_id))


def _announce_once(*, video: Video) -> None:
    """Announce an item the first time it is listed; the conditional write makes it once only."""
    if not video.is_listed or video.announced_at is not None:
        return
    now = timezone.now()
    if Video.objects(id=video.id, announced_at=None).update_one(set__announced_at=now):
        video.announced_at = now
        video_went_live.send(sender=Video, video=video)


def set_owner_active(*, owner_id, active: bool) -> None:
    """Hide or restore every item of an owner in bulk, deriving the listing flags the same way,
    and others' history entries of them."""
    others = WatchEntry.objects(owner_id=owner_id, user_id__ne=owner_id)
    others.filter(owner_active=not active).update(set__owner_active=active)
    items = Video.objects(owner_id=owner_id)
    if not active:
        items.update(set__owner_active=False, set__is_listed=False)
        cache.bump(("user", owner_id), ("channel", owner_id))
        return
    now = timezone.now()
    items.update(set__owner_active=True)
    watchable = items.filter(**WATCHABLE, visibility__ne="private")
    watchable.filter(published_at=None).update(set__published_at=now)
    watchable.filter(visibility="public").update(set__is_listed=True, set__updated_at=now)
    cache.bump(("user", owner_id), ("channel", owner_id))
