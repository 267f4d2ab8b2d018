"""The view counter: hits buffered in Redis, folded into items and their daily figures."""

from bson import ObjectId
from django.utils import timezone
from pymongo import UpdateOne
from pymongo.errors import BulkWriteError

from common.counters import BATCH_HISTORY, BufferedCounter
from videos.documents import Video, VideoDailyStats

views = BufferedCounter(name="views", collection=Video._get_collection, field="views")

DUPLICATE_KEY = 11000


def _fold_daily(batch_id: str, counts: dict[str, int]) -> None:
    """Add a flushed batch to today's per-item figures, once per batch."""
    ids = [ObjectId(doc_id) for doc_id in counts if ObjectId.is_valid(doc_id)]
    owners = {
        doc["_id"]: doc["owner_id"]
        for doc in Video._get_collection().find({"_id": {"$in": ids}}, {"owner_id": 1})
    }
    day = timezone.now().date().isoformat()
    operations = [
        UpdateOne(
            {"video_id": video_id, "day": day, "views_batches": {"$ne": batch_id}},
            {
                "$inc": {"views": counts[str(video_id)]},
                "$push": {"views_batches": {"$each": [batch_id], "$slice": -BATCH_HISTORY}},
                "$setOnInsert": {"owner_id": owner_id},
            },
            upsert=True,
        )
        for video_id, owner_id in owners.items()
    ]
    if not operations:
        return
    try:
        VideoDailyStats._get_collection().bulk_write(operations, ordered=False)
    except BulkWriteError as exc:
        if any(error["code"] != DUPLICATE_KEY for error in exc.details["writeErrors"]):
            raise


def flush_views() -> int:
    """Fold buffered views into Mongo; returns how many were applied."""
    return views.flush(on_applied=_fold_daily)


def current_views(*, videos: list[Video]) -> dict[ObjectId, int]:
    """Stored plus buffered views per item, so a figure never goes backwards."""
    docs = [{"_id": video.id, "views_batches": video.views_batches} for video in videos]
    extra = views.unflushed(docs=docs)
    return {video.id: video.views + extra.get(str(video.id), 0) for video in videos}
