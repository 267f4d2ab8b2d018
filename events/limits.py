"""At most EVENTS_MAX_STREAMS_PER_USER streams per user, whichever processes hold them.

A sorted set per user names their open streams (`<opened at ms>:<stream id>`), each scored with
the time it lapses unless its process renews it; a stream that would take the user past the
limit has the oldest ones closed. A process that died leaves entries that simply lapse.
"""

import json
import time

from django.conf import settings

from common.live import CONTROL_CHANNEL


def _key(user_id: str) -> str:
    return f"events:open:{user_id}"


def _lapses_at() -> float:
    return time.time() + 3 * settings.EVENTS_HEARTBEAT_SECONDS


def member(*, stream_id: str, opened_ms: int) -> str:
    return f"{opened_ms:015d}:{stream_id}"


async def claim(redis, *, user_id: str, name: str) -> None:
    """Count a new stream (its `member` name); close the user's oldest beyond the limit."""
    key = _key(user_id)
    pipe = redis.pipeline(transaction=True)
    pipe.zremrangebyscore(key, "-inf", time.time())
    pipe.zadd(key, {name: _lapses_at()})
    pipe.zrange(key, 0, -1)
    pipe.expire(key, 3 * settings.EVENTS_HEARTBEAT_SECONDS)
    *_, members, _ = await pipe.execute()
    excess = sorted(members)[: -settings.EVENTS_MAX_STREAMS_PER_USER]
    if not excess:
        return
    pipe = redis.pipeline(transaction=False)
    pipe.zrem(key, *excess)
    for gone in excess:
        pipe.publish(CONTROL_CHANNEL, json.dumps({"stream": gone.partition(":")[2]}))
    await pipe.execute()


async def renew(redis, *, names: dict[str, list[str]]) -> None:
    """Keep these streams counted (user id -> their member names) for another while."""
    if not names:
        return
    lapses_at = _lapses_at()
    pipe = redis.pipeline(transaction=False)
    for user_id, members in names.items():
        pipe.zadd(_key(user_id), dict.fromkeys(members, lapses_at), xx=True)
        pipe.expire(_key(user_id), 3 * settings.EVENTS_HEARTBEAT_SECONDS)
    await pipe.execute()


async def release(redis, *, user_id: str, name: str) -> None:
    """A stream ended: it no longer counts."""
    await redis.zrem(_key(user_id), name)
