"""The in-process store's speed-ups answer exactly what mongomock answers without them."""

from datetime import UTC, datetime, timedelta

import mongomock
import pytest
from bson import ObjectId
from mongomock import filtering
from mongomock.collection import Collection, Cursor

from config import mongo_memory

IDS = [ObjectId() for _ in range(6)]
OWNERS = [ObjectId() for _ in range(4)]
AT = datetime(2024, 5, 1, tzinfo=UTC)


def _documents() -> list[dict]:
    documents = [
        {
            "_id": IDS[index],
            "owner": OWNERS[index % 4],
            "n": index,
            "at": AT - timedelta(minutes=index // 2),
            "tags": ["a", "b"] if index % 2 else ["c"],
            "flag": index % 3 == 0,
        }
        for index in range(6)
    ]
    documents += [
        {"_id": "text-id", "owner": OWNERS[0], "n": 1, "tags": [], "flag": 1},
        {"_id": {"nested": 1}, "owner": [OWNERS[1], OWNERS[2]], "n": True},
        {"_id": 7, "owner": None, "n": 1.0, "tags": [{"x": 1}]},
    ]
    return documents


QUERIES = [
    {},
    {"_id": IDS[2]},
    {"_id": IDS[2], "n": 3},
    {"_id": "text-id"},
    {"_id": "missing"},
    {"_id": ObjectId()},
    {"_id": {"$in": [IDS[4], IDS[0], "text-id", ObjectId()]}},
    {"_id": {"$in": [IDS[4], IDS[0]]}, "flag": True},
    {"_id": {"$in": []}},
    {"_id": {"nested": 1}},
    {"_id": 7},
    {"owner": {"$in": OWNERS[:2]}},
    {"owner": {"$in": [OWNERS[2], None]}},
    {"n": {"$in": [1, 3]}},
    {"n": {"$in": [True]}},
    {"flag": {"$in": [1]}},
    {"tags": {"$in": ["a", "z"]}},
    {"tags": {"$in": [{"x": 1}]}},
    {"tags": {"$nin": ["a"]}},
    {"missing": {"$in": [None]}},
    {"$or": [{"owner": {"$in": [OWNERS[3]]}}, {"n": {"$in": [0]}}]},
    {"at": {"$in": [AT, AT - timedelta(minutes=1)]}},
]


@pytest.fixture
def collection():
    client = mongomock.MongoClient(tz_aware=True)
    collection = client["memory-test"]["things"]
    collection.insert_many(_documents())
    return collection


@pytest.fixture
def without_speedups(monkeypatch):
    """Run a callable with mongomock's own code, then give its answer back."""

    def run(call):
        with monkeypatch.context() as patch:
            patch.setattr(Collection, "_iter_documents", mongo_memory.ORIGINALS["iter_documents"])
            patch.setattr(Collection, "aggregate", mongo_memory.ORIGINALS["aggregate"])
            patch.setattr(Cursor, "_compute_results", mongo_memory.ORIGINALS["compute_results"])
            patch.setattr(filtering, "_in_op", mongo_memory.ORIGINALS["in_op"])
            patch.setitem(
                filtering._filterer_inst._operator_map, "$in", mongo_memory.ORIGINALS["in_op"]
            )
            return call()

    return run


def test_the_speedups_are_installed_for_the_in_process_store():
    assert Collection._iter_documents is mongo_memory._iter_documents
    assert filtering._filterer_inst._operator_map["$in"] is mongo_memory._in_op


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_finds_answer_the_same_documents_in_the_same_order(collection, without_speedups, query):
    def answers():
        return [
            list(collection.find(query)),
            list(collection.find(query).sort([("n", -1), ("_id", 1)]).limit(2)),
            list(collection.find(query).sort("at", 1).skip(1).limit(3)),
            list(collection.find(query).limit(1)),
            collection.count_documents(query),
            list(collection.aggregate([{"$match": query}, {"$project": {"_id": 0, "owner": 1}}])),
            list(collection.aggregate([{"$match": query}, {"$count": "n"}])),
        ]

    fast = answers()
    assert fast == without_speedups(answers)
    assert fast[0] == [d for d in without_speedups(lambda: list(collection.find())) if d in fast[0]]


def test_writes_by_id_change_the_same_documents(collection, without_speedups):
    def writes(target):
        target.update_one({"_id": IDS[1]}, {"$set": {"seen": True}})
        target.update_many({"_id": {"$in": [IDS[2], IDS[3], "text-id"]}}, {"$inc": {"n": 10}})
        target.delete_one({"_id": IDS[5]})
        target.delete_many({"owner": {"$in": [OWNERS[0]]}, "flag": True})
        return list(target.find())

    twin = mongomock.MongoClient(tz_aware=True)["memory-test"]["twin"]
    twin.insert_many(_documents())
    assert writes(collection) == without_speedups(lambda: writes(twin))


def test_an_invalid_filter_is_refused_as_before(collection):
    with pytest.raises(mongomock.OperationFailure):
        list(collection.find({"_id": {"$in": IDS[0]}}))
    with pytest.raises(mongomock.OperationFailure):
        list(collection.find({"owner": {"$in": "not a list"}}))


def test_a_cursor_with_a_limit_copies_only_what_it_returns(collection, monkeypatch):
    copies = {"n": 0}
    original = Collection._copy_only_fields

    def counted(self, *args, **kwargs):
        copies["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "_copy_only_fields", counted)
    assert len(list(collection.find({"owner": {"$exists": True}}).skip(1).limit(2))) == 2
    assert copies["n"] == 3
