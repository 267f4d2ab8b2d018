"""Per-day figures: each applied counter batch is folded into the day's documents once."""

from dataclasses import dataclass, field
from datetime import timedelta

from bson import ObjectId
from django.utils import timezone
from pymongo import UpdateOne
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from common.counters import BATCH_HISTORY, BufferedCounter, prefetched

DUPLICATE_KEY = 11000


def today() -> str:
    """The UTC day a batch applied now is folded into, as per-day figures name days."""
    return timezone.now().date().isoformat()


def latest_days() -> list[str]:
    """Yesterday and today: the day documents that may hold a batch still open in Redis."""
    now = timezone.now().date()
    return [(now - timedelta(days=1)).isoformat(), now.isoformat()]


def unfolded(
    *, figures: dict[str, BufferedCounter], ids: list, latest: dict[object, list[dict]]
) -> dict[str, dict]:
    """Per daily figure (its name: the counter whose batches fold into it), each id's hits not
    in its day documents yet: pending, or in a batch that none of its latest day documents
    (`latest[id]`, read before this call, with their ledgers `<figure>_batches`) lists. A flush
    folds them into today's. One Redis round-trip (or none inside prefetched())."""
    counters = list(figures.values())
    found = {}
    with prefetched(counters=counters, ids=ids):
        for name, counter in figures.items():
            ledgers = [
                {
                    "_id": doc_id,
                    counter.batches_field: [
                        batch
                        for day in latest.get(doc_id, [])
                        for batch in day.get(f"{name}_batches") or []
                    ],
                }
                for doc_id in ids
            ]
            hits = counter.unflushed(docs=ledgers)
            found[name] = {doc_id: hits.get(str(doc_id), 0) for doc_id in ids}
    return found


@dataclass(frozen=True)
class DayChange:
    """What one batch adds to one document's figures of one day (`key`, `day`)."""

    key: ObjectId
    day: str
    increments: dict[str, float]
    on_insert: dict = field(default_factory=dict)


def fold_daily(
    *, collection: Collection, key: str, ledger: str, batch_id: str, changes: list[DayChange]
) -> None:
    """Add one batch to per-day figures (unique on `key`, day), once per batch: each day
    document lists in `ledger` the batches it holds."""
    guarded = [
        (
            {key: change.key, "day": change.day, ledger: {"$ne": batch_id}},
            {
                "$inc": change.increments,
                "$push": {ledger: {"$each": [batch_id], "$slice": -BATCH_HISTORY}},
            },
        )
        for change in changes
    ]
    operations = [
        UpdateOne(where, {**update, "$setOnInsert": change.on_insert}, upsert=True)
        if change.on_insert
        else UpdateOne(where, update, upsert=True)
        for (where, update), change in zip(guarded, changes, strict=True)
    ]
    if not operations:
        return
    try:
        collection.bulk_write(operations, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details["writeErrors"]
        if any(error["code"] != DUPLICATE_KEY for error in errors):
            raise
        # An upsert collides on the unique (key, day) index when its day document exists but
        # did not match: it already holds this batch, or another flush inserted it since the
        # lookup (a server retries only upserts whose filter is an equality on that index).
        # Either way the document exists now; the same guarded update, without the insert,
        # adds the batch to it unless it holds it already.
        retried = [UpdateOne(*guarded[error["index"]]) for error in errors]
        collection.bulk_write(retried, ordered=False)
