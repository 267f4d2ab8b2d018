"""Unread counts answered from Redis: a per-user version changes with the inbox, and a count
cached under that version is served until it changes, so polling costs no Mongo read.

Writers store first and bump the version after; a reader takes the version before counting.
So a count cached under a version can only miss changes that bumped it again, and is never
served after them. Losing Redis only costs one recount per user. The count is of what the
inbox shows (selectors.shown_entries).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from bson import ObjectId
from django.conf import settings

from accounts.documents import User
from common.redis import get_redis
from notifications import selectors


@dataclass(frozen=True)
class UnreadCount:
    count: int
    etag: str


def _version_key(user_id) -> str:
    return f"notif:version:{user_id}"


def _count_key(user_id) -> str:
    return f"notif:unread:{user_id}"


def changed(*, user_ids: Iterable[ObjectId]) -> None:
    """Mark these users' inboxes changed (after the write), in one round-trip."""
    pipe = get_redis().pipeline(transaction=False)
    for user_id in user_ids:
        pipe.set(_version_key(user_id), uuid.uuid4().hex, ex=settings.NOTIFICATION_VERSION_TTL)
    pipe.execute()


def unread_count(*, user: User) -> UnreadCount:
    """The user's unread figure and its ETag; counts on the index only when the inbox changed."""
    redis = get_redis()
    version, cached = redis.mget(_version_key(user.id), _count_key(user.id))
    if version is None:
        redis.set(
            _version_key(user.id), uuid.uuid4().hex, nx=True, ex=settings.NOTIFICATION_VERSION_TTL
        )
        version = redis.get(_version_key(user.id))
    if cached is not None:
        cached_version, _, count = cached.partition(":")
        if cached_version == version:
            return UnreadCount(count=int(count), etag=f'"{version}.{count}"')
    count = selectors.shown_entries(user=user, unread=True).count()
    redis.set(_count_key(user.id), f"{version}:{count}", ex=settings.NOTIFICATION_COUNT_TTL)
    return UnreadCount(count=count, etag=f'"{version}.{count}"')
