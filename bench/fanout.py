"""Benchmark announcing one upload to a channel's subscribers against a bare insert_many.

Usage: .venv/bin/python bench/fanout.py [--sizes 10000,100000]

For each size N, in one run: seed a channel with N subscribers directly (1 % of them with
saved settings, half of those with new items off; 1 % blocking the channel; 1 % with the bell
off), then time notifications.delivery.announce for one listed upload (the code the Celery task
runs: batches of NOTIFICATION_FANOUT_BATCH with the settings, bell, block and suspension
filtering and the unread-count versions in Redis), then time one bare insert_many of N
equivalent notification documents into the same collection with the same indexes, emptied
first. The store is the one MONGODB_URI names (default: the embedded in-process mongomock);
Redis is REDIS_URL's, or the in-process stand-in. Target: fan-out at most 2x the bare insert,
and the time per notification the same at every size (within 20 %).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RATIO_TARGET = 2.0
SCALING_TOLERANCE = 0.2


def setup() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("MONGODB_URI", "mongomock://localhost/fanout_bench")
    import django

    django.setup()
    from django.conf import settings

    redis = settings.REDIS_URL or "in-process fakeredis"
    return f"Mongo {settings.MONGODB_URI} (db {settings.MONGODB_DB or 'from URI'}), Redis {redis}"


def clean() -> None:
    """Drop every collection; seeding then inserts without indexes, which come after it."""
    import mongoengine

    from common.redis import get_redis

    db = mongoengine.get_db()
    for name in db.list_collection_names():
        db.drop_collection(name)
    get_redis().flushdb()


def seed(n: int):
    """A channel, its listed upload, and n subscribers inserted in bulk."""
    from bson import ObjectId
    from django.utils import timezone

    from accounts.documents import Block, User
    from channels_app.documents import Subscription
    from notifications.documents import NotificationSettings
    from videos.documents import Video

    now = timezone.now()

    def user(name: str) -> dict:
        return {
            "_id": ObjectId(),
            "username": name,
            "username_lower": name,
            "email": f"{name}@example.com",
            "full_name": name,
            "password": "!",
            "is_active": True,
            "created_at": now,
        }

    channel = user("channel")
    fans = [user(f"fan{i}") for i in range(n)]
    User._get_collection().insert_many([channel, *fans])
    ids = [fan["_id"] for fan in fans]
    Subscription._get_collection().insert_many(
        [
            {
                "subscriber_id": i,
                "channel_id": channel["_id"],
                "notify": "none" if index % 100 == 1 else "all",
                "subscriber_active": True,
                "channel_active": True,
                "created_at": now,
            }
            for index, i in enumerate(ids)
        ]
    )
    Block._get_collection().insert_many(
        [{"blocker_id": i, "blocked_id": channel["_id"]} for i in ids[2::100]]
    )
    NotificationSettings._get_collection().insert_many(
        [
            {"user_id": i, "web": [] if index % 2 else ["new_video"], "email": []}
            for index, i in enumerate(ids[3::100])
        ]
    )
    video = Video(
        owner_id=channel["_id"],
        title="Bench upload",
        status="ready",
        published=True,
        visibility="public",
        is_listed=True,
        published_at=now,
        announced_at=now,
    )
    video.save()
    return video, ids


def bare_docs(video, ids) -> list[dict]:
    from bson import ObjectId
    from django.utils import timezone

    now = timezone.now()
    return [
        {
            "_id": ObjectId(),
            "recipient_id": i,
            "kind": "new_video",
            "key": str(video.id),
            "actor_id": video.owner_id,
            "target_type": "video",
            "target_id": video.id,
            "target_title": video.title,
            "comment_id": None,
            "web": True,
            "read": False,
            "created_at": now,
        }
        for i in ids
    ]


def measure(n: int) -> tuple[float, float, int]:
    from config.mongo import document_classes
    from notifications import delivery
    from notifications.documents import Notification

    clean()
    video, ids = seed(n)
    for cls in document_classes():
        cls._collection = None
        cls.ensure_indexes()
    began = time.perf_counter()
    told = delivery.announce(kind="new_video", target_type="video", target_id=video.id)
    fanout = time.perf_counter() - began

    collection = Notification._get_collection()
    collection.delete_many({})
    docs = bare_docs(video, ids)
    began = time.perf_counter()
    collection.insert_many(docs, ordered=False)
    bare = time.perf_counter() - began
    return fanout, bare, told


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    store = setup()
    from django.conf import settings

    print(f"store: {store}; batch {settings.NOTIFICATION_FANOUT_BATCH}")
    print(
        f"{'subscribers':>11} {'told':>7} {'fan-out s':>10} {'bare s':>8} {'ratio':>6} "
        f"{'us/notif':>9} {'bare us/doc':>11}"
    )
    per = []
    ok = True
    for n in sizes:
        fanout, bare, told = measure(n)
        ratio = fanout / bare
        per.append(fanout / told)
        ok &= ratio <= RATIO_TARGET
        print(
            f"{n:>11} {told:>7} {fanout:>10.2f} {bare:>8.2f} {ratio:>6.2f} "
            f"{fanout / told * 1e6:>9.1f} {bare / n * 1e6:>11.1f}"
        )
    spread = max(per) / min(per) - 1
    ok &= spread <= SCALING_TOLERANCE
    print(
        f"fan-out/bare target <= {RATIO_TARGET}x; time per notification spread {spread:.0%} "
        f"(target <= {SCALING_TOLERANCE:.0%}): {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
