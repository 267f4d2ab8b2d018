"""Reconcile: recount a figure from the records it stands for and repair what Redis lost.

A run never scans a whole collection: it checks the documents touched since the last run
(Tally.touch and in_turn note them), then the next few of a slow sweep through every document,
so drift where nothing changed is found too, and stops when its time is up; the next run
resumes. Documents touched within RECONCILE_QUIET_SECONDS are left for a later run.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from bson import ObjectId
from django.conf import settings
from pymongo.collection import Collection

from common.counters import Tally
from common.redis import get_redis

RECONCILE_CHUNK = 500

Count = Callable[[list[ObjectId]], dict[ObjectId, int]]


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
    """Seconds on a clock that only goes forward; a run's time budget is measured on it."""
    return time.monotonic()


def reconcile_until() -> float:
    """When a reconcile run that starts now must stop: RECONCILE_BUDGET_SECONDS from now."""
    return clock() + settings.RECONCILE_BUDGET_SECONDS


# KEYS: the changed set; ARGV: pairs of a member and the score it had when it was read. Forgets
# the members checked since, unless they were touched again meanwhile; returns how many it forgot.
_FORGET_UNCHANGED = """
local forgotten = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then
    forgotten = forgotten + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return forgotten
"""


def reconcile(*, tally: Tally, count: Count, until: float) -> Repair:
    """Make the tally's quiet documents show what `count` finds for them (counted from the
    records; absent means 0): those touched since the last run, oldest change first, then the
    next RECONCILE_SWEEP_DOCS of the sweep, while clock() is before `until`.

    Callers flush the counters first. Each repair is an `$inc` conditional on the stored values
    read, so a flush or another reconcile in between makes it a no-op, never a double. Each
    chunk is recounted just before its documents are read and checked: a change that began
    after the recount is still marked as touched when its document is checked.
    """
    redis = get_redis()
    found = Repair()
    start = 0
    while chunk := redis.zrange(
        tally.changed_key, start, start + RECONCILE_CHUNK - 1, withscores=True
    ):
        if clock() >= until:
            return found
        scores = dict(chunk)
        ids = [ObjectId(key) for key in scores if ObjectId.is_valid(key)]
        repair, quiet = _check(tally=tally, ids=ids, count=count)
        found = found + repair
        checked = [value for key in quiet for value in (str(key), int(scores[str(key)]))]
        forgotten = redis.eval(_FORGET_UNCHANGED, 1, tally.changed_key, *checked) if checked else 0
        start += len(chunk) - forgotten  # what stays (busy, or touched again) is passed over
    return found + _sweep(tally=tally, count=count, until=until)


def _sweep(*, tally: Tally, count: Count, until: float) -> Repair:
    """Check the next RECONCILE_SWEEP_DOCS documents in id order after the last swept, starting
    over after the last document."""
    redis = get_redis()
    collection = tally.gained.collection()
    found = Repair()
    left = settings.RECONCILE_SWEEP_DOCS
    while left > 0 and clock() < until:
        after = redis.get(tally.sweep_key)
        where = {"_id": {"$gt": ObjectId(after)}} if after else {}
        size = min(left, RECONCILE_CHUNK)
        ids = [doc["_id"] for doc in collection.find(where, {"_id": 1}).sort("_id", 1).limit(size)]
        repair, _ = _check(tally=tally, ids=ids, count=count)
        found = found + repair
        left -= size
        if len(ids) < size:
            redis.delete(tally.sweep_key)
            break
        redis.set(tally.sweep_key, str(ids[-1]))
    return found


def _check(*, tally: Tally, ids: list[ObjectId], count: Count) -> tuple[Repair, list[ObjectId]]:
    """Recount these documents and repair the quiet ones that drifted; returns what it found,
    and the ids that were quiet (checked, or gone)."""
    if not ids:
        return Repair(), []
    collection = tally.gained.collection()
    truth = count(ids)
    docs = list(collection.find({"_id": {"$in": ids}}, tally.projection))
    shown = tally.counted(docs=docs)
    marks = get_redis().mget([tally.touched_key(doc_id) for doc_id in ids])
    busy = dict(zip(ids, marks, strict=True))
    repaired = amount = 0
    for doc in docs:
        drift = truth.get(doc["_id"], 0) - shown[doc["_id"]]
        if drift and not busy[doc["_id"]] and _repair(tally, collection, doc, drift):
            repaired += 1
            amount += abs(drift)
    repair = Repair(checked=len(docs), repaired=repaired, amount=amount)
    return repair, [doc_id for doc_id in ids if not busy[doc_id]]


def _repair(tally: Tally, collection: Collection, doc: dict, drift: int) -> bool:
    """Move the stored figure by `drift`, unless a stored value changed since it was read."""
    guard = {"_id": doc["_id"]}
    for counter in tally.counters:
        guard[counter.field] = doc.get(counter.field)
    if drift > 0 or tally.lost is None:
        field, step = tally.gained.field, drift
    else:
        field, step = tally.lost.field, -drift
    if collection.update_one(guard, {"$inc": {field: step}}).modified_count != 1:
        return False
    tally.gained.stored([str(doc["_id"])])
    return True
