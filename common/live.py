"""What writers tell the event streams (GET /api/v1/events), in one Redis round-trip each.

A user's events go into their backlog, a Redis Stream (`events:backlog:<user id>`, capped at
EVENTS_BACKLOG_LENGTH entries), which exists only while a stream of theirs is open or was lately
(the stream creates it and keeps it alive; writers append with NOMKSTREAM, so users who never
listen cost nothing); then one PUBLISH wakes the server processes, which read each open stream's
backlog from where it stands. Item counters and session ends are only published: a stream reads
the figures when told, and a missed counter is read afresh on reconnect.

Publishing never fails the write it follows: a Redis error is logged and the event is lost
(what it told stays in the store: the inbox, the item, its figures).
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import structlog
from bson import ObjectId
from django.conf import settings
from redis.cluster import ClusterPipeline
from redis.exceptions import RedisError

from common.redis import get_redis

logger = structlog.get_logger(__name__)

WAKE_CHANNEL = "events:wake"
COUNTER_CHANNEL = "events:counters"
CONTROL_CHANNEL = "events:control"


def backlog_key(user_id) -> str:
    return f"events:backlog:{user_id}"


@dataclass(frozen=True)
class UserEvent:
    """One event for one user's streams: its type and what it carries (JSON)."""

    user_id: ObjectId | str
    type: str
    data: dict = field(default_factory=dict)


def send(pipe, events: Iterable[UserEvent]) -> None:
    """Run `pipe` (the caller's commands) with the commands publishing `events` added: one
    round-trip, two on a Redis Cluster, whose pipelines take no PUBLISH (then the wake, sent
    after, never raises)."""
    users = []
    for event in events:
        pipe.xadd(
            backlog_key(event.user_id),
            {"t": event.type, "d": json.dumps(event.data, separators=(",", ":"))},
            maxlen=settings.EVENTS_BACKLOG_LENGTH,
            approximate=False,
            nomkstream=True,
        )
        users.append(str(event.user_id))
    wake = ",".join(dict.fromkeys(users))
    separate = isinstance(pipe, ClusterPipeline)
    if wake and not separate:
        pipe.publish(WAKE_CHANNEL, wake)
    if len(pipe):
        pipe.execute()
    if wake and separate:
        _send(lambda: get_redis().publish(WAKE_CHANNEL, wake), what="wake")


def publish(events: Iterable[UserEvent]) -> None:
    """Publish events to their users' streams in one round-trip; never raises."""
    _send(lambda: send(get_redis().pipeline(transaction=False), events), what="events")


def counters_changed(doc_ids: Iterable) -> None:
    """Tell the streams watching these items that a figure of theirs moved; never raises."""
    ids = ",".join(dict.fromkeys(str(doc_id) for doc_id in doc_ids))
    if ids:
        _send(lambda: get_redis().publish(COUNTER_CHANNEL, ids), what="counters")


def sessions_ended(*, session_id=None, user_id=None, keep=None) -> None:
    """Close at once the streams of one session, or of every session of a user but `keep`."""
    message = {
        "session": session_id and str(session_id),
        "user": user_id and str(user_id),
        "keep": keep and str(keep),
    }
    _send(lambda: get_redis().publish(CONTROL_CHANNEL, json.dumps(message)), what="sessions")


def _send(call, *, what: str) -> None:
    try:
        call()
    except RedisError as exc:
        logger.warning("live_publish_failed", what=what, error=str(exc))
