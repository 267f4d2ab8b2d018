"""A user's backlog (common.live): where a stream starts, what a reconnect missed, what came since.

Event ids are the backlog's entry ids. A stream starts by adding an `open` entry (which creates
the backlog and keeps it for EVENTS_BACKLOG_SECONDS); a reconnect naming the last id it got
resumes losslessly exactly when that entry is still there and young enough, since trimming only
ever takes the oldest entries and a lost or expired backlog loses them all.
"""

import json
import re
from dataclasses import dataclass

from django.conf import settings

from common.live import backlog_key

ENTRY_ID_PATTERN = r"^[0-9]{1,15}-[0-9]{1,19}$"
_ENTRY_ID = re.compile(ENTRY_ID_PATTERN)
READ_BATCH = 100
OPEN = "open"


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    data: dict


def lifetime() -> int:
    """Seconds a backlog outlives its last stream: its events' age limit, and a heartbeat's
    slack so a reconnect just inside the limit still finds it."""
    return settings.EVENTS_BACKLOG_SECONDS + 2 * settings.EVENTS_HEARTBEAT_SECONDS


def _entries(raw: list) -> list[Entry]:
    return [
        Entry(id=entry_id, type=fields.get("t", ""), data=json.loads(fields.get("d") or "{}"))
        for entry_id, fields in raw
        if fields.get("t") != OPEN
    ]


def _parts(entry_id: str) -> tuple[int, int]:
    milliseconds, _, sequence = entry_id.partition("-")
    return int(milliseconds), int(sequence)


def _young_enough(since: str, now: str) -> bool:
    """`since` names a past entry no older than the backlog's age limit."""
    if not _ENTRY_ID.match(since):
        return False
    return (
        _parts(since) <= _parts(now)
        and _parts(now)[0] - _parts(since)[0] <= settings.EVENTS_BACKLOG_SECONDS * 1000
    )


async def start(redis, *, user_id: str, since: str | None) -> tuple[str, list[Entry] | None]:
    """Mark where a new stream starts; with `since` (the last event id a client got), also what
    came after it: None when that is no longer all there (the client must reload)."""
    key = backlog_key(user_id)
    pipe = redis.pipeline(transaction=False)
    pipe.xadd(key, {"t": OPEN}, maxlen=settings.EVENTS_BACKLOG_LENGTH, approximate=False)
    pipe.expire(key, lifetime())
    position, _ = await pipe.execute()
    if since is None:
        return position, []
    if not _young_enough(since, position):
        return position, None
    raw = await redis.xrange(key, min=since, max=position)
    if not raw or raw[0][0] != since:
        return position, None
    return position, _entries(raw[1:])


@dataclass(frozen=True)
class Batch:
    """Entries read after a position: the events among them, where the next read starts, and
    whether more may be waiting already."""

    entries: list[Entry]
    position: str
    more: bool


async def after(redis, *, user_id: str, position: str) -> Batch:
    """The next entries after `position`, oldest first."""
    raw = await redis.xrange(backlog_key(user_id), min=f"({position}", max="+", count=READ_BATCH)
    return Batch(
        entries=_entries(raw),
        position=raw[-1][0] if raw else position,
        more=len(raw) == READ_BATCH,
    )
