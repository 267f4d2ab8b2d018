"""Streams against the project's ASGI application under uvicorn, in a thread of the test
process (tests.asgi), so they share the tests' in-process stores and real Redis."""

import pytest

from events.tests.sse import EventStream
from tests.asgi import serving

STREAM = "/api/v1/events"
# Seconds within which a message must close a stream: well under a heartbeat (the fallback that
# would close it anyway), with room for a busy machine.
AT_ONCE = 3.0


@pytest.fixture(scope="module")
def live_url():
    with serving() as url:
        yield url


@pytest.fixture
def open_stream(live_url):
    """Open streams for a test (closed after it): token or headers, and a query string."""
    streams = []

    def _open(*, token: str = "", query: str = "", headers: dict | None = None) -> EventStream:
        stream = EventStream(f"{live_url}{STREAM}{query}", token=token, headers=headers)
        streams.append(stream)
        return stream

    yield _open
    for stream in streams:
        stream.close()


def first_events(stream: EventStream) -> list:
    """What a stream sends first, up to and including the unread figure."""
    return stream.until(lambda event: event.type == "unread_count")
