"""Speed-ups for the in-process store (mongomock) that keep its answers exactly as they are.

mongomock has no indexes: every query runs its whole filter over every document, `$in` scans its
list for each document, and a cursor with a limit copies every match before keeping the first
few. These patches only skip work whose outcome is known; every candidate document still goes
through mongomock's own filter, in the store's order:
- a filter on one `_id` (an ObjectId or a string) looks that key up instead of scanning;
- a filter on `_id` `$in` a list of such ids keeps only those keys, in store order, before
  filtering;
- `$in` over a list of plain scalars tests membership in a set built once per query;
- a cursor with a limit copies only the documents up to its skip + limit (mongomock copies every
  match, then slices);
- an aggregation that starts with `$match` feeds the pipeline from a find with that filter
  instead of copying the whole collection first, and a `$project` right after it that only keeps
  top-level fields becomes that find's projection.
A MongoDB server (MONGODB_URI) never goes through here.
"""

from datetime import datetime
from itertools import islice

from bson import ObjectId
from mongomock import aggregate, filtering, helpers
from mongomock.collection import Collection, Cursor

KEY_TYPES = (ObjectId, str)
# Types whose hash agrees with mongomock's equality, so a set answers as the list would.
SCALAR_TYPES = frozenset({ObjectId, str, int, float, bool, type(None), datetime})
LOGICAL = ("$and", "$or", "$nor")

ORIGINALS = {
    "iter_documents": Collection._iter_documents,
    "aggregate": Collection.aggregate,
    "compute_results": Cursor._compute_results,
    "in_op": filtering._in_op,
}


class ScalarList(list):
    """An `$in` list of scalars that also carries them as a set."""

    def __init__(self, values):
        super().__init__(values)
        self.members = frozenset(values)


def _is_scalars(values) -> bool:
    return isinstance(values, list) and all(type(value) in SCALAR_TYPES for value in values)


def _with_scalar_sets(spec):
    """The filter with every plain `$in` list also held as a set (the caller's filter is kept)."""
    if not isinstance(spec, dict):
        return spec
    prepared = {}
    for key, value in spec.items():
        if key in LOGICAL and isinstance(value, list):
            value = [_with_scalar_sets(clause) for clause in value]
        elif isinstance(value, dict) and _is_scalars(value.get("$in")):
            value = {**value, "$in": ScalarList(value["$in"])}
        prepared[key] = value
    return prepared


def _in_op(doc_val, search_val):
    if type(search_val) is not ScalarList or doc_val is filtering.NOTHING:
        return ORIGINALS["in_op"](doc_val, search_val)
    for value in doc_val if isinstance(doc_val, (list, tuple)) else [doc_val]:
        if type(value) in SCALAR_TYPES:
            if value in search_val.members:
                return True
        elif value in search_val:
            return True
    return False


def _candidate_keys(spec) -> list | None:
    """The `_id`s a filter can match at most, when it names them; None when it may match any."""
    if not isinstance(spec, dict) or "_id" not in spec:
        return None
    wanted = spec["_id"]
    if type(wanted) in KEY_TYPES:
        return [wanted]
    if isinstance(wanted, dict) and list(wanted) == ["$in"]:
        values = wanted["$in"]
        if isinstance(values, list) and all(type(value) in KEY_TYPES for value in values):
            return values
    return None


def _iter_documents(self, filter):
    keys = _candidate_keys(filter)
    if keys is None or self._store.is_empty:
        return ORIGINALS["iter_documents"](self, _with_scalar_sets(filter))
    store = self._store
    with store._rwlock.reader():
        if len(keys) == 1:
            found = store._documents.get(keys[0])
            candidates = [] if found is None else [found]
        else:
            wanted = set(keys)
            candidates = [doc for key, doc in store._documents.items() if key in wanted]
    spec = _with_scalar_sets(filter)
    return (document for document in candidates if filtering.filter_applies(spec, document))


def _compute_results(self, with_limit_and_skip=False):
    if not (with_limit_and_skip and self._limit) or self._results:
        return ORIGINALS["compute_results"](self, with_limit_and_skip)
    window = (self._factory, self._skip, self._limit)
    if getattr(self, "_window", None) != window:
        taken = islice(self._factory(), self._skip + abs(self._limit))
        if self.collection.codec_options.tz_aware:
            taken = (helpers.make_datetime_timezone_aware_in_document(x) for x in taken)
        self._window, self._window_results = window, list(taken)[self._skip :]
    return self._window_results


def _is_plain_inclusion(projection) -> bool:
    """A projection that keeps some top-level fields (and maybe drops `_id`), nothing else."""
    if not isinstance(projection, dict) or not projection:
        return False
    kept = [key for key, value in projection.items() if key != "_id"]
    return (
        bool(kept)
        and all(projection[key] in (1, True) and "." not in key and key[0] != "$" for key in kept)
        and projection.get("_id", 1) in (0, 1, False, True)
    )


def _aggregate(self, pipeline, session=None, **unused_kwargs):
    first = pipeline[0] if pipeline else None
    if not (isinstance(first, dict) and list(first) == ["$match"]):
        return ORIGINALS["aggregate"](self, pipeline, session, **unused_kwargs)
    rest, projection = pipeline[1:], None
    leading = rest[0] if rest and isinstance(rest[0], dict) else {}
    if list(leading) == ["$project"] and _is_plain_inclusion(leading["$project"]):
        rest, projection = rest[1:], leading["$project"]
    matched = list(self.find(first["$match"], projection))
    return aggregate.process_pipeline(matched, self.database, rest, session)


def install() -> None:
    """Patch mongomock once per process; the patches only apply to in-process collections."""
    if Collection._iter_documents is _iter_documents:
        return
    Collection._iter_documents = _iter_documents
    Collection.aggregate = _aggregate
    Cursor._compute_results = _compute_results
    filtering._in_op = _in_op
    filtering._filterer_inst._operator_map["$in"] = _in_op
