"""Hot counters: hits land in Redis and are folded into Mongo in idempotent, crash-safe batches.

A flush renames the pending hash to a batch key, applies it with `$inc` guarded by the batch id
(so a re-run never counts twice), then keeps the batch key for a grace period. Readers add to the
stored value every batch the document has not absorbed yet, so a number never goes backwards.

Counters are declared in groups (one per collection): every key of a group carries its hash tag
(`counter:{videos}:views:pending`), so a script or transaction over a group's counters, tallies
and turns touches one slot of a Redis Cluster. Batches live in a fixed ring of BATCH_HISTORY
hashes per counter, so scripts name every key they read in KEYS; a batch id ends with its place
in the ring (`<uuid>.<place>`).

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
from common.redis import get_redis, queue_script

BATCH_HISTORY = 20
# Readers consult at most this many finished batches. A document remembers its last
# BATCH_HISTORY batches, so every finished batch that touched it is still in its list (with room
# for as many batches applied but not finished yet: the ring has BATCH_HISTORY places, and a
# flush cuts no new batch while every place holds an unfinished or consulted one), however often
# flushes run.
DONE_HISTORY = BATCH_HISTORY // 2
GRACE_SECONDS = 120
# A queued note is remembered this long: a removal killed before it recorded the queueing is run
# again well within it (a retried task), and queues nothing twice.
QUEUED_NOTE_SECONDS = 7 * 24 * 3600

_registry: dict[str, "BufferedCounter"] = {}
_tallies: dict[str, "Tally"] = {}


def registered_counters() -> list["BufferedCounter"]:
    """Every counter declared in this process, for metrics and snapshots to cover them all."""
    return list(_registry.values())


def registered_tallies() -> list["Tally"]:
    """Every tally declared in this process, so removals can name one and find it again."""
    return list(_tallies.values())


class BufferedCounter:
    """One counted field (say `views`) of one Mongo collection."""

    def __init__(
        self,
        *,
        name: str,
        collection: Callable[[], Collection],
        field: str,
        group: str,
        on_stored: Callable[[list[str]], None] | None = None,
        announce: bool = False,
    ):
        self.name = name
        self.collection = collection
        self.field = field
        # Counters read or counted together (one collection's) share a group: one hash slot.
        self.group = group
        # Told the ids (strings) whose stored value changed, after a flush or a repair.
        self.on_stored = on_stored
        # Whether event streams watching a document hear of its hits (common.live).
        self.announce = announce
        self.batches_field = f"{field}_batches"
        prefix = self.prefix = f"{group_prefix(group)}{name}:"
        self.pending_key = f"{prefix}pending"
        self.inflight_key = f"{prefix}inflight"
        self.done_key = f"{prefix}done"
        self.ring_keys = [f"{prefix}batch:{place}" for place in range(BATCH_HISTORY)]
        _registry[name] = self

    @property
    def keys(self) -> list[str]:
        """Every key of the counter, as the scripts take them: pending, in-flight and finished
        batch ids, then the ring of batch hashes."""
        return [self.pending_key, self.inflight_key, self.done_key, *self.ring_keys]

    def batch_key(self, batch_id: str) -> str:
        return self.ring_keys[int(batch_id.rsplit(".", 1)[1])]

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
        redis.eval(_CUT, len(self.keys), *self.keys, uuid.uuid4().hex, time.time())
        applied = 0
        for open_batch in redis.zrange(self.inflight_key, 0, -1):
            keys = [self.inflight_key, self.done_key, self.batch_key(open_batch)]
            found = redis.eval(_OPEN_BATCH, len(keys), *keys, open_batch)
            counts = {key: int(value) for key, value in zip(found[::2], found[1::2], strict=True)}
            if counts:
                self._apply(open_batch, counts)
                if on_applied:
                    on_applied(open_batch, counts)
                applied += sum(counts.values())
            now = time.time()
            redis.eval(_FINISH, len(keys), *keys, open_batch, now, GRACE_SECONDS, DONE_HISTORY)
        return applied

    def queue_batch(self, *, note_id: str, counts: dict[str, int]) -> bool:
        """Queue a batch of deltas for the next flush to apply once, under a note the caller
        keeps: queueing the same note again does nothing. False while every place of the ring
        holds a batch (the caller tries again after a flush)."""
        amounts = [value for pair in counts.items() for value in (pair[0], int(pair[1]))]
        keys = [*self.keys, f"{self.prefix}queued:{note_id}"]
        queued = get_redis().eval(
            _QUEUE, len(keys), *keys, uuid.uuid4().hex, time.time(), QUEUED_NOTE_SECONDS, *amounts
        )
        return bool(queued)

    def forget(self, *, doc_ids: Iterable) -> None:
        """Drop every hit waiting for these documents (they are being deleted): pending, and in
        the batches Redis still keeps."""
        ids = [str(doc_id) for doc_id in doc_ids]
        if not ids:
            return
        redis = get_redis()
        batches = {*redis.zrange(self.inflight_key, 0, -1), *redis.zrange(self.done_key, 0, -1)}
        pipe = redis.pipeline(transaction=False)
        for key in (self.pending_key, *map(self.batch_key, sorted(batches))):
            pipe.hdel(key, *ids)
        pipe.execute()

    def apply(self, batch_id: str, counts: dict[str, int]) -> None:
        """Add a batch to the stored values now, once: a document that holds it is skipped. For
        figures kept only in Mongo; buffered ones go through queue_batch and the next flush."""
        self._apply(batch_id, counts)

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


def group_prefix(group: str) -> str:
    """How every key of a group of counters begins: its hash tag names the group."""
    return f"counter:{{{group}}}:"


def group_of(counters: Iterable[BufferedCounter]) -> str:
    """The one group these counters share; a script over counters of two groups would touch
    two slots, so asking for one is a programming error."""
    groups = {counter.group for counter in counters}
    if len(groups) != 1:
        raise ValueError(f"Counters of one group are read together, not of {sorted(groups)}")
    return groups.pop()


# Lua: the places of the ring whose batch is in flight or finished (KEYS[2], KEYS[3]), as `taken`.
_TAKEN_PLACES = """\
local taken = {}
for z = 2, 3 do
  for _, batch in ipairs(redis.call('ZRANGE', KEYS[z], 0, -1)) do
    taken[tonumber(string.match(batch, '%.(%d+)$'))] = true
  end
end
"""

# KEYS: a counter's keys (BufferedCounter.keys); ARGV: a fresh batch id, the time. Renames the
# pending hash into a free place of the ring as a new in-flight batch (none when nothing is
# pending, or every place still holds a batch being applied or read).
_CUT = (
    """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
"""
    + _TAKEN_PLACES
    + """for place = 0, #KEYS - 4 do
  if not taken[place] then
    local batch = ARGV[1] .. '.' .. place
    redis.call('RENAME', KEYS[1], KEYS[4 + place])
    redis.call('ZADD', KEYS[2], ARGV[2], batch)
    return batch
  end
end
return false
"""
)

# KEYS: a counter's keys, then the note's mark; ARGV: a fresh batch id, the time, how long the
# mark stays, then document ids and amounts. Writes the amounts as a new in-flight batch in a
# free place of the ring and marks the note queued, unless it was (its batch id is answered).
_QUEUE = (
    """
local queued = redis.call('GET', KEYS[#KEYS])
if queued then return queued end
"""
    + _TAKEN_PLACES
    + """for place = 0, #KEYS - 5 do
  if not taken[place] then
    local batch = ARGV[1] .. '.' .. place
    redis.call('DEL', KEYS[4 + place])
    redis.call('HSET', KEYS[4 + place], unpack(ARGV, 4))
    redis.call('ZADD', KEYS[2], ARGV[2], batch)
    redis.call('SET', KEYS[#KEYS], batch, 'EX', ARGV[3])
    return batch
  end
end
return false
"""
)

# KEYS: a counter's in-flight and finished batch ids, and a batch's place in the ring; ARGV: the
# batch id. The batch's hits while it is in flight (a batch finished by a rival flush may have
# left its place to a newer batch already).
_OPEN_BATCH = """
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return redis.call('HGETALL', KEYS[3]) end
return {}
"""
# KEYS as _OPEN_BATCH's; ARGV: the batch id, the time, the grace period, the number of finished
# batches readers consult. Moves an applied batch from in flight to finished (once, whichever
# flush gets there first), to expire after the grace period.
_FINISH = """
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[3], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2] - ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -ARGV[4] - 1)
return 1
"""

# Lua functions over the keys of counters (BufferedCounter.keys, each counter's after the
# previous one's, ARGV[2] keys each): per counter, the ids' pending values, then each unfinished
# or recent batch's id and values; inside one script, so no flush slips between the reads.
_COUNTER_FUNCTIONS = """
local function hmget(key, ids)
  local values = {}
  for first = 1, #ids, 1000 do
    local part = redis.call('HMGET', key, unpack(ids, first, math.min(first + 999, #ids)))
    for i = 1, #part do values[first + i - 1] = part[i] end
  end
  return values
end
local function open_batches(first)
  local batches, seen = {}, {}
  for z = first + 1, first + 2 do
    for _, batch in ipairs(redis.call('ZRANGE', KEYS[z], 0, -1)) do
      if not seen[batch] then
        seen[batch] = true
        table.insert(batches, batch)
      end
    end
  end
  return batches
end
local function batch_key(first, batch)
  return KEYS[first + 3 + tonumber(string.match(batch, '%.(%d+)$'))]
end
"""
# ARGV: the ids as JSON, the number of keys per counter.
_READ = (
    _COUNTER_FUNCTIONS
    + """
local ids, out = cjson.decode(ARGV[1]), {}
for first = 1, #KEYS, tonumber(ARGV[2]) do
  local batches = {}
  for _, batch in ipairs(open_batches(first)) do
    table.insert(batches, batch)
    table.insert(batches, hmget(batch_key(first, batch), ids))
  end
  table.insert(out, {hmget(KEYS[first], ids), batches})
end
return out
"""
)
# ARGV as _READ's. The positions (from 1) of the ids that any of the counters holds a hit for,
# pending or in an unfinished or recent batch.
_WITH_HITS = (
    _COUNTER_FUNCTIONS
    + """
local ids, found, positions = cjson.decode(ARGV[1]), {}, {}
for first = 1, #KEYS, tonumber(ARGV[2]) do
  local hashes = {KEYS[first]}
  for _, batch in ipairs(open_batches(first)) do
    table.insert(hashes, batch_key(first, batch))
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


def _counter_script(counters: list[BufferedCounter], ids: list[str]) -> tuple[list, list]:
    """The keys and ARGV of _READ and _WITH_HITS: every key of the counters (of one group, so
    one slot); the ids, the number of keys per counter."""
    group_of(counters)
    keys = [key for counter in counters for key in counter.keys]
    return keys, [json.dumps(ids), len(counters[0].keys)]


def queue_counter_read(pipe, counters: list[BufferedCounter], ids: list[str]) -> None:
    """Add the counters' read for these ids to a pipeline; counter_reads() takes its answer."""
    keys, args = _counter_script(counters, ids)
    queue_script(pipe, _READ, keys=keys, args=args)


def counter_reads(counters: list[BufferedCounter], answer: list) -> dict[str, tuple]:
    """A read's answer as {counter name: (pending values, {batch id: values})}."""
    return {
        counter.name: (pending, dict(zip(batches[::2], batches[1::2], strict=True)))
        for counter, (pending, batches) in zip(counters, answer, strict=True)
    }


def _read_counters(counters: list[BufferedCounter], ids: list[str]) -> dict[str, tuple]:
    """Per counter: the ids' pending values and, per unfinished or recent batch, their values;
    one round-trip whatever the number of counters."""
    if not ids:
        return {counter.name: ([], {}) for counter in counters}
    keys, args = _counter_script(counters, ids)
    answer = get_redis().eval(_READ, len(keys), *keys, *args)
    return counter_reads(counters, answer)


def with_hits(counters: list[BufferedCounter], ids: list) -> set:
    """Those of the ids any of these counters holds hits for in Redis (pending, or in a batch
    unfinished or finished lately): the documents whose stored figures may not be all there is
    to show. One round-trip, whatever the number of ids."""
    if not ids:
        return set()
    keys, args = _counter_script(counters, [str(doc_id) for doc_id in ids])
    positions = get_redis().eval(_WITH_HITS, len(keys), *keys, *args)
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
        self.group = group_of(self.counters)
        self.prefix = f"{group_prefix(self.group)}{name}:"
        _tallies[name] = self

    @property
    def projection(self) -> dict[str, int]:
        """The fields `current` reads from a raw document."""
        fields = {}
        for counter in self.counters:
            fields.update({counter.field: 1, counter.batches_field: 1})
        return fields

    def touched_key(self, doc_id) -> str:
        return f"{self.prefix}touched:{doc_id}"

    @property
    def changed_key(self) -> str:
        """A sorted set of the documents touched since reconcile last checked them, by time."""
        return f"{self.prefix}changed"

    @property
    def sweep_key(self) -> str:
        """The last id the slow sweep checked (absent: start from the first)."""
        return f"{self.prefix}sweep"

    def forget(self, *, doc_ids: Iterable) -> None:
        """Forget documents being deleted: their waiting hits, change marks and sweep place."""
        ids = [str(doc_id) for doc_id in doc_ids]
        if not ids:
            return
        for counter in self.counters:
            counter.forget(doc_ids=ids)
        redis = get_redis()
        pipe = redis.pipeline(transaction=False)
        pipe.zrem(self.changed_key, *ids)
        for doc_id in ids:
            pipe.delete(self.touched_key(doc_id))
        pipe.get(self.sweep_key)
        swept = pipe.execute()[-1]
        if swept in ids:
            redis.delete(self.sweep_key)

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
