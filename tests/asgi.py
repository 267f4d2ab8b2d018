"""The project's ASGI application under uvicorn as the embedded run serves it
(config.asgi_server), in a thread of the test process: it shares the tests' in-process stores,
settings and real Redis."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bench.range_serving import free_port
from config import asgi_server
from config.asgi import application


@contextmanager
def serving() -> Iterator[str]:
    """Serve until the block ends; yields the base URL."""
    port = free_port()
    server = asgi_server.Server(
        asgi_server.embedded_config(app=application, host="127.0.0.1", port=port)
    )
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
