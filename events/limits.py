"""At most EVENTS_MAX_STREAMS_PER_USER streams per user, whichever processes hold them.

A sorted set per user names their open streams (`<opened at ms>:<stream id>`), each scored with
the time it lapses unless its process renews it; a stream that would take the user past the
limit has the oldest ones closed. A process that died leaves entries that simply lapse.
"""

import json
import time

from django.conf import settings

from common.live import CONTROL_CHANNEL

# KEYS: the user's open streams; ARGV: now, the new stream's name, when it lapses, the set's
# lifetime. Drops lapsed streams, counts the new one, answers every open one.
_CLAIM = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return redis.call('ZRANGE', KEYS[1], 0, -1)
"""


def _key(user_id: str) -> str:
    return f"events:open:{user_id}"


def _lapses_at() -> float:
    return time.time() + 3 * settings.EVENTS_HEARTBEAT_SECONDS


def member(*, stream_id: str, opened_ms: int) -> str:
    return f"{opened_ms:015d}:{stream_id}"


async def claim(redis, *, user_id: str, name: str) -> None:
    """Count a new stream (its `member` name); close the user's oldest beyond the limit."""
    key = _key(user_id)
    now, lifetime = time.time(), 3 * settings.EVENTS_HEARTBEAT_SECONDS
    members = await redis.eval(_CLAIM, 1, key, now, name, _lapses_at(), lifetime)
    excess = sorted(members)[: -settings.EVENTS_MAX_STREAMS_PER_USER]
    if not excess:
        return
    await redis.zrem(key, *excess)
    for gone in excess:  # one by one: a cluster's pipelines take no PUBLISH (rare: over the cap)
        await redis.publish(CONTROL_CHANNEL, json.dumps({"stream": gone.partition(":")[2]}))


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
