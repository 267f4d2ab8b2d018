"""Announcing to many subscribers: batches of inserts, exactly once even when re-run or killed."""

import pytest
from bson import ObjectId
from django.contrib.auth.hashers import make_password

from accounts.documents import Block, User
from channels_app.documents import Subscription
from notifications import delivery
from notifications.documents import Notification
from notifications.tasks import announce
from videos.documents import Video
from videos.tests.helpers import ready_video

# Batches of 100 here (1,000 by default) keep mongomock's unique-index checks quick.
BATCH = 100
SUBSCRIBERS = 250


def seed_subscribers(channel, n: int) -> list[ObjectId]:
    """n users subscribed to channel, inserted in bulk."""
    password = make_password("x")
    users = [
        {
            "_id": ObjectId(),
            "username": f"fan{i}",
            "username_lower": f"fan{i}",
            "email": f"fan{i}@example.com",
            "full_name": f"Fan {i}",
            "password": password,
            "is_active": True,
        }
        for i in range(n)
    ]
    User._get_collection().insert_many(users)
    ids = [user["_id"] for user in users]
    Subscription._get_collection().insert_many(
        [
            {
                "subscriber_id": i,
                "channel_id": channel.id,
                "notify": "all",
                "subscriber_active": True,
                "channel_active": True,
            }
            for i in ids
        ]
    )
    return ids


def per_recipient(video) -> dict[ObjectId, int]:
    rows = Notification._get_collection().aggregate(
        [
            {"$match": {"target_id": video.id, "kind": "new_video"}},
            {"$group": {"_id": "$recipient_id", "n": {"$sum": 1}}},
        ]
    )
    return {row["_id"]: row["n"] for row in rows}


@pytest.fixture
def channel_with_fans(make_user, settings):
    settings.NOTIFICATION_FANOUT_BATCH = BATCH
    channel = make_user()
    fans = seed_subscribers(channel, SUBSCRIBERS)
    video = ready_video(channel, published=False)
    # Listed without announcing: each test runs the task itself.
    Video.objects(id=video.id).update_one(set__published=True, set__is_listed=True)
    return channel, fans, video


def test_batches_are_a_thousand_by_default():
    from config.settings import base

    assert base.NOTIFICATION_FANOUT_BATCH == 1000


def test_a_channel_announces_in_batches_of_inserts_and_a_second_run_adds_nothing(
    channel_with_fans, monkeypatch
):
    _, fans, video = channel_with_fans
    inserts = []
    collection = Notification._get_collection()
    real_insert_many = type(collection).insert_many

    def counting_insert_many(self, docs, *args, **kwargs):
        inserts.append(len(docs))
        return real_insert_many(self, docs, *args, **kwargs)

    monkeypatch.setattr(type(collection), "insert_many", counting_insert_many)
    assert announce.delay("new_video", "video", str(video.id)).get() == SUBSCRIBERS
    assert inserts == [BATCH, BATCH, SUBSCRIBERS - 2 * BATCH]
    assert announce.delay("new_video", "video", str(video.id)).get() == 0
    counts = per_recipient(video)
    assert set(counts) == set(fans) and set(counts.values()) == {1}


def test_a_fan_out_killed_halfway_and_run_again_tells_everyone_exactly_once(
    channel_with_fans, monkeypatch
):
    _, fans, video = channel_with_fans
    real_insert = delivery._insert
    calls = {"n": 0}

    def dies_in_the_second_batch(docs):
        calls["n"] += 1
        if calls["n"] == 2:
            real_insert(docs[: len(docs) // 2])
            raise SystemExit("worker killed")
        return real_insert(docs)

    monkeypatch.setattr(delivery, "_insert", dies_in_the_second_batch)
    with pytest.raises(SystemExit):
        delivery.announce(kind="new_video", target_type="video", target_id=video.id)
    assert len(per_recipient(video)) == BATCH + BATCH // 2
    monkeypatch.setattr(delivery, "_insert", real_insert)

    assert (
        announce.delay("new_video", "video", str(video.id)).get()
        == SUBSCRIBERS - BATCH - BATCH // 2
    )
    counts = per_recipient(video)
    assert set(counts) == set(fans) and set(counts.values()) == {1}


def test_a_fan_out_skips_blockers_silenced_bells_and_suspended_fans(channel_with_fans):
    channel, fans, video = channel_with_fans
    Block(blocker_id=fans[0], blocked_id=channel.id).save()
    Subscription.objects(subscriber_id=fans[1]).update(set__notify="none")
    Subscription.objects(subscriber_id=fans[2]).update(set__subscriber_active=False)
    assert announce.delay("new_video", "video", str(video.id)).get() == SUBSCRIBERS - 3
    assert not set(per_recipient(video)) & set(fans[:3])


def test_an_item_no_longer_listed_is_not_announced(channel_with_fans):
    video = channel_with_fans[2]
    Video.objects(id=video.id).update_one(set__is_listed=False)
    assert announce.delay("new_video", "video", str(video.id)).get() == 0
    assert per_recipient(video) == {}
