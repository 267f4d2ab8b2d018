"""The mongo_reads fixture counts what a MongoDB server would answer: one per call made by our
code, whatever the store does inside it (mongomock's aggregate and find_one run a find, as
pymongo's find_one does)."""

import mongoengine


def test_each_read_call_counts_once(mongo_reads):
    collection = mongoengine.get_db()["probe"]
    collection.insert_many([{"n": n} for n in range(3)])
    calls = [
        lambda: list(collection.find({"n": {"$gte": 1}})),
        lambda: collection.find_one({"n": 2}),
        lambda: list(collection.aggregate([{"$match": {"n": 1}}, {"$project": {"n": 1}}])),
        lambda: list(collection.aggregate([{"$group": {"_id": None, "n": {"$sum": "$n"}}}])),
        lambda: collection.count_documents({"n": {"$lt": 2}}),
        lambda: collection.find_one_and_update({"n": 0}, {"$set": {"seen": True}}),
    ]
    counted = []
    for call in calls:
        mongo_reads["n"] = 0
        call()
        counted.append(mongo_reads["n"])
    assert counted == [1] * len(calls)
