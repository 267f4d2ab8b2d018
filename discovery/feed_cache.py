"""Feeds are the same for every reader, so each is kept whole in Redis with its ETag until a
write it depends on replaces a stamp (see common.cache): the channel's profile or suspension
("user"), any of its items ("items", videos.listing.changed), its tweets ("tweets"). A hit costs
one Redis round-trip and no Mongo read."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from accounts.documents import User
from channels_app.selectors import channel_by_username
from common import cache


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str


def _key(kind: str, username: str, request) -> str:
    # Links are absolute, so the host the caller used is part of the entry.
    return f"feed:{{{username.strip().lower()}}}:{kind}:{request.build_absolute_uri('/')}"


def cached_feed(*, kind: str, username: str, request, build: Callable[[User], bytes]) -> Feed:
    """The channel's feed of this kind, built by `build` when no current copy is kept; an
    unknown or suspended channel is a NotFound."""
    key = _key(kind, username, request)
    kept = cache.load(key)
    if kept is not None:
        return Feed(body=kept["body"].encode(), etag=kept["etag"])
    found = channel_by_username(username=username)
    scopes = [("user", found.id), ("items", found.id), ("tweets", found.id)]
    taken = cache.stamps(*scopes)
    # Read again after taking the stamps, so the entry is never older than its stamps.
    channel = channel_by_username(username=username)
    body = build(channel)
    feed = Feed(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:32]}"')
    if channel.id == found.id:
        cache.store(key, {"body": body.decode(), "etag": feed.etag}, scopes=scopes, taken=taken)
    return feed
