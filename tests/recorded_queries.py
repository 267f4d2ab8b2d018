"""A recording proxy on the Mongo collection class: every read and every filtered write the
project's code makes (not the tests' own look-ups), with its filter, its sort and where it was made.

It wraps the class the connection uses (mongomock's in memory, pymongo's on a server), so it sees
what MongoEngine and the code's direct collection calls send. A call made inside a recorded call
(mongomock's find_one runs a find) is not recorded again. MongoEngine sets a query's sort on the
cursor after `find` returns it, so the cursor class's `sort` is wrapped too; a cursor is only
weakly held, so what it read goes when the code drops it (an export reading thousands of
documents holds one batch at a time, recorded or not).
"""

from __future__ import annotations

import functools
import sys
import threading
import weakref
from pathlib import Path

import mongoengine

from tests.index_coverage import Query

ROOT = Path(__file__).resolve().parent.parent
# Modules that start work: an API view, a Celery task, a signal receiver, the staff console.
ENTRY_POINTS = {"views.py", "tasks.py", "receivers.py", "admin.py"}
FILTERED = (
    "find_one",
    "count_documents",
    "distinct",
    "update_one",
    "update_many",
    "replace_one",
    "delete_one",
    "delete_many",
    "find_one_and_update",
    "find_one_and_delete",
    "find_one_and_replace",
)


# The embedded run's write barrier wraps the driver's write methods: the call is its caller's.
DRIVER_WRAPPERS = frozenset({"config/journal_capture.py"})


@functools.cache
def _source(filename: str) -> tuple[str, bool, bool, bool] | None:
    """A code file of the project as (its path, whether tests own it, whether it starts work,
    whether that work is an API request); None for installed packages and other files."""
    path = Path(filename)
    if "site-packages" in path.parts or not path.is_relative_to(ROOT) or path == Path(__file__):
        return None
    relative = path.relative_to(ROOT)
    if relative.as_posix() in DRIVER_WRAPPERS:
        return None
    ours = "tests" in relative.parts or relative.name == "conftest.py"
    entry = relative.name in ENTRY_POINTS or "management" in relative.parts
    api = relative.name == "views.py" and "console" not in relative.parts
    return relative.as_posix(), ours, entry, api


def _site() -> tuple[str, bool] | None:
    """Where the project's code made the call, and whether an API request made it outside a
    task or a signal receiver (a hot path); None when a test made the call itself."""
    frame = sys._getframe(2)
    site = None
    while frame is not None:
        source = _source(frame.f_code.co_filename)
        if source is not None:
            relative, ours, entry, api = source
            if site is None:
                if ours:
                    return None
                site = f"{relative}:{frame.f_code.co_qualname}"
            if entry:
                return site, api
        frame = frame.f_back
    return (site, False) if site else None


def _sort(value) -> tuple[tuple[str, int], ...]:
    if not value:
        return ()
    items = value.items() if isinstance(value, dict) else value
    return tuple((name, int(direction)) for name, direction in items)


def _pipeline_query(pipeline: list) -> tuple[dict, tuple]:
    """The filter and sort an aggregation starts with ($match, then maybe $sort)."""
    stages = list(pipeline)
    spec = stages.pop(0)["$match"] if stages and "$match" in stages[0] else {}
    sort = _sort(stages[0]["$sort"]) if stages and "$sort" in stages[0] else ()
    return spec, sort


class QueryRecorder:
    """Installs the proxy for one test (through monkeypatch) and keeps what it saw."""

    def __init__(self, monkeypatch):
        probe = mongoengine.get_db()["probe"]
        self.collection_class = type(probe)
        self._found: list[Query] = []
        self._finds: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # cursor -> query
        self._inside = threading.local()
        self._lock = threading.Lock()
        for name in FILTERED:
            self._wrap(monkeypatch, name, self._filtered(name))
        self._wrap(monkeypatch, "find", self._find)
        self._wrap(monkeypatch, "aggregate", self._aggregate)
        self._wrap(monkeypatch, "bulk_write", self._bulk_write)
        self._wrap_sort(monkeypatch, type(probe.find({})))

    @property
    def queries(self) -> list[Query]:
        """Every recorded query, each find with the sort its cursor was given last."""
        return list(self._found)

    def _wrap_sort(self, monkeypatch, cursor_class) -> None:
        original, finds = cursor_class.sort, self._finds

        def sort(cursor, key_or_list, direction=None):
            query = finds.get(cursor)
            if query is not None:
                given = [(key_or_list, direction or 1)] if isinstance(key_or_list, str) else None
                query.sort = _sort(given or key_or_list)
            return original(cursor, key_or_list, direction)

        monkeypatch.setattr(cursor_class, "sort", sort)

    def _wrap(self, monkeypatch, name: str, recorder) -> None:
        original = getattr(self.collection_class, name)
        inside = self._inside

        def proxy(collection, *args, **kwargs):
            if getattr(inside, "call", False):
                return original(collection, *args, **kwargs)
            made = _site()
            inside.call = True
            try:
                result = original(collection, *args, **kwargs)
            finally:
                inside.call = False
            if made is not None:
                recorder(collection.name, made, result, *args, **kwargs)
            return result

        monkeypatch.setattr(self.collection_class, name, proxy)

    def _add(self, query: Query, cursor=None) -> None:
        with self._lock:
            self._found.append(query)
            if cursor is not None:
                self._finds[cursor] = query

    def _filtered(self, operation: str):
        def record(collection, made, result, spec=None, *args, **kwargs):
            spec = kwargs.get("filter", spec)
            if spec is not None and not isinstance(spec, dict):
                spec = {"_id": spec}
            if operation == "distinct":
                spec = kwargs.get("filter") or (args[0] if args else None)
            sort = _sort(kwargs.get("sort"))
            self._add(Query(collection, operation, dict(spec or {}), sort, *made))

        return record

    def _find(self, collection, made, cursor, spec=None, *args, **kwargs):
        query = Query(collection, "find", dict(spec or {}), _sort(kwargs.get("sort")), *made)
        self._add(query, cursor)

    def _aggregate(self, collection, made, result, pipeline, *args, **kwargs):
        spec, sort = _pipeline_query(pipeline)
        self._add(Query(collection, "aggregate", spec, sort, *made))

    def _bulk_write(self, collection, made, result, requests, *args, **kwargs):
        for request in requests:
            spec = getattr(request, "_filter", None)
            if spec is not None:
                operation = type(request).__name__
                self._add(Query(collection, operation, dict(spec), (), *made))


def documents_by_collection() -> dict:
    """Each collection's MongoEngine document."""
    from config.mongo import document_classes

    return {document._get_collection_name(): document for document in document_classes()}


def _stages(plan) -> set[str]:
    """Every stage named anywhere in an explain() plan."""
    if isinstance(plan, dict):
        found = {plan["stage"]} if isinstance(plan.get("stage"), str) else set()
        for value in plan.values():
            found |= _stages(value)
        return found
    if isinstance(plan, list):
        return set().union(*(_stages(item) for item in plan)) if plan else set()
    return set()


def collection_scans(queries: list[Query], exempt: list) -> list[str]:
    """On a MongoDB server: each recorded query whose winning plan reads its collection whole
    (COLLSCAN), as a find with the same filter and sort explains it."""
    db = mongoengine.get_db()
    found, asked = [], set()
    for query in queries:
        if any(entry.scans and entry.covers(query) for entry in exempt):
            continue
        shape = (query.collection, query.site, repr(query.filter), query.sort)
        if shape in asked:
            continue
        asked.add(shape)
        cursor = db[query.collection].find(query.filter)
        if query.sort:
            cursor = cursor.sort(list(query.sort))
        if "COLLSCAN" in _stages(cursor.explain()["queryPlanner"]["winningPlan"]):
            found.append(f"the server reads the collection whole (COLLSCAN) for {query}")
    return found
