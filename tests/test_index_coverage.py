"""The index-coverage checker: the queries it must accept and the ones it must refuse, so the
check every test runs cannot pass whatever it is shown."""

import importlib
import re

import pytest
from bson import ObjectId

from accounts.selectors import blocked_ids
from engagement.documents import Like
from tests.index_coverage import EXPLODE_LIMIT, Exempt, Index, Query, problems, served
from tests.index_exceptions import EXEMPT
from tests.recorded_queries import QueryRecorder, documents_by_collection


def index(*keys: str, unique: bool = False, partial: dict | None = None) -> Index:
    """An index written as MongoEngine declares one ("-field" descending)."""
    return Index(
        keys=tuple((key.lstrip("-"), -1 if key.startswith("-") else 1) for key in keys),
        unique=unique,
        partial=tuple((partial or {}).items()),
    )


def sort(*keys: str) -> tuple:
    return tuple((key.lstrip("-"), -1 if key.startswith("-") else 1) for key in keys)


def query(spec: dict, *order: str, hot: bool = False) -> Query:
    return Query("likes", "find", spec, sort(*order), "engagement/likes.py:anything", hot)


def ids(n: int) -> list[ObjectId]:
    return [ObjectId() for _ in range(n)]


ID = [index("_id", unique=True)]
OWNER_LIST = [*ID, index("owner_id", "status", "-created_at", "-_id", "views")]
FEED = [*ID, index("owner_id", "-published_at", "-_id")]


@pytest.mark.parametrize(
    "spec, order, indexes",
    [
        # Equality prefix, then the sort (either way round), then a range.
        ({"owner_id": 1, "status": "ready"}, ("-created_at", "-_id"), OWNER_LIST),
        ({"owner_id": 1, "status": "ready"}, ("created_at", "_id"), OWNER_LIST),
        (
            {"owner_id": 1, "status": "ready", "views": {"$gte": 10}},
            ("-created_at", "-_id"),
            OWNER_LIST,
        ),
        # A field fixed by equality drops out of the sort.
        ({"owner_id": 1, "status": "ready"}, ("status", "-created_at"), OWNER_LIST),
        # Ranges on the index's keys past the equality prefix when nothing is sorted, and a
        # range on its first key.
        ({"owner_id": 1, "views": {"$gt": 0}}, (), OWNER_LIST),
        ({"owner_id": {"$gt": 1}}, (), OWNER_LIST),
        # An `$in` ahead of the sort, up to the scans MongoDB still merges in order.
        ({"owner_id": {"$in": ids(EXPLODE_LIMIT)}}, ("-published_at", "-_id"), FEED),
        ({"owner_id": {"$in": ids(5000)}}, (), FEED),
        # A sort alone on an index that starts with it.
        ({}, ("owner_id",), FEED),
        # Lookups by `_id` (one or many), whatever else they test, and a whole unique index.
        ({"_id": ObjectId(), "status": "held"}, (), ID),
        ({"_id": {"$in": ids(500)}, "title": re.compile("x")}, (), ID),
        (
            {"user_id": 1, "video_id": 2, "note": "x"},
            ("-created_at",),
            [*ID, index("user_id", "video_id", unique=True)],
        ),
        # Each branch of an `$or` served, with what the filter tests besides it.
        (
            {"owner_id": 1, "$or": [{"status": "ready"}, {"status": "held", "views": {"$gt": 0}}]},
            ("-created_at", "-_id"),
            OWNER_LIST,
        ),
        # A pattern is a range: served after the sort.
        (
            {"status": "held", "held_reason": re.compile("^links:")},
            ("-_id",),
            [*ID, index("status", "-_id", "held_reason")],
        ),
        # A partial index serves the queries that fix its filter expression.
        (
            {"owner_id": 1, "kind": "history"},
            (),
            [*ID, index("owner_id", "kind", partial={"kind": "history"})],
        ),
    ],
)
def test_the_checker_accepts_a_query_an_index_serves(spec, order, indexes):
    assert served(query(spec, *order), indexes)


@pytest.mark.parametrize(
    "spec, order, indexes",
    [
        # No index tests the field at all.
        ({"title": "x"}, (), OWNER_LIST),
        # An equality field the index does not hold.
        ({"owner_id": 1, "title": "x"}, (), FEED),
        # The sort is not on the index, or against one of its directions.
        ({"owner_id": 1, "status": "ready"}, ("-views",), OWNER_LIST),
        ({"owner_id": 1, "status": "ready"}, ("created_at", "-_id"), OWNER_LIST),
        # The sort needs an equality the query does not fix (status comes first).
        ({"owner_id": 1}, ("-created_at", "-_id"), OWNER_LIST),
        # A range on a later key with nothing on the first one (a server reads the collection).
        ({"created_at": {"$gt": 0}}, (), OWNER_LIST),
        # A range before an equality, and a range between the equalities and the sort.
        (
            {"owner_id": 1, "created_at": {"$gt": 0}},
            (),
            [*ID, index("created_at", "owner_id")],
        ),
        (
            {"owner_id": 1, "views": {"$gt": 10}},
            ("-created_at",),
            [*ID, index("owner_id", "views", "-created_at")],
        ),
        # A pattern ahead of the sort is a range too.
        (
            {"status": "held", "held_reason": re.compile("^links:")},
            ("-_id",),
            [*ID, index("status", "held_reason", "-_id")],
        ),
        # Past EXPLODE_LIMIT values (or their product over two fields) MongoDB sorts in memory.
        ({"owner_id": {"$in": ids(EXPLODE_LIMIT + 1)}}, ("-published_at", "-_id"), FEED),
        (
            {"owner_id": {"$in": ids(20)}, "kind": {"$in": list(range(20))}},
            ("-published_at",),
            [*ID, index("owner_id", "kind", "-published_at")],
        ),
        # One branch of an `$or` that no index serves.
        (
            {"owner_id": 1, "$or": [{"status": "ready"}, {"title": "x"}]},
            ("-created_at", "-_id"),
            OWNER_LIST,
        ),
        # Nothing tested and nothing sorted reads the whole collection; so does an expression.
        ({}, (), FEED),
        ({"_id": {"$ne": ObjectId()}}, (), ID),
        ({"$expr": {"$gt": ["$views", "$likes"]}}, (), OWNER_LIST),
        # A partial index whose expression the query does not imply.
        ({"owner_id": 1}, (), [*ID, index("owner_id", partial={"kind": "history"})]),
    ],
)
def test_the_checker_refuses_a_query_no_index_serves(spec, order, indexes):
    assert not served(query(spec, *order), indexes)


def test_problems_name_each_unserved_query_and_each_hot_one_without_its_shard_key():
    documents = {"likes": Like}
    target = {"target_type": "video", "target_id": ObjectId()}
    listed = query({"user_id": ObjectId(), "target_type": "video"}, "-created_at", "-_id", hot=True)
    assert problems([listed, query(target)], documents, []) == []

    unserved = query({"created_at": {"$gt": 0}})
    broadcast = query(target, hot=True)
    found = problems([unserved, broadcast, broadcast], documents, [])
    assert found == [
        f"no declared index serves {unserved}",
        f"the shard key user_id is not named by {broadcast}",
    ]
    excused = Exempt("likes", broadcast.site, "why", index=False, shard_key=True)
    assert problems([broadcast], documents, [excused]) == []
    other_site = Exempt("likes", "engagement/likes.py:elsewhere", "why", shard_key=True)
    assert problems([broadcast], documents, [other_site]) != []


def test_every_listed_exception_names_a_function_of_the_project_and_says_why():
    documents = documents_by_collection()
    for entry in EXEMPT:
        assert entry.collection in {*documents, "document_upgrades", "*"}, entry
        assert len(entry.why) > 40 and entry.why.endswith("."), entry
        assert entry.index or entry.shard_key or entry.scans, entry
        path, qualname = entry.site.split(":")
        target = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        for part in qualname.split(".<locals>")[0].split("."):
            target = getattr(target, part)
        assert callable(target), entry


def test_the_recorder_sees_the_code_s_queries_and_where_they_were_made_not_the_test_s(
    monkeypatch, auth_client
):
    me = auth_client()
    recorder = QueryRecorder(monkeypatch)
    Like.objects(user_id=me.user.id).first()  # the test's own look-up
    blocked_ids(user=me.user)
    [recorded] = recorder.queries
    assert (recorded.collection, recorded.operation) == ("blocks", "find")
    assert recorded.site == "accounts/selectors.py:blocked_ids" and not recorded.hot
    assert recorded.filter == {"blocker_id": me.user.id}

    assert me.get("/api/v1/playlists").status_code == 200
    listed = [query for query in recorder.queries if query.collection == "playlists"]
    assert [(query.filter, query.sort, query.hot) for query in listed] == [
        ({"owner_id": me.user.id}, sort("-created_at", "-_id"), True)
    ]
