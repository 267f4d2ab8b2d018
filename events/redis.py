"""The event streams' Redis client: asyncio, one per event loop (a server process runs one)."""

import redis.asyncio
from django.conf import settings

from common.redis import in_process_server

# Connections one process's streams share; a burst of wakes waits for a free one.
MAX_CONNECTIONS = 64


def async_client(*, subscribing: bool = False) -> redis.asyncio.Redis | redis.asyncio.RedisCluster:
    """REDIS_URL when set (through RedisCluster when REDIS_CLUSTER, except to subscribe: a
    cluster delivers every PUBLISH to subscribers of any node, so one node's client does), else
    an asyncio client of the in-process stand-in's one server."""
    if settings.REDIS_URL and settings.REDIS_CLUSTER and not subscribing:
        return redis.asyncio.RedisCluster.from_url(
            settings.REDIS_URL, decode_responses=True, max_connections=MAX_CONNECTIONS
        )
    if settings.REDIS_URL:
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            settings.REDIS_URL,
            decode_responses=True,
            health_check_interval=30,
            max_connections=MAX_CONNECTIONS,
            timeout=None,
        )
        return redis.asyncio.Redis(connection_pool=pool)
    import fakeredis.aioredis

    return fakeredis.aioredis.FakeRedis(server=in_process_server(), decode_responses=True)
