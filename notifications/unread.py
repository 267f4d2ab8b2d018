"""Unread counts answered from Redis: a per-user version changes with the inbox, and a count
cached under that version is served until it changes, so polling costs no Mongo read.

Writers store first and bump the version after; a reader takes the version before counting.
So a count cached under a version can only miss changes that bumped it again, and is never
served after them. Losing Redis only costs one recount per user. The count is of what the
inbox shows (selectors.shown_entries), so it is also served only until the oldest entry it
counts grows too old to show.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from accounts.documents import User
from common import live
from common.redis import get_redis
from notifications import selectors
from notifications.documents import INBOX_DAYS


@dataclass(frozen=True)
class UnreadCount:
    count: int
    etag: str


def _version_key(user_id) -> str:
    # A user's keys share a hash tag, so one MGET reads both on a Redis Cluster.
    return f"notif:{{{user_id}}}:version"


def _count_key(user_id) -> str:
    """Holds "version:count:until", until being when the count's oldest entry grows too old."""
    return f"notif:{{{user_id}}}:unread-shown"


def changed(*, user_ids: Iterable[ObjectId], entries: Iterable[live.UserEvent] = ()) -> None:
    """Mark these users' inboxes changed (after the write) and tell their open streams, new
    inbox `entries` first, then the unread figure: one round-trip."""
    user_ids = list(user_ids)
    pipe = get_redis().pipeline(transaction=False)
    for user_id in user_ids:
        pipe.set(_version_key(user_id), uuid.uuid4().hex, ex=settings.NOTIFICATION_VERSION_TTL)
    live.send(pipe, [*entries, *(live.UserEvent(user_id, "unread_count") for user_id in user_ids)])


def unread_count(*, user: User) -> UnreadCount:
    """The user's unread figure and its ETag; counts on the index only when the inbox changed
    or an entry it counted grew too old to show."""
    redis = get_redis()
    version, cached = redis.mget(_version_key(user.id), _count_key(user.id))
    if version is None:
        redis.set(
            _version_key(user.id), uuid.uuid4().hex, nx=True, ex=settings.NOTIFICATION_VERSION_TTL
        )
        version = redis.get(_version_key(user.id))
    now = timezone.now().timestamp()
    if cached is not None:
        cached_version, count, until = cached.split(":")
        if cached_version == version and now < float(until):
            return UnreadCount(count=int(count), etag=f'"{version}.{count}"')
    count, oldest = _count(user=user)
    until = now + settings.NOTIFICATION_COUNT_TTL
    if oldest is not None:
        until = min(until, (oldest + timedelta(days=INBOX_DAYS)).timestamp())
    redis.set(
        _count_key(user.id),
        f"{version}:{count}:{until}",
        ex=max(1, int(until - now) + 1),
    )
    return UnreadCount(count=count, etag=f'"{version}.{count}"')


def _count(*, user: User) -> tuple[int, datetime | None]:
    """How many unread entries the inbox shows, and when the oldest of them was made."""
    rows = list(
        selectors.shown_entries(user=user, unread=True).aggregate(
            [{"$group": {"_id": None, "count": {"$sum": 1}, "oldest": {"$min": "$created_at"}}}]
        )
    )
    if not rows:
        return 0, None
    return rows[0]["count"], rows[0]["oldest"]
