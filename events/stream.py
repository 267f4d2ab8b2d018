"""One client's event stream: what it sends first (what a reconnect missed, or `resync`; the
unread figure; the watched items' figures), then each event as it comes, a heartbeat comment
while nothing does, until the client leaves, its session ends, its user opens one stream too
many, or the server stops.
"""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import structlog
from asgiref.sync import sync_to_async
from django.conf import settings
from redis.exceptions import RedisError

from accounts.documents import User
from events import backlog, limits, render, selectors
from events.hub import Hub, current_hub
from events.render import Event

logger = structlog.get_logger(__name__)

# A stream closed for one opened later: its client should not come back (a client that ignores
# the `closed` event comes back only after this long, instead of closing the newer one).
REPLACED_RETRY_MS = 3_600_000


def in_thread(function):
    """A store read, run off the event loop."""
    return sync_to_async(function, thread_sensitive=False)


class Stream:
    """Whose stream it is, under which session, which items it watches, where it stands."""

    def __init__(self, *, user: User, session_id: str, request, watch: list[str], since):
        self.id = uuid.uuid4().hex
        self.user = user
        self.user_id = str(user.id)
        self.session_id = session_id
        self.request = request
        self.watch = set(watch)
        self.since = since
        self.name = limits.member(stream_id=self.id, opened_ms=int(time.time() * 1000))
        self.wake = asyncio.Event()
        self.ending = False
        self.reason: str | None = None
        self.sent_figures: dict[str, dict] = {}
        self.moved_figures: dict[str, dict] = {}

    def end(self, reason: str | None) -> None:
        """Close the stream; with a reason, the client is told it in a `closed` event."""
        self.ending, self.reason = True, reason
        self.wake.set()

    def figures_moved(self, item_id: str, figures: dict) -> None:
        if self.sent_figures.get(item_id) != figures:
            self.moved_figures[item_id] = figures
            self.wake.set()

    def unwatch(self, item_id: str) -> None:
        self.watch.discard(item_id)
        self.moved_figures.pop(item_id, None)

    async def body(self) -> AsyncIterator[bytes]:
        """The response body: text/event-stream."""
        yield render.retry(settings.EVENTS_RETRY_MS)
        hub = current_hub()
        if hub.stopping:
            return
        try:
            await hub.add(self)
            async for chunk in self._events(hub):
                yield chunk
        except (RedisError, TimeoutError) as exc:
            # The client reconnects after `retry` and resumes from its last event.
            logger.warning("event_stream_broken", error=str(exc) or type(exc).__name__)
        finally:
            hub.discard(self)

    async def _events(self, hub: Hub) -> AsyncIterator[bytes]:
        position, missed = await backlog.start(hub.redis, user_id=self.user_id, since=self.since)
        first = []
        if missed is None:
            first.append(Event("resync", position, {"reason": "backlog_lost"}))
        elif missed:
            first += await self._as_events(missed)
        unread = await in_thread(selectors.unread_figure)(user=self.user)
        first.append(Event("unread_count", position, {"unread": unread}))
        first += await self._first_figures(hub, position)
        yield b"".join(event.encode() for event in first)
        while True:
            if not self.ending:
                try:
                    async with asyncio.timeout(settings.EVENTS_HEARTBEAT_SECONDS):
                        await self.wake.wait()
                except TimeoutError:
                    yield render.comment("keep-alive")
                    continue
            self.wake.clear()
            if self.ending:
                if self.reason is not None:
                    yield self._closing(position)
                return
            events, position = await self._since(hub, position)
            events += self._figures(position)
            if events:
                yield b"".join(event.encode() for event in events)

    async def _since(self, hub: Hub, position: str) -> tuple[list[Event], str]:
        """The events the backlog holds after `position`, and where it then stands."""
        entries = []
        while True:
            batch = await backlog.after(hub.redis, user_id=self.user_id, position=position)
            entries += batch.entries
            position = batch.position
            if not batch.more:
                break
        return (await self._as_events(entries) if entries else []), position

    async def _as_events(self, entries: list[backlog.Entry]) -> list[Event]:
        return await in_thread(render.entries_as_events)(
            user=self.user, request=self.request, entries=entries
        )

    async def _first_figures(self, hub: Hub, position: str) -> list[Event]:
        """The watched items' figures as they stand, for those the viewer may still watch."""
        if not self.watch:
            return []
        found = await in_thread(selectors.item_figures)(ids=sorted(self.watch))
        for item_id in sorted(self.watch):
            figures = found.get(item_id)
            if figures is not None and (figures[2] or figures[1] == self.user.id):
                self.moved_figures[item_id] = figures[0]
            else:
                hub.unwatch(self, item_id)
        return self._figures(position)

    def _figures(self, position: str) -> list[Event]:
        events = [
            Event("counter", position, figures)
            for item_id, figures in self.moved_figures.items()
            if item_id in self.watch
        ]
        self.sent_figures.update(self.moved_figures)
        self.moved_figures = {}
        return events

    def _closing(self, position: str) -> bytes:
        closing = Event("closed", position, {"reason": self.reason}).encode()
        if self.reason == "replaced":
            return render.retry(REPLACED_RETRY_MS) + closing
        return closing
