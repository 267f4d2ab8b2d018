"""Removing many records in idempotent batches that a killed run, run again, finishes exactly.

A batch is chosen and written down first, in a note: its records' ids, the fields of them the
hooks need, and what removing them moves (counters of other documents, e.g. the likes figure of
an item a removed like was on). Then the moves are made, the records deleted and the note
dropped. A run that finds a note finishes that batch before choosing another: its moves were
fixed when it was chosen, a counter batch is queued under the note's id (a flush applies it
once, guarded in Mongo by that id) and a stored-only counter is moved under the same guard, so
however often a run is killed and run again, every counter moves exactly as much as the records
removed. Notes live in a collection of their own and are gone once their batch is.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import mongoengine
from bson import ObjectId
from django.conf import settings
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from common.counters import (
    BufferedCounter,
    Tally,
    now_ms,
    registered_counters,
    registered_tallies,
)
from common.redis import get_redis

NOTES = "removal_notes"
CHUNK = 500

Rows = list[dict]


@dataclass(frozen=True)
class Move:
    """Removing a record moves `counter` on one document by `amount`: through Redis and the
    next flush when the counter belongs to a `tally` (which readers and reconcile use), at once
    in Mongo when it has none (a stored-only figure)."""

    counter: BufferedCounter
    doc_id: ObjectId
    amount: int
    tally: Tally | None = None


def _notes() -> Collection:
    return mongoengine.get_db()[NOTES]


def remove_records(
    *,
    name: str,
    collection: Collection,
    where: dict,
    fields: Iterable[str] = (),
    moves: Callable[[Rows], list[Move]] | None = None,
    before: Callable[[Rows], object] | None = None,
    after: Callable[[Rows], object] | None = None,
    chunk: int = CHUNK,
) -> int:
    """Delete the records matching `where`, `chunk` at a time, and return how many went.

    `name` identifies this removal (one note at a time per name); `fields` are what `moves`,
    `before` (called before a batch is deleted) and `after` (after) read from each record; the
    hooks must be safe to call again.
    """
    projection = {"_id": 1, **dict.fromkeys(fields, 1)}
    removed = 0
    while True:
        note = _notes().find_one({"_id": name})
        if note is None:
            rows = list(collection.find(where, projection).limit(chunk))
            if not rows:
                return removed
            note = {
                "_id": name,
                "batch_id": uuid.uuid4().hex,
                "rows": rows,
                "moves": [
                    [move.counter.name, str(move.doc_id), move.amount, _tally_name(move)]
                    for move in (moves(rows) if moves else [])
                ],
                "moved": False,
            }
            try:
                _notes().insert_one(note)
            except DuplicateKeyError:
                continue  # another run chose a batch meanwhile: finish that one
        removed += _finish(note, collection=collection, where=where, before=before, after=after)


def _tally_name(move: Move) -> str | None:
    return move.tally.name if move.tally is not None else None


def _finish(
    note: dict,
    *,
    collection: Collection,
    where: dict,
    before: Callable[[Rows], object] | None,
    after: Callable[[Rows], object] | None,
) -> int:
    """Make a noted batch's moves (once), delete its records, drop the note."""
    rows = note["rows"]
    by_name = {tally.name: tally for tally in registered_tallies()}
    marked = dict.fromkeys((tally, doc_id) for _, doc_id, _, tally in note["moves"] if tally)
    touched = [(by_name[tally], doc_id) for tally, doc_id in marked]
    if not note["moved"]:
        _move(note["moves"], touched=touched, batch_id=note["batch_id"])
        _notes().update_one(_this(note), {"$set": {"moved": True}})
    else:
        _touch(touched)
    if before is not None:
        before(rows)
    ids = [row["_id"] for row in rows]
    deleted = collection.delete_many({**where, "_id": {"$in": ids}}).deleted_count
    if after is not None:
        after(rows)
    _notes().delete_one(_this(note))
    return deleted


def _this(note: dict) -> dict:
    """The note itself, not a later one under the same name."""
    return {"_id": note["_id"], "batch_id": note["batch_id"]}


def _touch(touched: list[tuple[Tally, str]]) -> None:
    """Mark the moved documents as changing, so reconcile leaves them until the batch is done."""
    if not touched:
        return
    pipe = get_redis().pipeline(transaction=False)
    for tally, doc_id in touched:
        pipe.set(tally.touched_key(doc_id), 1, ex=settings.RECONCILE_QUIET_SECONDS)
        pipe.zadd(tally.changed_key, {doc_id: now_ms()})
    pipe.execute()


def _move(moves: list, *, touched: list[tuple[Tally, str]], batch_id: str) -> None:
    """Queue the buffered moves as one batch per counter, after the touch marks, and apply the
    stored-only ones, all under the batch's id (each counter queues a note once)."""
    counters = {counter.name: counter for counter in registered_counters()}
    queued: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    stored: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for counter_name, doc_id, amount, tally in moves:
        (queued if tally else stored)[counter_name][doc_id] += amount
    _touch(touched)
    for counter_name, counts in queued.items():
        if not counters[counter_name].queue_batch(note_id=batch_id, counts=counts):
            raise RingFull(f"{counter_name}: every place of its ring holds a batch; try again")
    for counter_name, counts in stored.items():
        counters[counter_name].apply(batch_id, dict(counts))


class RingFull(RuntimeError):
    """A counter's batches all wait to be applied; the removal's task retries after a flush."""


def delete_in_batches(*, collection: Collection, where: dict, chunk: int = CHUNK) -> int:
    """Delete what matches `where`, a bounded batch per round-trip; idempotent."""
    deleted = 0
    while ids := [row["_id"] for row in collection.find(where, {"_id": 1}).limit(chunk)]:
        deleted += collection.delete_many({**where, "_id": {"$in": ids}}).deleted_count
    return deleted
