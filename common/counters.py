"""Hot counters: hits land in Redis and are folded into Mongo in idempotent, crash-safe batches.

A flush renames the pending hash to a batch key, applies it with `$inc` guarded by the batch id
(so a re-run never counts twice), then keeps the batch key for a grace period. Readers add to the
stored value every batch the document has not absorbed yet, so a number never goes backwards.

A Tally is the figure readers see (one counter, or a gained minus a lost counter); its reconcile
recounts from the records the figure stands for and repairs what Redis lost, leaving alone the
documents that changed recently.
"""

import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from bson import ObjectId
from django.conf import settings
from django.utils import timezone
from pymongo import UpdateOne
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from common.errors import Conflict
from common.redis import get_redis

BATCH_HISTORY = 20
# Readers consult at most this many finished batches. A document remembers its last
# BATCH_HISTORY batches, so every finished batch that touched it is still in its list (with room
# for as many batches applied but not finished yet), however often flushes run.
DONE_HISTORY = BATCH_HISTORY // 2
GRACE_SECONDS = 120
RECONCILE_CHUNK = 500
# A record's turn (see in_turn) ends by itself after this long if its holder died.
TURN_SECONDS = 5.0
DUPLICATE_KEY = 11000

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
    ):
        self.name = name
        self.collection = collection
        self.field = field
        # Told the ids (strings) whose stored value changed, after a flush or a repair.
        self.on_stored = on_stored
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
local function read_counters(ids, names)
  local out = {}
  for _, name in ipairs(names) do
    local prefix = 'counter:' .. name .. ':'
    local pending = redis.call('HMGET', prefix .. 'pending', unpack(ids))
    local batches, seen = {}, {}
    for _, zset in ipairs({'inflight', 'done'}) do
      for _, batch in ipairs(redis.call('ZRANGE', prefix .. zset, 0, -1)) do
        if not seen[batch] then
          seen[batch] = true
          table.insert(batches, batch)
          table.insert(batches, redis.call('HMGET', prefix .. 'batch:' .. batch, unpack(ids)))
        end
      end
    end
    table.insert(out, {pending, batches})
  end
  return out
end
"""
# ARGV: the ids as JSON, then the counters' names.
_READ = READ_COUNTERS_LUA + "return read_counters(cjson.decode(ARGV[1]), {select(2, unpack(ARGV))})"


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


def today() -> str:
    """The UTC day a batch applied now is folded into, as per-day figures name days."""
    return timezone.now().date().isoformat()


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


@dataclass(frozen=True)
class Repair:
    """What one reconcile found: documents checked, and those repaired and by how much in all."""

    checked: int = 0
    repaired: int = 0
    amount: int = 0

    def __add__(self, other: "Repair") -> "Repair":
        return Repair(
            checked=self.checked + other.checked,
            repaired=self.repaired + other.repaired,
            amount=self.amount + other.amount,
        )


def clock() -> float:
    """Seconds on a clock that only goes forward; reconcile's time budget is measured on it."""
    return time.monotonic()


def reconcile_until() -> float:
    """When a reconcile run that starts now must stop: RECONCILE_BUDGET_SECONDS from now."""
    return clock() + settings.RECONCILE_BUDGET_SECONDS


def _now_ms() -> int:
    return int(time.time() * 1000)


# KEYS: the changed set; ARGV: pairs of a member and the score it had when it was read. Forgets
# the members checked since, unless they were touched again meanwhile.
_FORGET_UNCHANGED = """
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return 1
"""


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
        pipe.zadd(self.changed_key, {str(doc_id): _now_ms()})
        pipe.execute()

    def current(self, *, docs: Iterable) -> dict[ObjectId, int]:
        """Stored plus unflushed per document (raw dicts or documents), keyed by id; never below
        0. Writers count each record's changes in turn (in_turn), so the figure is at most the
        records there are or being written; only a delta Redis lost can take it out of that
        range, until reconcile repairs it."""
        return {doc_id: max(0, figure) for doc_id, figure in self._counted(docs=docs).items()}

    def _counted(self, *, docs: Iterable) -> dict[ObjectId, int]:
        """Stored plus unflushed per document, every counter read at one instant."""
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

    def reconcile(
        self, *, count: Callable[[list[ObjectId]], dict[ObjectId, int]], until: float
    ) -> Repair:
        """Make quiet documents show what `count` finds for them (counted from the records;
        absent means 0): those touched since the last run, oldest change first, then the next
        RECONCILE_SWEEP_DOCS of a sweep through the whole collection that resumes where it
        stopped and starts over at its end (drift where nothing changed is found too), while
        clock() is before `until`. What is left waits for the next run.

        Callers flush the counters first. Each repair is an `$inc` conditional on the stored
        values read, so a flush or another reconcile in between makes it a no-op, never a double.
        Each chunk is recounted just before its documents are read and checked: a change that
        began after the recount is still marked as touched when its document is checked.
        """
        redis = get_redis()
        found = Repair()
        changed = redis.zrange(self.changed_key, 0, -1, withscores=True)
        for start in range(0, len(changed), RECONCILE_CHUNK):
            if clock() >= until:
                return found
            chunk = dict(changed[start : start + RECONCILE_CHUNK])
            repair, quiet = self._check(ids=[ObjectId(key) for key in chunk], count=count)
            found = found + repair
            checked_since = [value for key in quiet for value in (str(key), int(chunk[str(key)]))]
            if checked_since:
                redis.eval(_FORGET_UNCHANGED, 1, self.changed_key, *checked_since)
        return found + self._sweep(count=count, until=until)

    def _sweep(self, *, count: Callable, until: float) -> Repair:
        """Check the next RECONCILE_SWEEP_DOCS documents in id order after the last swept."""
        redis = get_redis()
        collection = self.gained.collection()
        found = Repair()
        left = settings.RECONCILE_SWEEP_DOCS
        while left > 0 and clock() < until:
            after = redis.get(self.sweep_key)
            where = {"_id": {"$gt": ObjectId(after)}} if after else {}
            size = min(left, RECONCILE_CHUNK)
            ids = [
                doc["_id"] for doc in collection.find(where, {"_id": 1}).sort("_id", 1).limit(size)
            ]
            repair, _ = self._check(ids=ids, count=count)
            found = found + repair
            left -= size
            if len(ids) < size:
                redis.delete(self.sweep_key)  # the end: the next sweep starts over
                break
            redis.set(self.sweep_key, str(ids[-1]))
        return found

    def _check(self, *, ids: list[ObjectId], count: Callable) -> tuple[Repair, list[ObjectId]]:
        """Recount these documents and repair the quiet ones that drifted; returns what it
        found, and the ids that were quiet (checked, or gone)."""
        if not ids:
            return Repair(), []
        collection = self.gained.collection()
        truth = count(ids)
        docs = list(collection.find({"_id": {"$in": ids}}, self.projection))
        shown = self._counted(docs=docs)
        busy = dict(zip(ids, get_redis().mget([self.touched_key(i) for i in ids]), strict=True))
        repaired = amount = 0
        for doc in docs:
            drift = truth.get(doc["_id"], 0) - shown[doc["_id"]]
            if drift and not busy[doc["_id"]] and self._repair(collection, doc, drift):
                repaired += 1
                amount += abs(drift)
        repair = Repair(checked=len(docs), repaired=repaired, amount=amount)
        return repair, [doc_id for doc_id in ids if not busy[doc_id]]

    def _repair(self, collection: Collection, doc: dict, drift: int) -> bool:
        """Move the stored figure by `drift`, unless a stored value changed since it was read."""
        guard = {"_id": doc["_id"]}
        for counter in self.counters:
            guard[counter.field] = doc.get(counter.field)
        if drift > 0 or self.lost is None:
            field, step = self.gained.field, drift
        else:
            field, step = self.lost.field, -drift
        if collection.update_one(guard, {"$inc": {field: step}}).modified_count != 1:
            return False
        self.gained.stored([str(doc["_id"])])
        return True


# KEYS: the record's turn, then per document its touched mark and its tally's changed set;
# ARGV: the token, the turn's and the marks' lifetimes, the time, then the documents' ids. Marks
# the documents as changing (as Tally.touch does), then takes the turn if it is free.
_BEGIN_TURN = """
for i = 1, (#KEYS - 1) / 2 do
  redis.call('SET', KEYS[2 * i], 1, 'EX', ARGV[3])
  redis.call('ZADD', KEYS[2 * i + 1], ARGV[4], ARGV[4 + i])
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
"""
# KEYS: the record's turn, then a pending hash per count; ARGV: the token, then per count a
# document id and an amount. Counts the change, then hands the turn on if it is still ours.
_END_TURN = """
for i = 2, #KEYS do redis.call('HINCRBY', KEYS[i], ARGV[2 * i - 2], ARGV[2 * i - 1]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""


class Change:
    """The counts one change of a record makes, added to Redis as its turn ends."""

    def __init__(self):
        self.counts: list[tuple[BufferedCounter, str, int]] = []

    def count(self, counter: BufferedCounter, *, doc_id: ObjectId, amount: int = 1) -> None:
        self.counts.append((counter, str(doc_id), amount))


@contextmanager
def in_turn(*, record: str, touching: list[tuple[Tally, ObjectId]]) -> Iterator[Change]:
    """Change one record (a user's like of a target, a subscription) in its turn, counting the
    change before the turn ends: changes of one record then count in the order they were made,
    so a figure never shows a state the records never had (an unlike counted before the like it
    undoes). Marks the documents as changing for reconcile, in the same round-trip."""
    redis = get_redis()
    token = uuid.uuid4().hex
    turn = f"counter:turn:{record}"
    marks = [
        key for tally, doc_id in touching for key in (tally.touched_key(doc_id), tally.changed_key)
    ]
    ids = [str(doc_id) for _, doc_id in touching]
    lifetimes = [int(TURN_SECONDS * 1000), settings.RECONCILE_QUIET_SECONDS]
    deadline = time.monotonic() + 2 * TURN_SECONDS
    pause = 0.002
    while not redis.eval(
        _BEGIN_TURN, 1 + len(marks), turn, *marks, token, *lifetimes, _now_ms(), *ids
    ):
        if time.monotonic() > deadline:
            raise Conflict("This changes too often at once; try again.", code="concurrent_edit")
        time.sleep(pause)
        pause = min(2 * pause, 0.05)
    change = Change()
    try:
        yield change
    finally:
        keys = [counter.pending_key for counter, _, _ in change.counts]
        amounts = [value for _, doc_id, amount in change.counts for value in (doc_id, amount)]
        redis.eval(_END_TURN, 1 + len(keys), turn, *keys, token, *amounts)
