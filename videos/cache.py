"""Item detail cache: the payload of listed items is the same for every viewer, so it is kept
in Redis; the figures and `is_liked` are added per request from Redis and the viewer's likes.

Only listed items (public, published, ready, owner active) are cached: they carry no signed URLs
and nothing only their owner sees. Every write that changes an item's document replaces its
stamp (see common.cache); a profile change of the owner replaces the owner's.
"""

from types import SimpleNamespace

from bson import ObjectId

from common import cache
from common.api.views import viewer_of
from common.counters import BufferedCounter, prefetched
from common.ids import object_id
from videos import selectors
from videos.counters import item_counters
from videos.serializers import VideoSerializer

# Fields read per request (figures, the viewer's like), and the stored fields they start from.
LIVE_FIELDS = ("views", "views_count", "likes", "likes_count", "comments_count", "is_liked")
STORED_FIGURES = (
    *("views", "views_batches", "likes", "likes_batches"),
    *("comments_count", "comments_count_batches"),
)


def _key(video_id: ObjectId, request) -> str:
    # Media URLs are absolute, so the host the caller used is part of the entry.
    return f"cache:video:{video_id}:{request.build_absolute_uri('/')}"


def item_detail(*, video_id: str, request) -> dict:
    """GET /videos/{id} as the caller sees it; a cached read costs no Mongo read of the item."""
    oid = object_id(video_id)
    key, viewer = _key(oid, request), viewer_of(request)
    hit = cache.load_with_figures(key, counters=_item_counters(), ids=[str(oid)])
    if hit is not None:
        cached, reads = hit
        return _with_live_fields(cached, reads=reads, video_id=oid, viewer=viewer, request=request)
    taken = cache.stamps(("video", oid))
    video = selectors.video_for_viewer(video_id=video_id, viewer=viewer)
    if video.is_listed:
        taken += cache.stamps(("user", video.owner_id))
    context = selectors.serializer_context(videos=[video], request=request)
    data = VideoSerializer(video, context=context).data
    if video.is_listed:
        # The live fields keep their place, filled per request.
        shared = {name: None if name in LIVE_FIELDS else value for name, value in data.items()}
        stored = {name: getattr(video, name) for name in STORED_FIGURES}
        cache.store(
            key,
            {"data": shared, "stored": stored},
            scopes=[("video", oid), ("user", video.owner_id)],
            taken=taken,
        )
    return data


def _item_counters() -> list[BufferedCounter]:
    """Every counter kept on items, whose stored figures the entries keep."""
    return [counter for counter in item_counters() if counter.field in STORED_FIGURES]


def _with_live_fields(cached: dict, *, reads: dict, video_id: ObjectId, viewer, request) -> dict:
    # The stored figures stand in for the item: counters read only these fields and the id.
    figures = SimpleNamespace(id=video_id, pk=video_id, **cached["stored"])
    with prefetched(counters=_item_counters(), ids=[video_id], reads=reads):
        context = selectors.figures_context(videos=[figures], viewer=viewer)
    serializer = VideoSerializer(context={"request": request, **context})
    data = dict(cached["data"])
    data.update({name: getattr(serializer, f"get_{name}")(figures) for name in LIVE_FIELDS})
    return data
