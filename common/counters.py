"""Hot counters: hits land in Redis and are folded into Mongo in idempotent, crash-safe batches.

A flush renames the pending hash to a batch key, applies it with `$inc` guarded by the batch id
(so a re-run never counts twice), then keeps the batch key for a grace period. Readers add to the
stored value every batch the document has not absorbed yet, so a number never goes backwards.

A Tally is the figure readers see (one counter, or a gained minus a lost counter); writers mark
the documents they change, which common.reconcile recounts from the records the figure stands
for (repairing what Redis lost), and count each record's changes in turn (common.turns).
"""

import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bson import ObjectId
from django.conf import settings
from pymongo import UpdateOne
from pymongo.collection import Collection

from common import live
from common.redis import get_redis

BATCH_HISTORY = 20
# Readers consult at most this many finished batches. A document remembers its last
# BATCH_HISTORY batches, so every finished batch that touched it is still in its list (with room
# for as many batches applied but not finished yet), however often flushes run.
DONE_HISTORY = BATCH_HISTORY // 2
GRACE_SECONDS = 120

_registry: dict[str, "BufferedCounter"] = {}


def registered_counters() -> list["BufferedCounter"]:
    """Every counter declared in this process, for metrics and snapshots to cover them all."""
    return list(_registry.values())


class BufferedCounter:
    """One counted field (say `views`) of one Mongo collection."""

    def __init__(
        self,
        *,
        name: str,
        collection: Callable[[], Collection],
        field: str,
        on_stored: Callable[[list[str]], None] | None = None,
        announce: bool = False,
    ):
        self.name = name
        self.collection = collection
        self.field = field
        # Told the ids (strings) whose stored value changed, after a flush or a repair.
        self.on_stored = on_stored
        # Whether event streams watching a document hear of its hits (common.live).
        self.announce = announce
        self.batches_field = f"{field}_batches"
        self.pending_key = f"counter:{name}:pending"
        self.inflight_key = f"counter:{name}:inflight"
        self.done_key = f"counter:{name}:done"
        _registry[name] = self

    def batch_key(self, batch_id: str) -> str:
        return f"counter:{self.name}:batch:{batch_id}"

    def add(self, *, doc_id: ObjectId, amount: int = 1) -> None:
        """Count a hit; durable in Redis now, in Mongo after the next flush."""
        get_redis().hincrby(self.pending_key, str(doc_id), amount)
        if self.announce:
            live.counters_changed([doc_id])

    def unflushed(self, *, docs: Iterable[dict]) -> dict[str, int]:
        """Hits not yet in each document's stored value, keyed by id string."""
        docs = list(docs)
        if not docs:
            return {}
        ids = [str(doc["_id"]) for doc in docs]
        pending, batches = counter_reads_for([self], ids)[self.name]
        totals = {doc_id: int(value or 0) for doc_id, value in zip(ids, pending, strict=True)}
        for batch_id, values in batches.items():
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
            pipe.zremrangebyrank(self.done_key, 0, -DONE_HISTORY - 1)
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
            self.stored(list(counts))

    def stored(self, doc_ids: list[str]) -> None:
        """Tell on_stored that these documents' stored values changed."""
        if self.on_stored is not None:
            self.on_stored(doc_ids)


_prefetch: ContextVar[tuple[list[str], dict] | None] = ContextVar("counter_prefetch", default=None)


# A Lua function: per counter name, the ids' pending values, then each unfinished or recent
# batch's id and values; inside one script, so no flush slips between the reads. Other scripts
# (the hot-read cache) embed it to read figures in the same round-trip as their own work.
READ_COUNTERS_LUA = """
local function hmget(key, ids)
  local values = {}
  for first = 1, #ids, 1000 do
    local part = redis.call('HMGET', key, unpack(ids, first, math.min(first + 999, #ids)))
    for i = 1, #part do values[first + i - 1] = part[i] end
  end
  return values
end
local function open_batches(prefix)
  local batches, seen = {}, {}
  for _, zset in ipairs({'inflight', 'done'}) do
    for _, batch in ipairs(redis.call('ZRANGE', prefix .. zset, 0, -1)) do
      if not seen[batch] then
        seen[batch] = true
        table.insert(batches, batch)
      end
    end
  end
  return batches
end
local function read_counters(ids, names)
  local out = {}
  for _, name in ipairs(names) do
    local prefix = 'counter:' .. name .. ':'
    local batches = {}
    for _, batch in ipairs(open_batches(prefix)) do
      table.insert(batches, batch)
      table.insert(batches, hmget(prefix .. 'batch:' .. batch, ids))
    end
    table.insert(out, {hmget(prefix .. 'pending', ids), batches})
  end
  return out
end
"""
# ARGV: the ids as JSON, then the counters' names.
_READ = READ_COUNTERS_LUA + "return read_counters(cjson.decode(ARGV[1]), {select(2, unpack(ARGV))})"
# ARGV as _READ's. The positions (from 1) of the ids that any of the counters holds a hit for,
# pending or in an unfinished or recent batch.
_WITH_HITS = (
    READ_COUNTERS_LUA
    + """
local ids, found, positions = cjson.decode(ARGV[1]), {}, {}
for n = 2, #ARGV do
  local prefix = 'counter:' .. ARGV[n] .. ':'
  local hashes = {prefix .. 'pending'}
  for _, batch in ipairs(open_batches(prefix)) do
    table.insert(hashes, prefix .. 'batch:' .. batch)
  end
  for _, hash in ipairs(hashes) do
    for i, value in ipairs(hmget(hash, ids)) do
      if value and not found[i] then
        found[i] = true
        table.insert(positions, i)
      end
    end
  end
end
return positions
"""
)


def counter_script_args(counters: list[BufferedCounter], ids: list[str]) -> list[str]:
    """The ARGV that READ_COUNTERS_LUA's callers pass: the ids, then the counters' names."""
    return [json.dumps(ids), *(counter.name for counter in counters)]


def counter_reads(counters: list[BufferedCounter], answer: list) -> dict[str, tuple]:
    """read_counters' answer as {counter name: (pending values, {batch id: values})}."""
    return {
        counter.name: (pending, dict(zip(batches[::2], batches[1::2], strict=True)))
        for counter, (pending, batches) in zip(counters, answer, strict=True)
    }


def _read_counters(counters: list[BufferedCounter], ids: list[str]) -> dict[str, tuple]:
    """Per counter: the ids' pending values and, per unfinished or recent batch, their values;
    one round-trip whatever the number of counters."""
    if not ids:
        return {counter.name: ([], {}) for counter in counters}
    answer = get_redis().eval(_READ, 0, *counter_script_args(counters, ids))
    return counter_reads(counters, answer)


def with_hits(counters: list[BufferedCounter], ids: list) -> set:
    """Those of the ids any of these counters holds hits for in Redis (pending, or in a batch
    unfinished or finished lately): the documents whose stored figures may not be all there is
    to show. One round-trip, whatever the number of ids."""
    if not ids:
        return set()
    keys = [str(doc_id) for doc_id in ids]
    positions = get_redis().eval(_WITH_HITS, 0, *counter_script_args(counters, keys))
    return {ids[position - 1] for position in positions}


def counter_reads_for(counters: list[BufferedCounter], ids: list[str]) -> dict[str, tuple]:
    """Each counter's read for these ids (as counter_reads gives it): those prefetched() holds
    for exactly these ids, the others in one round-trip, so they are read at one instant."""
    prefetch = _prefetch.get()
    found = dict(prefetch[1]) if prefetch is not None and prefetch[0] == ids else {}
    missing = [counter for counter in counters if counter.name not in found]
    if missing:
        found.update(_read_counters(missing, ids))
    return found


@contextmanager
def prefetched(
    *, counters: list[BufferedCounter], ids: list, reads: dict[str, tuple] | None = None
) -> Iterator[None]:
    """Read several counters for the same documents in one go (or use `reads` already made by
    counter_reads); unflushed() calls for exactly these ids inside the block use them instead
    of asking Redis each time."""
    ids = [str(doc_id) for doc_id in ids]
    token = _prefetch.set((ids, reads if reads is not None else counter_reads_for(counters, ids)))
    try:
        yield
    finally:
        _prefetch.reset(token)


def now_ms() -> int:
    """Milliseconds since the epoch: when a document was last touched."""
    return int(time.time() * 1000)


class Tally:
    """A figure readers see: stored plus unflushed of `gained`, minus those of `lost` if given.

    Both counters count in the same collection. Writers `touch` a document before changing the
    records the figure stands for, so reconcile leaves documents with work in flight alone.
    """

    def __init__(self, *, name: str, gained: BufferedCounter, lost: BufferedCounter | None = None):
        self.name = name
        self.gained = gained
        self.lost = lost
        self.counters = [gained] if lost is None else [gained, lost]

    @property
    def projection(self) -> dict[str, int]:
        """The fields `current` reads from a raw document."""
        fields = {}
        for counter in self.counters:
            fields.update({counter.field: 1, counter.batches_field: 1})
        return fields

    def touched_key(self, doc_id) -> str:
        return f"counter:{self.name}:touched:{doc_id}"

    @property
    def changed_key(self) -> str:
        """A sorted set of the documents touched since reconcile last checked them, by time."""
        return f"counter:{self.name}:changed"

    @property
    def sweep_key(self) -> str:
        """The last id the slow sweep checked (absent: start from the first)."""
        return f"counter:{self.name}:sweep"

    def touch(self, *, doc_id: ObjectId) -> None:
        """Mark a document as changing now: reconcile skips it for RECONCILE_QUIET_SECONDS, then
        checks it on its next run."""
        pipe = get_redis().pipeline(transaction=False)
        pipe.set(self.touched_key(doc_id), 1, ex=settings.RECONCILE_QUIET_SECONDS)
        pipe.zadd(self.changed_key, {str(doc_id): now_ms()})
        pipe.execute()

    def current(self, *, docs: Iterable) -> dict[ObjectId, int]:
        """Stored plus unflushed per document (raw dicts or documents), keyed by id; never below
        0. Writers that count each record's changes in turn (common.turns: likes, subscriptions)
        keep it at most the records there are or being written; only a delta Redis lost can take
        it out of that range, until reconcile repairs it."""
        return {doc_id: max(0, figure) for doc_id, figure in self.counted(docs=docs).items()}

    def stored_figure(self, doc: dict) -> int:
        """The figure a raw document holds by itself (nothing from Redis), never below 0."""
        figure = doc.get(self.gained.field) or 0
        if self.lost is not None:
            figure -= doc.get(self.lost.field) or 0
        return max(0, figure)

    def counted(self, *, docs: Iterable) -> dict[ObjectId, int]:
        """Stored plus unflushed per document, every counter read at one instant, unclamped
        (what reconcile compares with the records)."""
        rows = [self._row(doc) for doc in docs]
        totals = {row["_id"]: 0 for row in rows}
        with prefetched(counters=self.counters, ids=[row["_id"] for row in rows]):
            for sign, counter in zip((1, -1), self.counters, strict=False):
                extra = counter.unflushed(docs=rows)
                for row in rows:
                    stored = row.get(counter.field) or 0
                    totals[row["_id"]] += sign * (stored + extra.get(str(row["_id"]), 0))
        return totals

    def _row(self, doc) -> dict:
        if isinstance(doc, dict):
            return doc
        row = {"_id": doc.pk}
        for counter in self.counters:
            row[counter.field] = getattr(doc, counter.field, 0)
            row[counter.batches_field] = getattr(doc, counter.batches_field, None) or []
        return row


def summed(
    *, tallies: dict[str, Tally], collection: Collection, where: dict
) -> tuple[int, dict[str, int]]:
    """How many documents match `where`, and each tally's figure (as current() shows it) summed
    over them. Stored figures are read for all; only documents with hits in Redis are read
    whole, before their counters, as current() needs: two Mongo reads and two Redis round-trips,
    whatever the number of documents."""
    counters = [counter for tally in tallies.values() for counter in tally.counters]
    docs = list(collection.find(where, {counter.field: 1 for counter in counters}))
    busy = with_hits(counters, [doc["_id"] for doc in docs])
    totals = {
        name: sum(tally.stored_figure(doc) for doc in docs if doc["_id"] not in busy)
        for name, tally in tallies.items()
    }
    if busy:
        projection = {}
        for tally in tallies.values():
            projection.update(tally.projection)
        fresh = list(collection.find({"_id": {"$in": list(busy)}}, projection))
        with prefetched(counters=counters, ids=[doc["_id"] for doc in fresh]):
            for name, tally in tallies.items():
                totals[name] += sum(tally.current(docs=fresh).values())
    return len(docs), totals
