"""Redis wiring: REDIS_URL when set, else one shared in-process stand-in for the embedded run."""

from functools import cache

import redis
from django.conf import settings


@cache
def in_process_server():
    """The stand-in's one server, which the sync client and the event streams' async clients
    share (each fakeredis client would otherwise get a server of its own)."""
    import fakeredis

    return fakeredis.FakeServer(version=(7,))


@cache
def get_redis() -> redis.Redis:
    """The process-wide Redis client for counters, throttles and de-duplication keys."""
    if settings.REDIS_URL:
        return redis.Redis.from_url(
            settings.REDIS_URL, decode_responses=True, health_check_interval=30
        )
    import fakeredis

    return fakeredis.FakeRedis(server=in_process_server(), decode_responses=True)
