"""The write journal: what the stores applied comes back exactly on replay, and a commit cut
short by a crash is dropped whole."""

import asyncio
import json
import shutil
import sqlite3
import threading
import time

import fakeredis
import mongoengine
import pytest
from bson import ObjectId
from celery import Celery, signals
from pymongo import DeleteOne, UpdateOne
from pymongo.collection import ReturnDocument

from config import journal_capture, journal_tasks
from config.journal import Journal, JournalFailed


@pytest.fixture
def stand_in():
    """A Redis stand-in whose commands run under the write barrier."""
    server = fakeredis.FakeServer(version=(7,))
    journal_capture.install(redis_server=server)
    return server


@pytest.fixture
def journal(tmp_path):
    opened = Journal(path=tmp_path / "store.journal")
    opened.start()
    journal_capture.record_into(opened)
    yield opened
    journal_capture.record_into(None)
    opened.close()


def contents(db, redis) -> tuple:
    documents = {
        name: sorted(db[name].find(), key=lambda doc: str(doc["_id"]))
        for name in sorted(db.list_collection_names())
    }
    keys = {}
    for key in sorted(redis.keys()):
        kind = redis.type(key)
        reader = {b"string": redis.get, b"hash": redis.hgetall, b"zset": redis.zrange}[kind]
        keys[key] = (reader(key, 0, -1) if kind == b"zset" else reader(key), redis.pexpiretime(key))
    return documents, keys


SCRIPT = """
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('SET', KEYS[2], ARGV[1], 'EX', 60)
return 1
"""


def test_replaying_the_journal_rebuilds_both_stores_exactly(stand_in, journal):
    db = mongoengine.get_db()
    redis = fakeredis.FakeRedis(server=stand_in)
    songs = db["songs"]
    first, second = ObjectId(), ObjectId()
    songs.insert_one({"_id": first, "title": "a", "plays": 1, "tags": ["x"]})
    songs.insert_many([{"_id": second, "title": "b", "plays": 5}, {"title": "generated id"}])
    songs.update_many({"plays": {"$gte": 1}}, {"$inc": {"plays": 10}, "$push": {"tags": "y"}})
    songs.update_one({"title": "upserted"}, {"$set": {"plays": 0}}, upsert=True)
    songs.find_one_and_update(
        {"_id": first}, {"$set": {"title": "A"}}, return_document=ReturnDocument.AFTER
    )
    songs.replace_one({"_id": second}, {"title": "B", "plays": 2})
    songs.bulk_write(
        [UpdateOne({"_id": first}, {"$inc": {"plays": 1}}), DeleteOne({"title": "generated id"})]
    )
    songs.delete_one({"title": "upserted"})
    db["scratch"].insert_one({"gone": True})
    db["scratch"].drop()
    redis.set("plain", "v")
    redis.set("window", "1", ex=600)
    redis.hincrby("hits", "a", 2)
    redis.zadd("changed", {"a": 1, "b": 2})
    redis.zrem("changed", "a")
    redis.eval(SCRIPT, 2, "hits", "turn", "b")
    redis.delete("plain")
    expected = contents(db, redis)
    journal.wait_durable(journal.last_seq)
    journal_capture.record_into(None)

    for name in db.list_collection_names():
        db[name].delete_many({})
    redis.flushall()
    time.sleep(0.01)  # a replay later than the writes: expiries stay where they were
    replayed = Journal(path=journal.path)
    journal_capture.replay(
        replayed.operations(after=0),
        mongo_db=db,
        redis_client_for=lambda number: fakeredis.FakeRedis(server=stand_in, db=number),
    )
    replayed.close()
    assert contents(db, redis) == expected


def test_operations_after_a_snapshots_number_are_the_only_ones_replayed(stand_in, journal):
    redis = fakeredis.FakeRedis(server=stand_in)
    redis.set("before", 1)
    cut = journal.last_seq
    journal.wait_durable(cut)
    redis.set("after", 2)
    journal.wait_durable(journal.last_seq)
    assert [op["a"][1] for op in journal.operations(after=cut)] == [b"after"]
    journal.truncate(upto=cut)
    redis.set("later", 3)
    journal.wait_durable(journal.last_seq)
    assert [op["a"][1] for op in journal.operations(after=0)] == [b"after", b"later"]


def test_a_commit_cut_short_by_a_crash_is_dropped_whole(stand_in, journal, tmp_path):
    redis = fakeredis.FakeRedis(server=stand_in)
    for batch in range(3):
        redis.set(f"key-{batch}", "x" * 2000)
        redis.hset(f"hash-{batch}", mapping={str(n): n for n in range(50)})
        journal.wait_durable(journal.last_seq)
    # What a kill -9 leaves: the database and its write-ahead log, never checkpointed.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{journal.path}{suffix}", crashed / f"store.journal{suffix}")
    wal = crashed / "store.journal-wal"
    wal.write_bytes(wal.read_bytes()[:-700])  # the last commit's last frame, torn

    survivor = Journal(path=crashed / "store.journal")
    keys = [op["a"][1] for op in survivor.operations(after=0)]
    survivor.close()
    assert keys == [b"key-0", b"hash-0", b"key-1", b"hash-1"]


def test_a_task_published_and_not_finished_is_sent_again_at_the_next_start(tmp_path):
    first = Journal(path=tmp_path / "store.journal")
    first.start()
    journal_tasks.record_tasks(first)
    try:
        broker = Celery("crashed", broker="memory://", set_as_current=False)
        likes = broker.send_task(
            "engagement.tasks.delete_target_likes", args=["tweet", "a1"], queue="default"
        )
        fan_out = broker.send_task(
            "notifications.tasks.fan_out", kwargs={"event": "e1"}, queue="default"
        )
        finished = broker.send_task("videos.tasks.delete_media", args=["m1"], queue="media")
        signals.task_postrun.send(sender=None, task_id=finished.id, state="SUCCESS")
        first.wait_durable(first.last_seq)
    finally:
        journal_tasks.record_tasks(None)
        first.close()
    with broker.connection_for_write() as connection:  # the crash takes the broker's memory along
        for name in ("default", "media"):
            connection.SimpleQueue(name).clear()

    after_crash = Journal(path=tmp_path / "store.journal")
    restarted = Celery("restarted", broker="memory://", set_as_current=False)
    assert journal_tasks.resend_pending(after_crash, restarted) == 2
    after_crash.close()
    with restarted.connection_for_read() as connection:
        queue = connection.SimpleQueue("default")
        sent = [queue.get(timeout=1) for _ in range(2)]
        queue.close()
    assert [(message.headers["task"], message.payload[:2]) for message in sent] == [
        ("engagement.tasks.delete_target_likes", [["tweet", "a1"], {}]),
        ("notifications.tasks.fan_out", [[], {"event": "e1"}]),
    ]
    assert [message.headers["id"] for message in sent] == [likes.id, fan_out.id]


def test_a_durable_wait_returns_once_the_commit_holding_it_is_done(stand_in, journal):
    redis = fakeredis.FakeRedis(server=stand_in)
    done = []
    waiter = threading.Thread(
        target=lambda: done.append(journal.wait_durable(journal.last_seq + 1))
    )
    waiter.start()
    redis.set("one", 1)
    waiter.join(timeout=5)
    assert done == [None] and journal.committed_seq >= 1


def test_a_journal_that_cannot_commit_answers_503_instead_of_a_write_it_did_not_keep(
    stand_in, tmp_path, monkeypatch
):
    journal = Journal(path=tmp_path / "store.journal")

    def disk_error(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(journal, "_commit", disk_error)
    journal.start()
    journal_capture.record_into(journal)
    try:

        async def liked(scope, receive, send):
            fakeredis.FakeRedis(server=stand_in).incr("likes")
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"{}"})

        sent = []

        async def collect(message):
            sent.append(message)

        gated = journal_tasks.durable_answers(liked, journal)
        asyncio.run(asyncio.wait_for(gated({"type": "http"}, None, collect), timeout=5))
        with pytest.raises(JournalFailed):
            journal.wait_durable(journal.last_seq)
    finally:
        journal_capture.record_into(None)
        journal.close()
    assert [message.get("status") for message in sent] == [503, None]
    body = json.loads(sent[1]["body"])
    assert body["error"]["code"] == "service_unavailable"
