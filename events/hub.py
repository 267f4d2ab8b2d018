"""The event streams open in one server process (one event loop), and the one Redis subscription
that drives them all: backlog wakes per user, figure moves per item, ends of sessions and streams.

Every EVENTS_HEARTBEAT_SECONDS the hub renews what its streams hold in Redis (their place under
the per-user limit, their users' backlogs) and checks in one query that their sessions still
live, so a revocation whose message was lost still closes its streams within a heartbeat.
"""

import asyncio
import json
import time
from collections import defaultdict
from weakref import WeakKeyDictionary

import structlog
from asgiref.sync import sync_to_async
from django.conf import settings
from redis.exceptions import RedisError

from common import draining
from common.live import CONTROL_CHANNEL, COUNTER_CHANNEL, WAKE_CHANNEL, backlog_key
from events import backlog, limits, selectors
from events.redis import async_client

logger = structlog.get_logger(__name__)

SUBSCRIBE_SECONDS = 5.0
# How often the hub looks whether a heartbeat's renewal is due.
TICK_SECONDS = 1.0
RESUBSCRIBE_PAUSE_SECONDS = 1.0

_hubs: WeakKeyDictionary = WeakKeyDictionary()


def current_hub() -> "Hub":
    """The hub of the running event loop, started on first use."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = Hub()
    return hub


class Hub:
    """Routes what Redis publishes to the streams it concerns, and keeps them counted and alive."""

    def __init__(self):
        self.redis = async_client()
        self.subscriber = async_client(subscribing=True)
        self.streams: set = set()
        self.by_id: dict[str, object] = {}
        self.by_user: dict[str, set] = defaultdict(set)
        self.by_session: dict[str, set] = defaultdict(set)
        self.by_item: dict[str, set] = defaultdict(set)
        self.moved_items: set[str] = set()
        self.subscribed = asyncio.Event()
        self.stopping = False
        self._tasks: set[asyncio.Task] = set()
        for job in (self._listen(), self._renew(), self._send_figures()):
            self._spawn(job)
        draining.on_stop(self.stop)

    def _spawn(self, job) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def add(self, stream) -> None:
        """Route events to a new stream once the subscription is live, and count it under its
        user's limit (closing their oldest beyond it)."""
        self.streams.add(stream)
        self.by_id[stream.id] = stream
        self.by_user[stream.user_id].add(stream)
        self.by_session[stream.session_id].add(stream)
        for item_id in stream.watch:
            self.by_item[item_id].add(stream)
        async with asyncio.timeout(SUBSCRIBE_SECONDS):
            await self.subscribed.wait()
        await limits.claim(self.redis, user_id=stream.user_id, name=stream.name)

    def discard(self, stream) -> None:
        """A stream ended: route nothing more to it, and stop counting it."""
        if stream not in self.streams:
            return
        self.streams.discard(stream)
        self.by_id.pop(stream.id, None)
        for index, key in (
            (self.by_user, stream.user_id),
            (self.by_session, stream.session_id),
            *((self.by_item, item_id) for item_id in stream.watch),
        ):
            index[key].discard(stream)
            if not index[key]:
                del index[key]
        self._spawn(self._release(stream))

    def unwatch(self, stream, item_id: str) -> None:
        """The stream's viewer may no longer see the item: no more of its figures."""
        stream.unwatch(item_id)
        watchers = self.by_item.get(item_id, set())
        watchers.discard(stream)
        if not watchers:
            self.by_item.pop(item_id, None)

    def stop(self) -> None:
        """The server is stopping: end every stream (clients reconnect elsewhere or later) and
        open no more."""
        self.stopping = True
        for stream in list(self.streams):
            stream.end(None)

    async def _release(self, stream) -> None:
        try:
            await limits.release(self.redis, user_id=stream.user_id, name=stream.name)
        except RedisError as exc:
            logger.warning("event_stream_release_failed", error=str(exc))

    async def _listen(self) -> None:
        """Follow the channels for as long as the process runs, subscribing again after a loss
        (then every stream reads its backlog again, for wakes it may have missed)."""
        while True:
            pubsub = self.subscriber.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(WAKE_CHANNEL, COUNTER_CHANNEL, CONTROL_CHANNEL)
                self.subscribed.set()
                for stream in self.streams:
                    stream.wake.set()
                async for message in pubsub.listen():
                    self._dispatch(message["channel"], message["data"])
            except (RedisError, OSError) as exc:
                logger.warning("event_subscription_lost", error=str(exc))
            finally:
                self.subscribed.clear()
                await pubsub.aclose()
            await asyncio.sleep(RESUBSCRIBE_PAUSE_SECONDS)

    def _dispatch(self, channel: str, data: str) -> None:
        if channel == WAKE_CHANNEL:
            for user_id in data.split(","):
                for stream in self.by_user.get(user_id, ()):
                    stream.wake.set()
        elif channel == COUNTER_CHANNEL:
            self.moved_items.update(item for item in data.split(",") if item in self.by_item)
        elif channel == CONTROL_CHANNEL:
            self._control(json.loads(data))

    def _control(self, message: dict) -> None:
        """Close the streams a message names: one stream (over its user's limit), a session's,
        or every session's of a user but one."""
        if message.get("stream") in self.by_id:
            self.by_id[message["stream"]].end("replaced")
        for stream in list(self.by_session.get(message.get("session") or "", ())):
            stream.end("signed_out")
        for stream in list(self.by_user.get(message.get("user") or "", ())):
            if stream.session_id != message.get("keep"):
                stream.end("signed_out")

    async def _renew(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(TICK_SECONDS)
            if time.monotonic() - last < settings.EVENTS_HEARTBEAT_SECONDS:
                continue
            last = time.monotonic()
            try:
                await self._renew_once()
            except RedisError as exc:
                logger.warning("event_streams_renew_failed", error=str(exc))

    async def _renew_once(self) -> None:
        streams = list(self.streams)
        if not streams:
            return
        names: dict[str, list[str]] = defaultdict(list)
        for stream in streams:
            names[stream.user_id].append(stream.name)
        await limits.renew(self.redis, names=names)
        pipe = self.redis.pipeline(transaction=False)
        for user_id in names:
            pipe.expire(backlog_key(user_id), backlog.lifetime())
        await pipe.execute()
        live = await sync_to_async(selectors.live_sessions, thread_sensitive=False)(
            session_ids=list({stream.session_id for stream in streams})
        )
        for stream in streams:
            if stream.session_id not in live:
                stream.end("signed_out")

    async def _send_figures(self) -> None:
        """Every EVENTS_COUNTER_MS, read the figures of the watched items that moved (one query
        and one Redis round-trip for all) and hand them to their watchers."""
        while True:
            await asyncio.sleep(settings.EVENTS_COUNTER_MS / 1000)
            moved = [item_id for item_id in self.moved_items if item_id in self.by_item]
            self.moved_items.clear()
            if not moved:
                continue
            try:
                found = await sync_to_async(selectors.item_figures, thread_sensitive=False)(
                    ids=moved
                )
            except Exception as exc:  # the next move reads them again
                logger.warning("event_figures_failed", error=str(exc))
                continue
            for item_id in moved:
                self._hand_figures(item_id, found.get(item_id))

    def _hand_figures(self, item_id: str, found: tuple | None) -> None:
        for stream in list(self.by_item.get(item_id, ())):
            if found is not None and (found[2] or found[1] == stream.user.id):
                stream.figures_moved(item_id, found[0])
            else:
                self.unwatch(stream, item_id)
