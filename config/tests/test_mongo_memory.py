"""The in-process store's speed-ups answer exactly what mongomock answers without them."""

from datetime import UTC, datetime, timedelta

import mongomock
import pytest
from bson import ObjectId
from mongomock import filtering, helpers
from mongomock.collection import Collection, Cursor

from config import mongo_memory, mongo_runs

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
    # A field fixed to ObjectIds: only the runs of those values (and of the others) are walked.
    {"owner": OWNERS[1]},
    {"owner": OWNERS[1], "flag": False},
    {"owner": {"$in": [OWNERS[0], OWNERS[2], OWNERS[0], ObjectId()]}},
    {"owner": {"$in": OWNERS, "$nin": [OWNERS[3]]}, "n": {"$gte": 1}},
    {"owner": {"$in": []}},
    {"owner": {"$in": OWNERS[:2]}, "$or": [{"n": {"$lt": 3}}, {"tags": "a"}]},
    {"owner": {"$in": OWNERS}, "at": {"$gte": AT - timedelta(minutes=1), "$lt": AT}},
    {"owner": {"$in": OWNERS[1:]}, "at": {"$lte": AT - timedelta(minutes=1)}},
]
SORTS = [
    [("n", -1), ("_id", 1)],
    [("at", -1), ("_id", -1)],
    [("at", 1), ("_id", 1)],
    [("tags", 1)],
    [("missing", -1), ("owner", 1)],
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
            patch.setattr(Collection, "_get_dataset", mongo_memory.ORIGINALS["get_dataset"])
            patch.setattr(
                Collection, "_copy_only_fields", mongo_memory.ORIGINALS["copy_only_fields"]
            )
            patch.setattr(Collection, "aggregate", mongo_memory.ORIGINALS["aggregate"])
            patch.setattr(Cursor, "_compute_results", mongo_memory.ORIGINALS["compute_results"])
            patch.setattr(filtering, "_in_op", mongo_memory.ORIGINALS["in_op"])
            patch.setattr(
                helpers,
                "patch_datetime_awareness_in_document",
                mongo_memory.ORIGINALS["patch_datetime"],
            )
            patch.setitem(
                filtering._filterer_inst._operator_map, "$in", mongo_memory.ORIGINALS["in_op"]
            )
            return call()

    return run


def test_the_speedups_are_installed_for_the_in_process_store():
    assert Collection._iter_documents is mongo_memory._iter_documents
    assert Collection._get_dataset is mongo_memory._get_dataset
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


@pytest.mark.parametrize("sorted_at_once", [mongo_runs.SORTED_AT_ONCE, 0])
@pytest.mark.parametrize("order", SORTS, ids=range(len(SORTS)))
@pytest.mark.parametrize("query", QUERIES[-8:], ids=range(8))
def test_sorted_reads_of_a_fixed_field_answer_as_mongomock_through_writes(
    collection, without_speedups, monkeypatch, query, order, sorted_at_once
):
    monkeypatch.setattr(mongo_runs, "SORTED_AT_ONCE", sorted_at_once)  # 0: merged lazily

    def answers():
        return [
            list(collection.find(query).sort(order)),
            list(collection.find(query).sort(order).limit(2)),
            list(collection.find(query, {"n": 1}).sort(order).skip(1).limit(2)),
            list(collection.find(query).sort([*order[:1], ("$natural", -1)])),
        ]

    def write(step: int) -> None:
        if step == 0:
            collection.update_one({"_id": IDS[0]}, {"$set": {"owner": OWNERS[1], "n": 9}})
        elif step == 1:
            collection.insert_one({"_id": ObjectId(), "owner": OWNERS[2], "n": -1, "at": AT})
        elif step == 2:
            collection.delete_many({"owner": OWNERS[0]})
        elif step == 3:
            collection.replace_one({"_id": IDS[3]}, {"owner": [OWNERS[1]], "n": 2})
        else:
            collection.find_one_and_update({"owner": OWNERS[2]}, {"$unset": {"owner": 1}})

    for step in range(5):
        assert answers() == without_speedups(answers), step
        write(step)
    collection.drop()
    assert answers() == without_speedups(answers) == [[], [], [], []]


@pytest.fixture
def posts():
    """50 owners' 20 posts each, every one dated."""
    owners = [ObjectId() for _ in range(50)]
    collection = mongomock.MongoClient(tz_aware=True)["memory-test"]["posts"]
    collection.insert_many(
        [
            {"owner": owner, "at": AT - timedelta(minutes=n), "listed": n % 7 != 3}
            for n in range(20)
            for owner in owners
        ]
    )
    return collection, owners


@pytest.fixture
def filters_tested(monkeypatch):
    tested = {"n": 0}
    original = filtering.filter_applies

    def counted(*args, **kwargs):
        tested["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(filtering, "filter_applies", counted)
    return tested


def test_a_sorted_page_of_a_fixed_field_reads_the_first_matches_of_each_run(posts, filters_tested):
    collection, owners = posts
    query = {"owner": {"$in": owners[:10]}, "listed": True}
    page = list(collection.find(query).sort([("at", -1), ("_id", -1)]).limit(5))
    assert [doc["owner"] for doc in page] == owners[9:4:-1]  # the newest, latest written first
    assert filters_tested["n"] == 5  # of the 1,000 documents, mongomock alone tests every one


@pytest.mark.parametrize("direction", [-1, 1])
def test_a_sorted_walk_ends_at_a_date_bound_when_every_candidate_is_dated(
    posts, filters_tested, without_speedups, direction
):
    collection, owners = posts
    edge = "$gte" if direction < 0 else "$lte"
    bound = AT - timedelta(minutes=2 if direction < 0 else 18)  # 3 or 2 listed posts each
    query = {"owner": {"$in": owners[:10]}, "listed": True, "at": {edge: bound}}

    def answers():
        return list(collection.find(query).sort([("at", direction), ("_id", 1)]).limit(100))

    found = answers()
    tested = filters_tested["n"]
    assert found == without_speedups(answers) and len(found) == (30 if direction < 0 else 20)
    # The matches, and the first document past the bound (tested whole, then on the bound).
    assert tested == len(found) + 2


PROJECTIONS = [
    {"_id": 0, "owner": 1},
    {"tags": 1, "n": 1},
    {"tags": True, "_id": False, "missing": 1},
    {"at": 1, "_id": 1},
    {"n": 0},
    {"at.x": 1},
]


@pytest.mark.parametrize("projection", PROJECTIONS, ids=range(len(PROJECTIONS)))
def test_projections_keep_the_same_fields_in_the_same_order(
    collection, without_speedups, projection
):
    def answers():
        return [list(doc.items()) for doc in collection.find({}, projection)]

    before = answers()
    assert before == without_speedups(answers)
    for doc in collection.find({}, projection):  # an answer is a copy: the store stays as it is
        for value in doc.values():
            if isinstance(value, list):
                value.append("changed")
    assert answers() == before


@pytest.mark.parametrize(
    "value",
    [
        IDS,
        [IDS[0], "a", 1, 2.5, True, None],
        [IDS[0], AT],
        (IDS[0], IDS[1]),
        {"owner": {"$in": OWNERS}, "at": {"$gte": AT}, "$or": [{"n": [1, 2]}]},
        [],
    ],
)
def test_filters_are_made_naive_utc_as_mongomock_makes_them(value):
    made = helpers.patch_datetime_awareness_in_document(value)
    expected = mongo_memory.ORIGINALS["patch_datetime"](value)
    assert made == expected and type(made) is type(expected)
    assert made is not value


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
