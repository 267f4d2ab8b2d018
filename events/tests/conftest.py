"""The project's ASGI application under uvicorn (the embedded run's server), in a thread of the
test process, so streams share the tests' in-process stores and real Redis."""

import threading
import time

import pytest

from bench.range_serving import free_port
from config import asgi_server
from config.asgi import application
from events.tests.sse import EventStream

STREAM = "/api/v1/events"
# Seconds within which a message must close a stream: well under a heartbeat (the fallback that
# would close it anyway), with room for a busy machine.
AT_ONCE = 3.0


@pytest.fixture(scope="module")
def live_url():
    port = free_port()
    server = asgi_server.Server(
        asgi_server.embedded_config(app=application, host="127.0.0.1", port=port)
    )
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


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
