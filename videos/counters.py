"""Item counters buffered in Redis, and the per-day figures each applied batch is folded into."""

from collections.abc import Callable

from bson import ObjectId

from common import cache
from common.counters import BufferedCounter, Tally, registered_counters
from common.daily import DayChange, fold_daily, today
from videos.documents import Video, VideoDailyStats


def figures_stored(video_ids: list[str]) -> None:
    """A flush or a repair moved items' stored figures: cached copies of them are stale."""
    cache.bump_many("video", video_ids)


# Every item counter is of the group "videos": an item's figures are read in one script.
views = BufferedCounter(
    name="views",
    collection=Video._get_collection,
    field="views",
    group="videos",
    on_stored=figures_stored,
    announce=True,
)
# The views readers see; none of its records are kept, so nothing reconciles it.
video_views = Tally(name="video_views", gained=views)


def item_counters() -> list[BufferedCounter]:
    """Every counter kept on items, whichever app declared it."""
    return [
        counter for counter in registered_counters() if counter.collection == Video._get_collection
    ]


def daily_fold(field: str) -> Callable[[str, dict[str, int]], None]:
    """An on_applied hook adding each flushed batch of an item counter to that day's `field`."""

    def fold(batch_id: str, counts: dict[str, int]) -> None:
        ids = [ObjectId(doc_id) for doc_id in counts if ObjectId.is_valid(doc_id)]
        owners = {
            doc["_id"]: doc["owner_id"]
            for doc in Video._get_collection().find({"_id": {"$in": ids}}, {"owner_id": 1})
        }
        day = today()
        fold_daily(
            collection=VideoDailyStats._get_collection(),
            key="video_id",
            ledger=f"{field}_batches",
            batch_id=batch_id,
            changes=[
                DayChange(
                    key=video_id,
                    day=day,
                    increments={field: counts[str(video_id)]},
                    on_insert={"owner_id": owner_id},
                )
                for video_id, owner_id in owners.items()
            ],
        )

    return fold


def flush_views() -> int:
    """Fold buffered views into Mongo; returns how many were applied."""
    return views.flush(on_applied=daily_fold("views"))


def current_views(*, videos: list[Video]) -> dict[ObjectId, int]:
    """Stored plus buffered views per item, so a figure never goes backwards."""
    return video_views.current(docs=videos)
