"""Snapshots of the in-memory stores: exact round trips, expiries, and a cut consistent with
counter flushes running at the same time (the write barrier)."""

import threading
import time
from datetime import UTC, datetime

import fakeredis
import mongoengine
import pytest
from bson import ObjectId

from common import counters
from common.redis import get_redis
from config import journal_capture, snapshot


def empty_stores() -> None:
    """As a fresh process finds them: no documents (the indexes stay) and no keys."""
    db = mongoengine.get_db()
    for name in db.list_collection_names():
        db[name].delete_many({})
    get_redis().flushdb()


def test_documents_and_keys_come_back_exactly_and_expired_keys_do_not(tmp_path):
    db = mongoengine.get_db()
    created = datetime(2026, 5, 4, 3, 2, 1, 123000, tzinfo=UTC)
    documents = [
        {"_id": ObjectId(), "name": "a", "at": created, "tags": ["x", "y"], "n": 2**40},
        {"_id": ObjectId(), "nested": {"ratio": 0.25, "none": None, "flag": True}},
    ]
    db["things"].insert_many([dict(document) for document in documents])
    db["others"].insert_one({"_id": "text-id", "v": 1})
    redis = get_redis()
    redis.set("plain", "value")
    redis.set("window", "1", ex=600)
    redis.set("fleeting", "1", px=50)
    redis.hset("hash", mapping={"a": "1", "b": "2"})
    redis.rpush("list", "first", "second", "first")
    redis.sadd("set", "m1", "m2")
    redis.zadd("zset", {"early": 1.5, "late": 2.5})
    expires_at = redis.pexpiretime("window")

    path = tmp_path / "store.snapshot"
    saved = snapshot.Snapshotter(path=path, with_redis=True).save()
    assert (saved.documents, saved.keys) == (3, 7)
    assert not path.with_name("store.snapshot.tmp").exists()
    time.sleep(0.1)
    empty_stores()

    restored = snapshot.restore(path=path, with_redis=True)
    assert (restored.documents, restored.keys) == (3, 6)
    assert restored.taken_at == saved.taken_at.replace(
        microsecond=saved.taken_at.microsecond // 1000 * 1000
    )
    assert list(db["things"].find()) == documents
    assert list(db["others"].find()) == [{"_id": "text-id", "v": 1}]
    assert redis.get("plain") == "value" and redis.ttl("plain") == -1
    assert redis.get("window") == "1" and redis.pexpiretime("window") == expires_at
    assert not redis.exists("fleeting")
    assert redis.hgetall("hash") == {"a": "1", "b": "2"}
    assert redis.lrange("list", 0, -1) == ["first", "second", "first"]
    assert redis.smembers("set") == {"m1", "m2"}
    assert redis.zrange("zset", 0, -1, withscores=True) == [("early", 1.5), ("late", 2.5)]


def test_without_redis_only_mongo_is_kept(tmp_path):
    mongoengine.get_db()["things"].insert_one({"v": 1})
    get_redis().set("elsewhere", "1")
    path = tmp_path / "store.snapshot"
    assert snapshot.Snapshotter(path=path, with_redis=False).save().keys == 0
    empty_stores()
    assert snapshot.restore(path=path, with_redis=True).keys == 0
    assert not get_redis().exists("elsewhere")
    assert mongoengine.get_db()["things"].count_documents({}) == 1


def test_keys_saved_from_the_stand_in_never_go_into_a_real_redis(tmp_path):
    get_redis().set("stand-in", "1")
    path = tmp_path / "store.snapshot"
    snapshot.Snapshotter(path=path, with_redis=True).save()
    empty_stores()
    assert snapshot.restore(path=path, with_redis=False).keys == 0
    assert not get_redis().exists("stand-in")


def test_no_snapshot_yet_and_unreadable_ones(tmp_path):
    assert snapshot.restore(path=tmp_path / "none", with_redis=True) is None
    broken = tmp_path / "broken"
    broken.write_bytes(b"\x05\x00\x00")
    with pytest.raises(snapshot.SnapshotError, match="not a readable snapshot"):
        snapshot.restore(path=broken, with_redis=True)


def test_an_unchanged_store_is_not_written_again(tmp_path):
    mongoengine.get_db()["things"].insert_one({"v": 1})
    path = tmp_path / "store.snapshot"
    saver = snapshot.Snapshotter(path=path, with_redis=True)
    saver.save()
    first = path.stat().st_mtime_ns
    time.sleep(0.01)
    saver.save()
    assert path.stat().st_mtime_ns == first
    mongoengine.get_db()["things"].insert_one({"v": 2})
    saver.save()
    assert path.stat().st_mtime_ns != first


def test_a_flush_waits_at_the_write_barrier_while_the_snapshot_copies(tmp_path, monkeypatch):
    """Redis is read, then Mongo: a flush moving hits from one to the other in between would
    leave them in both (counted twice after the restart); the barrier holds it until both are
    copied."""
    server = fakeredis.FakeServer(version=(7,))
    journal_capture.install(redis_server=server)
    redis = fakeredis.FakeRedis(server=server, decode_responses=True)
    monkeypatch.setattr(snapshot, "get_redis", lambda: redis)
    monkeypatch.setattr(counters, "get_redis", lambda: redis)
    monkeypatch.setattr(counters, "_registry", {})
    db = mongoengine.get_db()
    counter = counters.BufferedCounter(
        name="plays", collection=lambda: db["songs"], field="plays", group="songs"
    )
    song = ObjectId()
    db["songs"].insert_one({"_id": song, "plays": 10})
    counter.add(doc_id=song, amount=3)

    read_mongo = snapshot._mongo_documents
    flushes = []
    flusher = threading.Thread(target=lambda: flushes.append(counter.flush()))

    def flush_meanwhile_then_read():
        if not flusher.is_alive() and not flushes:
            flusher.start()
            flusher.join(timeout=0.5)
            assert flusher.is_alive(), "the flush ran while the snapshot was being copied"
        return read_mongo()

    monkeypatch.setattr(snapshot, "_mongo_documents", flush_meanwhile_then_read)
    path = tmp_path / "store.snapshot"
    snapshot.Snapshotter(path=path, with_redis=True).save()
    flusher.join()
    assert flushes == [3]

    empty_stores()
    redis.flushall()
    snapshot.restore(path=path, with_redis=True)
    counter.flush()
    stored = db["songs"].find_one({"_id": song})
    assert stored["plays"] == 13
    assert stored["plays"] + counter.unflushed(docs=[stored])[str(song)] == 13
