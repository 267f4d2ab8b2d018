"""ASGI app for bench/events.py: the project's application over seeded listeners, plus a trigger
that calls the notification service in this process and records when it did.

Seeds at import into the in-process mongomock store (run it in one process, with
bench/asgi_serve.py): EVENTS_BENCH_USERS users, each with a session, and one actor; writes their
access tokens to EVENTS_BENCH_STATE. A thread reads "notify <user index> <n>" lines from stdin
and for each appends "<n> <time>" to EVENTS_BENCH_CALLS, the time taken just before it calls
notifications.delivery.notify, the service that stores a notification and publishes it.
"""

import json
import os
import sys
import threading
import time

from config.asgi import application


def seed(*, users: int) -> tuple[list, object]:
    """The listeners and the actor, with a session per listener."""
    from bson import ObjectId
    from django.contrib.auth.hashers import make_password

    from accounts.documents import User
    from config.mongo import ensure_indexes, is_in_memory

    if not is_in_memory():
        raise RuntimeError("events_app seeds only the in-process mongomock store.")
    ensure_indexes()
    password = make_password(None)
    accounts = [
        User(
            id=ObjectId(),
            username=name,
            username_lower=name,
            email=f"{name}@example.com",
            full_name=name.title(),
            password=password,
            email_verified=True,
        )
        for name in [f"listener{index:05d}" for index in range(users)] + ["actor"]
    ]
    User._get_collection().insert_many([account.to_mongo() for account in accounts])
    return accounts[:-1], accounts[-1]


def trigger(listeners: list, actor, calls_path: str) -> None:
    """Store a notification for the listener each stdin line names, timing the service call."""
    from notifications.delivery import Target, notify

    target = Target(type="channel", id=actor.id, title=actor.username)
    with open(calls_path, "a") as calls:
        for line in sys.stdin:
            _, index, n = line.split()
            called = time.time()
            notify(
                kind="new_subscriber",
                recipient_ids=[listeners[int(index)].id],
                actor=actor,
                target=target,
                key=f"bench-{n}",
            )
            calls.write(f"{n} {called}\n")
            calls.flush()


def _start() -> None:
    from accounts.services import open_session

    listeners, actor = seed(users=int(os.environ["EVENTS_BENCH_USERS"]))
    tokens = [open_session(user=user).access for user in listeners]
    with open(os.environ["EVENTS_BENCH_STATE"], "w") as handle:
        json.dump({"tokens": tokens}, handle)
    threading.Thread(
        target=trigger,
        args=(listeners, actor, os.environ["EVENTS_BENCH_CALLS"]),
        name="bench-trigger",
        daemon=True,
    ).start()


_start()

__all__ = ["application"]
