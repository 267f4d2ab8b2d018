"""Redis keys fit a Redis Cluster: a script touches only the keys it names, all of one slot; the
counters' ring of batch places never hands a batch's hits to another; django-redis's cache works
on whichever Redis REDIS_URL names."""

import re
import time

import mongoengine
import pytest
import redis
from bson import ObjectId
from django.conf import settings
from django.core.cache import cache as django_cache

from common import counters
from common.redis import get_redis
from common.turns import in_turn

pytestmark = pytest.mark.redis


def test_a_script_touching_a_key_it_does_not_name_is_refused():
    """Even in the slot of the keys it names, where a cluster would let it pass."""
    if not settings.REDIS_URL:
        pytest.skip("the in-process stand-in cannot tell a command's keys")
    with pytest.raises(redis.ResponseError, match=re.escape("undeclared key {t}:other")):
        get_redis().eval("return redis.call('GET', '{t}:other')", 1, "{t}:named")
    assert get_redis().eval("return redis.call('GET', KEYS[1])", 1, "{t}:named") is None


@pytest.mark.skipif(not settings.REDIS_CLUSTER, reason="only a cluster refuses two slots")
def test_a_cluster_refuses_a_script_over_two_slots():
    with pytest.raises(redis.RedisClusterException):
        get_redis().eval("return 1", 2, "{one}:a", "{two}:b")


@pytest.fixture
def scratch_counters(monkeypatch):
    """Counters on a scratch collection, registered only for the test."""
    monkeypatch.setattr(counters, "_registry", {})
    collection = mongoengine.get_db()["songs"]

    def declare(name: str, group: str) -> counters.BufferedCounter:
        return counters.BufferedCounter(
            name=name, collection=lambda: collection, field=name, group=group
        )

    return collection, declare


def test_counters_of_two_groups_are_never_read_or_counted_together(scratch_counters):
    _, declare = scratch_counters
    plays, skips, likes = declare("plays", "songs"), declare("skips", "songs"), declare("l", "x")
    song = ObjectId()
    with pytest.raises(ValueError):
        counters.with_hits([plays, likes], [song])
    with pytest.raises(ValueError):
        counters.Tally(name="net", gained=plays, lost=likes)
    tally = counters.Tally(name="net", gained=plays, lost=skips)
    with pytest.raises(ValueError), in_turn(record="r", touching=[(tally, song)]) as change:
        change.count(likes, doc_id=song)
    assert counters.with_hits([plays, skips], [song]) == set()


def test_every_key_of_a_group_shares_its_slot(scratch_counters):
    _, declare = scratch_counters
    plays, skips = declare("plays", "songs"), declare("skips", "songs")
    tally = counters.Tally(name="net", gained=plays, lost=skips)
    keys = [*plays.keys, *skips.keys, tally.touched_key(ObjectId()), tally.changed_key]
    assert {key.split("}")[0] for key in keys} == {"counter:{songs"}


def test_a_flush_holding_a_batch_a_rival_finished_never_applies_what_took_its_place(
    scratch_counters, monkeypatch
):
    """A flush reads the in-flight batches, then each batch's hits. If a rival flush finished
    one meanwhile and enough batches followed for its place in the ring to be taken again, the
    slow flush must not apply the newer batch's hits under the old batch's id."""
    collection, declare = scratch_counters
    plays = declare("plays", "songs")
    first, filler, late = ObjectId(), ObjectId(), ObjectId()
    collection.insert_many([{"_id": first}, {"_id": filler}, {"_id": late}])
    plays.add(doc_id=first)
    plays.flush()
    (old_batch,) = get_redis().zrange(plays.done_key, 0, -1)
    for _ in range(counters.DONE_HISTORY):
        plays.add(doc_id=filler)
        plays.flush()
    assert old_batch not in get_redis().zrange(plays.done_key, 0, -1)
    # The next batch takes the old one's place, and its flush stops before applying it.
    plays.add(doc_id=late)
    apply = plays._apply
    monkeypatch.setattr(plays, "_apply", lambda *args: (_ for _ in ()).throw(RuntimeError()))
    with pytest.raises(RuntimeError):
        plays.flush()
    (new_batch,) = get_redis().zrange(plays.inflight_key, 0, -1)
    assert plays.batch_key(new_batch) == plays.batch_key(old_batch)

    # The slow flush still holds the old batch as in flight.
    monkeypatch.setattr(plays, "_apply", apply)
    client, real_zrange = get_redis(), get_redis().zrange
    monkeypatch.setattr(client, "zrange", lambda key, *args: [old_batch])
    assert plays.flush() == 0
    monkeypatch.setattr(client, "zrange", real_zrange)
    assert plays.flush() == 1
    assert collection.find_one({"_id": late})["plays"] == 1
    assert collection.find_one({"_id": first})["plays"] == 1


def test_a_flush_cuts_no_batch_while_every_place_in_the_ring_is_taken(scratch_counters):
    """Then the hits wait, pending, for the next flush: readers never consult more batches
    than a document remembers."""
    collection, declare = scratch_counters
    plays = declare("plays", "songs")
    song = ObjectId()
    collection.insert_one({"_id": song})
    stuck = {f"stuck.{place}": time.time() for place in range(counters.BATCH_HISTORY)}
    get_redis().zadd(plays.inflight_key, stuck)
    plays.add(doc_id=song, amount=2)
    assert counters.counter_reads_for([plays], [str(song)])["plays"][0] == ["2"]
    assert plays.flush() == 0  # the stuck batches hold nothing; they finish now
    assert get_redis().hget(plays.pending_key, str(song)) == "2"
    assert plays.flush() == 2
    assert collection.find_one({"_id": song})["plays"] == 2


def test_django_redis_cache_reads_many_keys_across_slots():
    if not settings.REDIS_URL:
        pytest.skip("the embedded run's cache is in process")
    values = {f"key-{n}": n for n in range(20)}
    django_cache.set_many(values)
    assert django_cache.get_many([*values, "missing"]) == values
    django_cache.delete_many(list(values))
    assert django_cache.get_many(list(values)) == {}
