"""Hot-read cache: JSON entries valid only while the stamps they were built under are current.

Every write that changes what an entry shows replaces a stamp (a random token per scope and id,
e.g. ("video", id)); a reader takes the stamps before reading the documents it caches, so an entry
built from data older than a write never carries that write's stamp. A lost stamp (Redis
restarted, key evicted) is replaced by a new random one, so it can never match an old entry.

No script reads an entry and its stamps together: a script must name every key it reads
beforehand, and an entry names its stamps itself (an item's, its owner's), in slots of their own
on a Redis Cluster. A reader reads them in one pipeline (the stamps that entry named when this
process last read it), and reads the stamps again only when the entry names others. A match
means no write replaced those stamps since the entry was built, whichever was read first. A
stamp's key carries its id as hash tag: a user's and a channel's stamps share a slot.
"""

import json
import uuid
from collections.abc import Iterable

from django.conf import settings

from common.counters import BufferedCounter, counter_reads, queue_counter_read
from common.redis import get_redis

Scope = tuple[str, object]


def _stamp_key(scope: Scope) -> str:
    kind, ident = scope
    return f"cache:stamp:{{{ident}}}:{kind}"


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


_ENTRY_FIELDS = ("value", "deps", "stamps")
# Per entry key, the stamps its entry named when this process last read it. What an entry depends
# on seldom changes (an item's owner never does), so a later read asks for those stamps in the
# same round-trip as the entry, and needs a second one only when the entry names others.
_named_stamps: dict[str, list[str]] = {}
NAMED_STAMPS_KEPT = 10_000


def _read(key: str, *, queue_more=None) -> tuple[str | None, list]:
    """The entry's value if it exists and every stamp it depends on is still the one it was built
    under (else None), and the answers of what queue_more(pipe) added to the same round-trip."""
    guessed = _named_stamps.get(key, [])
    pipe = get_redis().pipeline(transaction=False)
    pipe.hmget(key, _ENTRY_FIELDS)
    for name in guessed:
        pipe.get(name)
    if queue_more is not None:
        queue_more(pipe)
    answers = pipe.execute()
    (value, deps, stamps), found, more = (
        answers[0],
        answers[1 : 1 + len(guessed)],
        answers[1 + len(guessed) :],
    )
    if value is None:
        return None, more
    names = (deps or "").split()
    if names != guessed:
        if len(_named_stamps) >= NAMED_STAMPS_KEPT:
            _named_stamps.clear()
        _named_stamps[key] = names
        pipe = get_redis().pipeline(transaction=False)
        for name in names:
            pipe.get(name)
        found = pipe.execute() if names else []
    return (value if found == (stamps or "").split() else None), more


def load(key: str) -> dict | None:
    """The value stored under key, if none of the scopes it was stored with changed since."""
    value, _ = _read(key)
    return json.loads(value) if value is not None else None


def load_with_figures(
    key: str, *, counters: list[BufferedCounter], ids: list[str]
) -> tuple[dict, dict[str, tuple]] | None:
    """load(), plus the counters' reads for ids (see common.counters.prefetched), read in the
    same round-trip as the entry."""
    value, (figures,) = _read(key, queue_more=lambda pipe: queue_counter_read(pipe, counters, ids))
    if value is None:
        return None
    return json.loads(value), counter_reads(counters, figures)


def store(key: str, value: dict, *, scopes: list[Scope], taken: list[str]) -> None:
    """Keep value under key with the stamps of its scopes taken before its documents were read."""
    if settings.HOT_READ_CACHE_SECONDS <= 0:
        return
    pipe = get_redis().pipeline(transaction=True)
    pipe.delete(key)
    pipe.hset(
        key,
        mapping={
            "value": json.dumps(value),
            "deps": " ".join(_stamp_key(scope) for scope in scopes),
            "stamps": " ".join(taken),
        },
    )
    pipe.expire(key, settings.HOT_READ_CACHE_SECONDS)
    pipe.execute()
