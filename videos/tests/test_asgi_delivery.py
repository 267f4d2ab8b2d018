"""Media bytes under ASGI (uvicorn, as `manage.py serve` runs it): exact ranges on the wire, and
the file read a block at a time off the event loop, never whole (Django alone would read a file
answer into memory before sending a byte)."""

import asyncio
import http.client
import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime

import pytest
from django.test import AsyncRequestFactory, RequestFactory

from bench.range_serving import free_port
from common.api.files import BLOCK_BYTES, AsyncFileResponsesMiddleware
from videos.streaming import file_response
from videos.tests.test_streaming import GUNICORN_SETTINGS, GUNICORN_URLS, PROJECT_ROOT, CountingFile

SIZE = 3 * BLOCK_BYTES + 12345
pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_file(tmp_path) -> tuple:
    data = os.urandom(SIZE)
    path = tmp_path / "video.mp4"
    path.write_bytes(data)
    return path, data


def answer(request, path, opened: list):
    def open_file():
        opened.append(CountingFile(path))
        return opened[-1]

    view = lambda request: file_response(  # noqa: E731
        request=request,
        open_file=open_file,
        size=SIZE,
        content_type="video/mp4",
        etag="v1",
        last_modified=datetime(2024, 5, 1, tzinfo=UTC),
    )
    return AsyncFileResponsesMiddleware(view)(request)


async def collect(response) -> list[bytes]:
    return [chunk async for chunk in response]


def test_under_asgi_a_file_goes_out_a_block_at_a_time(stored_file):
    path, data = stored_file
    opened: list[CountingFile] = []
    response = answer(
        AsyncRequestFactory().get("/media", headers={"Range": "bytes=10-"}), path, opened
    )
    assert response.status_code == 206 and response.is_async
    assert opened[0].reads == []
    chunks = asyncio.run(collect(response))
    assert b"".join(chunks) == data[10:]
    assert max(opened[0].reads) <= BLOCK_BYTES
    assert len(chunks) == 4
    response.close()
    assert opened[0].closed


def test_under_wsgi_a_file_is_left_to_the_server_to_sendfile(stored_file):
    path, _ = stored_file
    opened: list[CountingFile] = []
    response = answer(RequestFactory().get("/media"), path, opened)
    assert response.file_to_stream is not None and not response.is_async
    response.close()


@pytest.fixture
def uvicorn_port(stored_file, tmp_path):
    """The embedded run's server (config.asgi_server) over the streaming test's URLs."""
    (tmp_path / "stream_settings.py").write_text(textwrap.dedent(GUNICORN_SETTINGS))
    (tmp_path / "stream_urls.py").write_text(textwrap.dedent(GUNICORN_URLS))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stream_settings",
        "STREAM_TEST_FILE": str(stored_file[0]),
        "PYTHONPATH": f"{PROJECT_ROOT}:{tmp_path}",
    }
    serve = [sys.executable, str(PROJECT_ROOT / "bench" / "asgi_serve.py")]
    process = subprocess.Popen(
        [*serve, "config.asgi:application", f"127.0.0.1:{port}"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "uvicorn did not start"
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(connection, url: str, method: str = "GET", **headers) -> tuple[int, dict, bytes]:
    connection.request(method, url, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


@pytest.mark.slow
def test_uvicorn_sends_exactly_the_requested_bytes(uvicorn_port, stored_file):
    """Several requests on one keep-alive connection: any stray byte would corrupt the next."""
    _, data = stored_file
    connection = http.client.HTTPConnection("127.0.0.1", uvicorn_port, timeout=30)
    try:
        status, headers, payload = _get(connection, "/media", Range="bytes=1000-900999")
        assert (status, headers["content-range"]) == (206, f"bytes 1000-900999/{SIZE}")
        assert headers["content-length"] == "900000" and payload == data[1000:901000]
        status, headers, payload = _get(connection, "/media", "HEAD")
        assert (status, headers["content-length"], payload) == (200, str(SIZE), b"")
        status, headers, payload = _get(connection, "/media")
        assert (status, payload) == (200, data)
        status, headers, payload = _get(connection, "/media", Range=f"bytes={SIZE}-")
        assert status == 416
        assert json.loads(payload)["error"]["code"] == "range_not_satisfiable"
        status, _, payload = _get(connection, "/media", Range="bytes=-500")
        assert (status, payload) == (206, data[-500:])
    finally:
        connection.close()
