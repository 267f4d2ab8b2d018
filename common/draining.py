"""Answers that never end by themselves (event streams) end when their server stops, so it can
finish the other requests in flight and exit instead of waiting for them.

Whatever keeps such answers registers a callback for its event loop; the server calls stop()
from that loop once it has stopped taking connections.
"""

import asyncio
from collections.abc import Callable
from weakref import WeakKeyDictionary

_callbacks: WeakKeyDictionary[asyncio.AbstractEventLoop, list[Callable[[], None]]] = (
    WeakKeyDictionary()
)


def on_stop(callback: Callable[[], None]) -> None:
    """Call `callback` when the server running this event loop stops."""
    _callbacks.setdefault(asyncio.get_running_loop(), []).append(callback)


def stop() -> None:
    """End what registered on this event loop: its server is stopping."""
    for callback in _callbacks.pop(asyncio.get_running_loop(), []):
        callback()
