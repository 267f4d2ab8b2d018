"""Speed-ups for the in-process store (mongomock) that keep its answers exactly as they are.

mongomock has no indexes: every query runs its whole filter over every document, `$in` scans its
list for each document, and a cursor with a limit copies every match before keeping the first
few. These patches only skip work whose outcome is known; every candidate document still goes
through mongomock's own filter, in the store's order:
- a filter on one `_id` (an ObjectId or a string) looks that key up instead of scanning;
- a filter on `_id` `$in` a list of such ids keeps only those keys, in store order, before
  filtering;
- `$in` over a list of plain scalars tests membership in a set built once per query;
- a filter that fixes a top-level field to ObjectIds (one, or `$in` a list of them) walks only the
  documents holding one of them (or something other than an ObjectId there): their runs
  (config/mongo_runs.py) merged in the order mongomock's sort gives, so a sort + limit reads the
  first matches of each run, as a server merges index scans (mongomock sorts every match), and
  tests them without the ids test they pass; when every candidate holds a date in the sort's
  first field, the walk also ends at the first one past the filter's date bound there, as an
  index scan's bounds do;
- a cursor with a limit copies only the documents up to its skip + limit (mongomock copies every
  match, then slices);
- a filter's list of plain values (ids) is copied in one go where mongomock makes every value
  naive-UTC in its own recursive call;
- a projection that only keeps top-level fields copies those fields (values of immutable types
  as they are) instead of parsing the projection again for every document;
- an aggregation that starts with `$match` feeds the pipeline from a find with that filter
  instead of copying the whole collection first, and a `$project` right after it that only keeps
  top-level fields becomes that find's projection.
A MongoDB server (MONGODB_URI) never goes through here.
"""

from datetime import datetime
from itertools import islice

from bson import ObjectId
from mongomock import aggregate, filtering, helpers
from mongomock import collection as mongomock_collection
from mongomock.collection import Collection, Cursor

from config import mongo_runs

KEY_TYPES = frozenset({ObjectId, str})
# Types whose hash agrees with mongomock's equality, so a set answers as the list would; none of
# them changes in place, so a projection hands them out uncopied.
SCALAR_TYPES = frozenset({ObjectId, str, int, float, bool, type(None), datetime})
# What mongomock's patch_datetime_awareness_in_document hands back unchanged.
UNCHANGED_TYPES = frozenset({ObjectId, str, int, float, bool, type(None)})
LOGICAL = ("$and", "$or", "$nor")

ORIGINALS = {
    "iter_documents": Collection._iter_documents,
    "get_dataset": Collection._get_dataset,
    "aggregate": Collection.aggregate,
    "compute_results": Cursor._compute_results,
    "copy_only_fields": Collection._copy_only_fields,
    "in_op": filtering._in_op,
    "patch_datetime": helpers.patch_datetime_awareness_in_document,
}


class ScalarList(list):
    """An `$in` list of scalars that also carries them as a set."""

    def __init__(self, values):
        super().__init__(values)
        self.members = frozenset(values)


def _is_scalars(values) -> bool:
    return isinstance(values, list) and set(map(type, values)) <= SCALAR_TYPES


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
        if isinstance(values, list) and set(map(type, values)) <= KEY_TYPES:
            return values
    return None


def _patch_datetime_awareness(value):
    """mongomock's patch_datetime_awareness_in_document, copying a list of values it leaves as
    they are (a filter's `$in` of ids) in one go instead of one recursive call each."""
    if type(value) is list and set(map(type, value)) <= UNCHANGED_TYPES:
        return list(value)
    return ORIGINALS["patch_datetime"](value)


def _iter_documents(self, filter):
    if self._store.is_empty:
        return ORIGINALS["iter_documents"](self, _with_scalar_sets(filter))
    keys, fixed = _candidate_keys(filter), mongo_runs.fixed_field(filter)
    store, spec = self._store, _with_scalar_sets(filter)
    if keys is not None:
        with store._rwlock.reader():
            if len(keys) == 1:
                found = store._documents.get(keys[0])
                candidates = [] if found is None else [found]
            else:
                wanted = set(keys)
                candidates = [doc for key, doc in store._documents.items() if key in wanted]
    elif fixed is not None:
        keys = {value.binary for value in fixed[1]}
        candidates = list(mongo_runs.walk_runs(store, fixed[0], keys, ())[0])
    else:
        return ORIGINALS["iter_documents"](self, spec)
    return (document for document in candidates if filtering.filter_applies(spec, document))


def _sort_order(sort) -> tuple | None:
    """The sort as ((field, 1 | -1), ...) when it is only plain fields, else None."""
    items = [tuple(item) for item in (sort.items() if isinstance(sort, dict) else sort)]
    plain = all(
        len(item) == 2 and isinstance(item[0], str) and item[0][:1] != "$" and item[1] in (1, -1)
        for item in items
    )
    return tuple(items) if plain else None


def _get_dataset(self, spec, sort, fields, as_class):
    fixed = mongo_runs.fixed_field(spec) if sort and _candidate_keys(spec) is None else None
    order = _sort_order(sort) if fixed else None
    if order is None:
        return ORIGINALS["get_dataset"](self, spec, sort, fields, as_class)
    return _sorted_dataset(self, spec, fixed, order, fields, as_class)


def _sorted_dataset(collection: Collection, spec, fixed, order: tuple, fields, as_class):
    """mongomock's sorted answer, read from the runs: it stops where the cursor's limit does, or
    at the first document past a date bound on the sort's first field when every candidate holds
    a date there (all further along fail it too). A document holding one of the ids is tested
    without the ids test (it passes it); any other with the whole filter."""
    if collection._store.is_empty:
        yield from ORIGINALS["get_dataset"](collection, spec, order, fields, as_class)
        return
    name, values = fixed
    keys = {value.binary for value in values}
    rest = _with_scalar_sets(mongo_runs.without_fixed(spec, name))
    whole = None
    walk, dated = mongo_runs.walk_runs(collection._store, name, keys, order)
    bound = mongo_runs.date_bound(rest, order) if dated else None
    project = _project if _is_plain_inclusion(fields) else collection._copy_only_fields
    for document in walk:
        held = document.get(name)
        if type(held) is ObjectId and held.binary in keys:
            matched = filtering.filter_applies(rest, document)
        else:
            whole = whole or _with_scalar_sets(spec)
            matched = filtering.filter_applies(whole, document)
        if matched:
            yield project(document, fields, as_class)
        elif bound is not None and not filtering.filter_applies(bound, document):
            return


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


def _project(doc, fields, container):
    """mongomock's projection for plain inclusions: the kept fields in the document's order, then
    `_id` unless dropped."""
    projected = container()
    for key, value in doc.items():
        if key != "_id" and key in fields:
            scalar = type(value) in SCALAR_TYPES
            projected[key] = value if scalar else mongomock_collection._copy_field(value, container)
    if fields.get("_id", 1) and "_id" in doc:
        projected["_id"] = doc["_id"]
    return projected


def _copy_only_fields(self, doc, fields, container):
    if _is_plain_inclusion(fields):
        return _project(doc, fields, container)
    return ORIGINALS["copy_only_fields"](self, doc, fields, container)


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
    Collection._get_dataset = _get_dataset
    Collection._copy_only_fields = _copy_only_fields
    mongo_runs.install()
    Collection.aggregate = _aggregate
    Cursor._compute_results = _compute_results
    filtering._in_op = _in_op
    helpers.patch_datetime_awareness_in_document = _patch_datetime_awareness
    filtering._filterer_inst._operator_map["$in"] = _in_op
