"""Hot-read cache: JSON entries valid only while the stamps they were built under are current.

Every write that changes what an entry shows replaces a stamp (a random token per scope and id,
e.g. ("video", id)); a reader takes the stamps before reading the documents it caches, so an entry
built from data older than a write never carries that write's stamp. A lost stamp (Redis
restarted, key evicted) is replaced by a new random one, so it can never match an old entry.
"""

import json
import uuid
from collections.abc import Iterable

from django.conf import settings

from common.redis import get_redis

Scope = tuple[str, object]


def _stamp_key(scope: Scope) -> str:
    kind, ident = scope
    return f"cache:stamp:{kind}:{ident}"


def bump(*scopes: Scope) -> None:
    """Mark what these scopes show as changed: entries built before now stop being served."""
    if not scopes:
        return
    pipe = get_redis().pipeline(transaction=False)
    for scope in scopes:
        pipe.set(_stamp_key(scope), uuid.uuid4().hex)
    pipe.execute()


def bump_many(kind: str, idents: Iterable) -> None:
    """bump() for many ids of one kind."""
    bump(*((kind, ident) for ident in idents))


def stamps(*scopes: Scope) -> list[str]:
    """The current stamps, created when missing; take them before reading what gets cached."""
    pipe = get_redis().pipeline(transaction=False)
    for scope in scopes:
        pipe.set(_stamp_key(scope), uuid.uuid4().hex, nx=True)
    for scope in scopes:
        pipe.get(_stamp_key(scope))
    return pipe.execute()[len(scopes) :]


def load(key: str, *scopes: Scope) -> dict | None:
    """The entry under key when it was stored with these scopes' current stamps, else None.

    The entry names further scopes it depends on under "also"; those are checked too."""
    pipe = get_redis().pipeline(transaction=False)
    pipe.get(key)
    for scope in scopes:
        pipe.get(_stamp_key(scope))
    raw, *current = pipe.execute()
    if raw is None:
        return None
    entry = json.loads(raw)
    if entry["stamps"][: len(scopes)] != current:
        return None
    also = [tuple(scope) for scope in entry["also"]]
    if also:
        pipe = get_redis().pipeline(transaction=False)
        for scope in also:
            pipe.get(_stamp_key(scope))
        if entry["stamps"][len(scopes) :] != pipe.execute():
            return None
    return entry["value"]


def store(key: str, value: dict, *, scopes: list[Scope], taken: list[str], also: int = 0) -> None:
    """Keep value under key with the stamps taken before its documents were read.

    The first len(scopes) - also scopes are the ones the reader passes to load; the last `also`
    are recorded in the entry (ids the reader only learns from it, like an item's owner)."""
    if settings.HOT_READ_CACHE_SECONDS <= 0:
        return
    recorded = [[kind, str(ident)] for kind, ident in scopes[len(scopes) - also :]]
    entry = {"stamps": taken, "also": recorded, "value": value}
    get_redis().set(key, json.dumps(entry), ex=settings.HOT_READ_CACHE_SECONDS)
