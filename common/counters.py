"""Hot counters: hits land in Redis and are folded into Mongo in idempotent, crash-safe batches.

A flush renames the pending hash to a batch key, applies it with `$inc` guarded by the batch id
(so a re-run never counts twice), then keeps the batch key for a grace period. Readers add to the
stored value every batch the document has not absorbed yet, so a number never goes backwards.
"""

import time
import uuid
from collections.abc import Callable, Iterable

from bson import ObjectId
from pymongo import UpdateOne
from pymongo.collection import Collection

from common.redis import get_redis

BATCH_HISTORY = 20
GRACE_SECONDS = 120


class BufferedCounter:
    """One counted field (say `views`) of one Mongo collection."""

    def __init__(self, *, name: str, collection: Callable[[], Collection], field: str):
        self.name = name
        self.collection = collection
        self.field = field
        self.batches_field = f"{field}_batches"
        self.pending_key = f"counter:{name}:pending"
        self.inflight_key = f"counter:{name}:inflight"
        self.done_key = f"counter:{name}:done"

    def batch_key(self, batch_id: str) -> str:
        return f"counter:{self.name}:batch:{batch_id}"

    def add(self, *, doc_id: ObjectId, amount: int = 1) -> None:
        """Count a hit; durable in Redis now, in Mongo after the next flush."""
        get_redis().hincrby(self.pending_key, str(doc_id), amount)

    def unflushed(self, *, docs: Iterable[dict]) -> dict[str, int]:
        """Hits not yet in each document's stored value, keyed by id string."""
        docs = list(docs)
        if not docs:
            return {}
        ids = [str(doc["_id"]) for doc in docs]
        redis = get_redis()
        pipe = redis.pipeline(transaction=True)
        pipe.hmget(self.pending_key, ids)
        pipe.zrange(self.inflight_key, 0, -1)
        pipe.zrange(self.done_key, 0, -1)
        pending, inflight, done = pipe.execute()
        batch_ids = list(dict.fromkeys([*inflight, *done]))
        totals = {doc_id: int(value or 0) for doc_id, value in zip(ids, pending, strict=True)}
        if batch_ids:
            pipe = redis.pipeline(transaction=True)
            for batch_id in batch_ids:
                pipe.hmget(self.batch_key(batch_id), ids)
            for batch_id, values in zip(batch_ids, pipe.execute(), strict=True):
                for doc, doc_id, value in zip(docs, ids, values, strict=True):
                    if value and batch_id not in doc.get(self.batches_field, ()):
                        totals[doc_id] += int(value)
        return totals

    def flush(self, *, on_applied: Callable[[str, dict[str, int]], None] | None = None) -> int:
        """Fold every pending and unfinished batch into Mongo; safe to run twice or concurrently."""
        redis = get_redis()
        if redis.exists(self.pending_key):
            batch_id = uuid.uuid4().hex
            pipe = redis.pipeline(transaction=True)
            pipe.rename(self.pending_key, self.batch_key(batch_id))
            pipe.zadd(self.inflight_key, {batch_id: time.time()})
            pipe.execute(raise_on_error=False)
        applied = 0
        for open_batch in redis.zrange(self.inflight_key, 0, -1):
            counts = {
                key: int(value) for key, value in redis.hgetall(self.batch_key(open_batch)).items()
            }
            if counts:
                self._apply(open_batch, counts)
                if on_applied:
                    on_applied(open_batch, counts)
                applied += sum(counts.values())
            pipe = redis.pipeline(transaction=True)
            pipe.expire(self.batch_key(open_batch), GRACE_SECONDS)
            pipe.zrem(self.inflight_key, open_batch)
            pipe.zadd(self.done_key, {open_batch: time.time()})
            pipe.zremrangebyscore(self.done_key, "-inf", time.time() - GRACE_SECONDS)
            pipe.execute()
        return applied

    def _apply(self, batch_id: str, counts: dict[str, int]) -> None:
        operations = [
            UpdateOne(
                {"_id": ObjectId(doc_id), self.batches_field: {"$ne": batch_id}},
                {
                    "$inc": {self.field: amount},
                    "$push": {self.batches_field: {"$each": [batch_id], "$slice": -BATCH_HISTORY}},
                },
            )
            for doc_id, amount in counts.items()
            if ObjectId.is_valid(doc_id)
        ]
        if operations:
            self.collection().bulk_write(operations, ordered=False)
