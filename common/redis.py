"""Redis wiring: REDIS_URL when set, else one shared in-process stand-in for the embedded run."""

from functools import cache

import redis
from django.conf import settings


@cache
def get_redis() -> redis.Redis:
    """The process-wide Redis client for counters, throttles and de-duplication keys."""
    if settings.REDIS_URL:
        return redis.Redis.from_url(
            settings.REDIS_URL, decode_responses=True, health_check_interval=30
        )
    import fakeredis

    return fakeredis.FakeRedis(decode_responses=True)
