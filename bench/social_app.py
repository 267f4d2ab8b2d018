"""WSGI app for bench/social.py: the project's application over seeded social data.

Seeds at import into the in-process mongomock store, so run it under gunicorn with --preload and
one worker: the forked worker inherits the data. Writes the ids and access tokens the driver
needs to the JSON file named by SOCIAL_BENCH_STATE. SOCIAL_BENCH_CHANNELS channels each posted
one public item and one tweet; "reader10" follows the first 10 of them, "reader1000" the first
1,000; SOCIAL_BENCH_LIKERS users like and unlike items.
"""

import json
import os
from datetime import timedelta

from config.wsgi import application


def seed(*, channels: int, likers: int) -> dict:
    """Create the channels, their posts, the readers' subscriptions and signed-in users."""
    from bson import ObjectId
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.documents import User
    from accounts.services import open_session
    from channels_app.documents import Subscription
    from config.mongo import ensure_indexes, is_in_memory
    from engagement.documents import Tweet
    from videos.documents import Video

    if not is_in_memory():
        raise RuntimeError("social_app seeds only the in-process mongomock store.")
    ensure_indexes()
    now = timezone.now()
    password = make_password(None)

    def user(name: str) -> User:
        return User(
            id=ObjectId(),
            username=name,
            username_lower=name,
            email=f"{name}@example.com",
            full_name=name.title(),
            password=password,
            email_verified=True,
        )

    owners = [user(f"channel{index:04d}") for index in range(channels)]
    readers = {count: user(f"reader{count}") for count in (10, 1000)}
    liking = [user(f"liker{index}") for index in range(likers)]
    User._get_collection().insert_many(
        [account.to_mongo() for account in [*owners, *readers.values(), *liking]]
    )
    items = [
        Video(
            id=ObjectId(),
            owner_id=owner.id,
            title=f"Item {index}",
            status="ready",
            progress=100.0,
            duration=60.0,
            is_listed=True,
            published_at=now - timedelta(minutes=2 * index),
            created_at=now - timedelta(minutes=2 * index),
        )
        for index, owner in enumerate(owners)
    ]
    Video._get_collection().insert_many([item.to_mongo() for item in items])
    Tweet._get_collection().insert_many(
        [
            Tweet(
                author_id=owner.id,
                content=f"Tweet {index}",
                created_at=now - timedelta(minutes=2 * index + 1),
            ).to_mongo()
            for index, owner in enumerate(owners)
        ]
    )
    Subscription._get_collection().insert_many(
        [
            Subscription(subscriber_id=reader.id, channel_id=owner.id, created_at=now).to_mongo()
            for count, reader in readers.items()
            for owner in owners[:count]
        ]
    )
    return {
        "items": [str(item.id) for item in items],
        "readers": {
            str(count): open_session(user=reader).access for count, reader in readers.items()
        },
        "likers": [open_session(user=account).access for account in liking],
    }


state = seed(
    channels=int(os.environ.get("SOCIAL_BENCH_CHANNELS", "1000")),
    likers=int(os.environ.get("SOCIAL_BENCH_LIKERS", "4")),
)
with open(os.environ["SOCIAL_BENCH_STATE"], "w") as handle:
    json.dump(state, handle)

__all__ = ["application"]
