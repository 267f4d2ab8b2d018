"""Redis wiring: REDIS_URL when set (through RedisCluster when REDIS_CLUSTER), else one shared
in-process stand-in for the embedded run.

In a cluster every script and MULTI/EXEC touches keys of one slot: keys read or written together
share a hash tag (the part of the name in braces), as the README's table of key names lists.
"""

from functools import cache

import redis
from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.pool import ConnectionFactory
from redis.cluster import ClusterPipeline, RedisCluster


@cache
def in_process_server():
    """The stand-in's one server, which the sync client and the event streams' async clients
    share (each fakeredis client would otherwise get a server of its own)."""
    import fakeredis

    return fakeredis.FakeServer(version=(7,))


@cache
def get_redis() -> redis.Redis | RedisCluster:
    """The process-wide Redis client for counters, throttles and de-duplication keys."""
    if settings.REDIS_URL and settings.REDIS_CLUSTER:
        # Any node's address will do: the client learns the others and their slots from it.
        return RedisCluster.from_url(
            settings.REDIS_URL, decode_responses=True, health_check_interval=30
        )
    if settings.REDIS_URL:
        return redis.Redis.from_url(
            settings.REDIS_URL, decode_responses=True, health_check_interval=30
        )
    import fakeredis

    return fakeredis.FakeRedis(server=in_process_server(), decode_responses=True)


def queue_script(pipe, script: str, *, keys: list[str], args: list) -> None:
    """Add a script to a pipeline. A cluster's pipeline is told the node of its keys' slot: it
    has no eval(), and would otherwise first ask a node which of the arguments are keys."""
    options = (
        {"target_nodes": pipe.get_node_from_key(keys[0])}
        if isinstance(pipe, ClusterPipeline)
        else {}
    )
    pipe.execute_command("EVAL", script, len(keys), *keys, *args, **options)


class ClusterConnectionFactory(ConnectionFactory):
    """django-redis's connections as one RedisCluster client per URL (REDIS_CLUSTER)."""

    _clusters: dict[str, RedisCluster] = {}

    def connect(self, url: str) -> RedisCluster:
        if url not in self._clusters:
            self._clusters[url] = RedisCluster.from_url(url)
        return self._clusters[url]

    def disconnect(self, connection: RedisCluster) -> None:
        connection.close()


class ClusterCacheClient(DefaultClient):
    """django-redis's client for a cluster: get_many asks each slot for its keys, since a
    cluster answers an MGET only for keys of one slot."""

    def get_many(self, keys, version=None, client=None) -> dict:
        client = client or self.get_client(write=False)
        made = {self.make_key(key, version=version): key for key in keys}
        values = client.mget_nonatomic(list(made)) if made else []
        return {
            made[key]: self.decode(value)
            for key, value in zip(made, values, strict=True)
            if value is not None
        }
