"""Per-value runs of the in-process store's documents, kept current across writes.

For a field and a sort, the runs hold the collection's documents grouped by the ObjectId they
hold in that field (the others together), each run in the order mongomock's sort gives the whole
collection, with each document's rank in it. A query that fixes the field to some ids then walks
only their runs, merged by rank, which is mongomock's order for any subset (its sort is stable).
Every write to a collection (insert, replace, delete, drop, and an update, which mongomock makes
in place) moves its generation on, and runs of an older generation are built again.
config/mongo_memory.py uses them; a MongoDB server (MONGODB_URI) never goes through here.
"""

import heapq
from datetime import datetime
from itertools import chain

from bson import ObjectId
from mongomock import filtering
from mongomock.collection import Collection
from mongomock.store import CollectionStore

ORIGINALS = {
    "update": Collection._update,
    "setitem": CollectionStore.__setitem__,
    "delitem": CollectionStore.__delitem__,
    "drop": CollectionStore.drop,
}
# Candidates up to this many are sorted by rank in one go (C speed); past it, merged lazily.
SORTED_AT_ONCE = 2048
# The runs of a document whose field holds something other than an ObjectId (a list, None,
# nothing): walked by every query on that field.
OTHERS = object()


def _written(store: CollectionStore) -> None:
    """A write happened: the runs built before it no longer hold."""
    store.generation = getattr(store, "generation", 0) + 1


def _store_setitem(self, key, value):
    ORIGINALS["setitem"](self, key, value)
    _written(self)


def _store_delitem(self, key):
    ORIGINALS["delitem"](self, key)
    _written(self)


def _store_drop(self):
    ORIGINALS["drop"](self)
    _written(self)


def _update(self, *args, **kwargs):
    """mongomock updates the stored documents in place."""
    try:
        return ORIGINALS["update"](self, *args, **kwargs)
    finally:
        _written(self._store)


def fixed_field(spec) -> tuple[str, list[ObjectId]] | None:
    """A top-level field (not `_id`) the filter fixes to ObjectIds, and those ids."""
    if not isinstance(spec, dict):
        return None
    for name, condition in spec.items():
        if name == "_id" or name[0] == "$" or "." in name:
            continue
        if type(condition) is ObjectId:
            return name, [condition]
        values = condition.get("$in") if isinstance(condition, dict) else None
        if isinstance(values, list) and set(map(type, values)) <= {ObjectId}:
            return name, values
    return None


def _runs(store: CollectionStore, name: str, order: tuple) -> tuple[dict, set]:
    """The collection's documents per value of `name` (its bytes: they hash and compare faster
    than ObjectIds), each as (rank, key, document) in the order mongomock's sort by `order` gives
    the whole collection (store order when empty), and the runs where some document holds no
    plain date in the sort's first field."""
    cache = store.__dict__.setdefault("runs", {})
    generation = getattr(store, "generation", 0)
    built = cache.get((name, order))
    if built is not None and built[0] == generation:
        return built[1:]
    with store._rwlock.reader():
        entries = list(store._documents.items())
    for sort_key, direction in reversed(order):
        entries = sorted(
            entries,
            key=lambda entry: filtering.resolve_sort_key(sort_key, entry[1]),
            reverse=direction < 0,
        )
    first = order[0][0] if order and "." not in order[0][0] else None
    runs: dict = {}
    undated = set()
    for rank, (key, document) in enumerate(entries):
        value = document.get(name)
        run = value.binary if type(value) is ObjectId else OTHERS
        runs.setdefault(run, []).append((rank, key, document))
        if first is None or type(document.get(first)) is not datetime:
            undated.add(run)
    cache[(name, order)] = (generation, runs, undated)
    return runs, undated


def walk_runs(store: CollectionStore, name: str, keys: set[bytes], order: tuple):
    """The documents a filter fixing `name` to the ids of `keys` (their bytes) can match, in
    order: the runs of those values (and of the others) merged, leaving out documents deleted
    since; and whether every one of them holds a plain date in the sort's first field. A few
    thousand candidates are sorted at once by rank; more are merged lazily."""
    runs, undated = _runs(store, name, order)
    chosen = {key: run for key in keys if (run := runs.get(key))}
    if OTHERS in runs:
        chosen[OTHERS] = runs[OTHERS]
    dated = undated.isdisjoint(chosen)
    chosen = list(chosen.values())
    if sum(map(len, chosen)) <= SORTED_AT_ONCE:
        ordered = sorted(chain.from_iterable(chosen))
    else:
        ordered = heapq.merge(*chosen)
    documents = store._documents
    return (doc for _, key, doc in ordered if documents.get(key) is doc), dated


def date_bound(prepared: dict, order: tuple) -> dict | None:
    """The part of the filter a sorted walk can end on: a date bound on the sort's first field
    that a document further along can only fail more (`$gte`/`$gt` walking down, `$lte`/`$lt`
    walking up)."""
    name, direction = order[0]
    condition = prepared.get(name)
    if not isinstance(condition, dict):
        return None
    ending = ("$gte", "$gt") if direction < 0 else ("$lte", "$lt")
    parts = {op: condition[op] for op in ending if type(condition.get(op)) is datetime}
    return {name: parts} if parts else None


def without_fixed(spec: dict, name: str) -> dict:
    """The filter less its ids test on `name`, which a document holding one of them passes."""
    rest = {key: value for key, value in spec.items() if key != name}
    condition = spec[name]
    if isinstance(condition, dict) and len(condition) > 1:
        rest[name] = {op: value for op, value in condition.items() if op != "$in"}
    return rest


def install() -> None:
    """Count the writes of every in-process collection (once per process)."""
    if CollectionStore.__setitem__ is _store_setitem:
        return
    Collection._update = _update
    CollectionStore.__setitem__ = _store_setitem
    CollectionStore.__delitem__ = _store_delitem
    CollectionStore.drop = _store_drop
