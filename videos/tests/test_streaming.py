"""File delivery: validators, single byte ranges and exact byte counts, in Django and gunicorn."""

import errno
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.http import FileResponse
from django.test import RequestFactory
from django.utils.http import http_date

from videos.streaming import (
    ByteRange,
    RangeFile,
    RangeNotSatisfiable,
    accel_redirect_response,
    file_response,
    parse_range,
)

SIZE = 1024 * 1024
MODIFIED = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
# Closing a response fires request_finished, which touches the SQL connection.
pytestmark = pytest.mark.django_db

ETAG = '"v1"'
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stored_file(tmp_path) -> tuple[Path, bytes]:
    data = os.urandom(SIZE)
    path = tmp_path / "video.mp4"
    path.write_bytes(data)
    return path, data


class CountingFile(io.FileIO):
    """A real file that records every read, to prove nothing is read up front."""

    def __init__(self, path):
        super().__init__(path, "rb")
        self.reads: list[int] = []

    def read(self, size=-1):
        data = super().read(size)
        self.reads.append(len(data))
        return data


def _never_opened():
    raise AssertionError("the file must not be opened for this response")


def serve(path: Path, *, method: str = "get", open_file=None, **headers):
    request = getattr(RequestFactory(), method)("/media", headers=headers)
    return file_response(
        request=request,
        open_file=open_file or (lambda: open(path, "rb")),
        size=SIZE,
        content_type="video/mp4",
        etag=ETAG,
        last_modified=MODIFIED,
    )


def body(response) -> bytes:
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def test_full_file_is_a_200_with_every_header(stored_file):
    path, data = stored_file
    response = serve(path)
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == ETAG
    assert response["Last-Modified"] == "Wed, 01 May 2024 12:00:00 GMT"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert not response.has_header("Content-Range")
    assert not response.has_header("Content-Disposition")
    assert body(response) == data


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, SIZE - 1),
        ("bytes=-500", SIZE - 500, SIZE - 1),
        ("bytes=1000-99999999", 1000, SIZE - 1),
        ("bytes=-99999999", 0, SIZE - 1),
        ("bytes=7-7", 7, 7),
        (f"bytes={SIZE - 1}-", SIZE - 1, SIZE - 1),
    ],
)
def test_single_range_is_a_206_with_the_exact_slice(stored_file, header, start, end):
    path, data = stored_file
    response = serve(path, Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == ETAG
    assert body(response) == data[start : end + 1]


def test_range_beyond_the_end_is_a_416_in_the_error_shape(stored_file):
    path, _ = stored_file
    response = serve(path, open_file=_never_opened, Range=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert response["Content-Type"].startswith("application/json")
    assert response["Accept-Ranges"] == "bytes"
    payload = json.loads(response.content)
    assert set(payload) == {"error", "request_id"}
    assert set(payload["error"]) == {"status", "code", "message", "fields"}
    assert payload["error"]["status"] == 416
    assert payload["error"]["code"] == "range_not_satisfiable"


@pytest.mark.parametrize(
    "header", ["bytes=0-9,20-29", "bytes=0-0, -1", "bytes=0-9, 5000000-", "items=0-9", "bytes=9-0"]
)
def test_ranges_we_do_not_serve_as_206_get_the_full_200(stored_file, header):
    path, data = stored_file
    response = serve(path, Range=header)
    assert response.status_code == 200
    assert not response.has_header("Content-Range")
    assert body(response) == data


@pytest.mark.parametrize("header", ["garbage", "bytes=", "bytes=-", "bytes=a-b", "bytes 0-9", "="])
def test_garbage_range_header_is_ignored(stored_file, header):
    path, data = stored_file
    response = serve(path, Range=header)
    assert response.status_code == 200
    assert body(response) == data


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, None),
        ("", 10, None),
        ("bytes=0-4", 10, ByteRange(0, 4)),
        ("BYTES=0-4", 10, ByteRange(0, 4)),
        (" bytes = 2-3 ", 10, ByteRange(2, 3)),
        ("bytes=0-4,", 10, ByteRange(0, 4)),
        ("bytes=5-", 10, ByteRange(5, 9)),
        ("bytes=-3", 10, ByteRange(7, 9)),
        ("bytes=-30", 10, ByteRange(0, 9)),
        ("bytes=8-30", 10, ByteRange(8, 9)),
        ("bytes=0-4,6-7", 10, None),
        ("bytes=4-3", 10, None),
        ("bytes=20-15", 10, None),
        ("bytes=\u0661-\u0662", 10, None),  # Arabic-Indic digits
        ("bytes=0-" + "9" * 40, 10, None),
        ("bytes=0x1-2", 10, None),
        ("bytes=+1-2", 10, None),
    ],
)
def test_parse_range(header, size, expected):
    assert parse_range(header=header, size=size) == expected


@pytest.mark.parametrize(
    ("header", "size"),
    [
        ("bytes=10-", 10),
        ("bytes=10-20", 10),
        ("bytes=-0", 10),
        ("bytes=0-", 0),
        ("bytes=0-0", 0),
        ("bytes=-5", 0),
    ],
)
def test_parse_range_not_satisfiable(header, size):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header=header, size=size)


def test_byte_range_length_is_inclusive():
    assert ByteRange(start=10, end=19).length == 10


@pytest.mark.parametrize("if_none_match", [ETAG, f"W/{ETAG}", f'"old", {ETAG}', "*"])
def test_matching_if_none_match_is_a_304(stored_file, if_none_match):
    path, _ = stored_file
    response = serve(path, open_file=_never_opened, If_None_Match=if_none_match)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == ETAG
    assert response["Cache-Control"] == "private, max-age=3600"


def test_if_none_match_mismatch_wins_over_if_modified_since(stored_file):
    path, data = stored_file
    later = http_date((MODIFIED + timedelta(days=1)).timestamp())
    response = serve(path, If_None_Match='"old"', If_Modified_Since=later)
    assert response.status_code == 200
    assert body(response) == data


@pytest.mark.parametrize(("offset", "status"), [(0, 304), (60, 304), (-60, 200)])
def test_if_modified_since(stored_file, offset, status):
    path, _ = stored_file
    since = http_date((MODIFIED + timedelta(seconds=offset)).timestamp())
    response = serve(path, If_Modified_Since=since)
    assert response.status_code == status
    if status == 200:
        body(response)


def test_sub_second_modification_time_still_matches_its_http_date():
    request = RequestFactory().get("/media", headers={"If-Modified-Since": http_date(0)})
    response = file_response(
        request=request,
        open_file=_never_opened,
        size=SIZE,
        content_type="video/mp4",
        etag="v1",
        last_modified=datetime(1970, 1, 1, 0, 0, 0, 999_999, tzinfo=UTC),
    )
    assert response.status_code == 304


@pytest.mark.parametrize(
    ("if_range", "status"),
    [
        (ETAG, 206),
        ('"v2"', 200),
        (f"W/{ETAG}", 200),
        ("Wed, 01 May 2024 12:00:00 GMT", 206),
        ("Wed, 01 May 2024 11:59:59 GMT", 200),
        ("not a validator", 200),
    ],
)
def test_if_range(stored_file, if_range, status):
    path, data = stored_file
    response = serve(path, Range="bytes=0-99", If_Range=if_range)
    assert response.status_code == status
    assert body(response) == (data[:100] if status == 206 else data)


def test_if_range_mismatch_also_skips_the_416(stored_file):
    path, data = stored_file
    response = serve(path, Range=f"bytes={SIZE}-", If_Range='"v2"')
    assert response.status_code == 200
    assert body(response) == data


def test_head_has_the_headers_but_no_body_and_ignores_range(stored_file):
    path, _ = stored_file
    response = serve(path, method="head", open_file=_never_opened, Range="bytes=0-99")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] == ETAG
    assert response["Last-Modified"] == "Wed, 01 May 2024 12:00:00 GMT"


def test_caller_cache_control_and_bare_etag(stored_file):
    path, _ = stored_file
    request = RequestFactory().get("/media")
    response = file_response(
        request=request,
        open_file=lambda: open(path, "rb"),  # noqa: SIM115 - the response closes it
        size=SIZE,
        content_type="video/mp2t",
        etag="abc123",
        last_modified=MODIFIED,
        cache_control="public, max-age=31536000, immutable",
    )
    assert response["ETag"] == '"abc123"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Type"] == "video/mp2t"
    response.close()


def test_naive_datetimes_are_taken_as_utc():
    response = accel_redirect_response(
        request=RequestFactory().get("/media"),
        internal_uri="/x",
        size=SIZE,
        content_type="video/mp4",
        etag="e",
        last_modified=datetime(2024, 5, 1, 12),
    )
    assert response["Last-Modified"] == "Wed, 01 May 2024 12:00:00 GMT"


def test_the_file_is_streamed_in_blocks_not_read_whole(stored_file):
    path, data = stored_file
    opened: list[CountingFile] = []

    def open_file():
        opened.append(CountingFile(path))
        return opened[0]

    response = serve(path, open_file=open_file, Range="bytes=10-")
    assert opened[0].reads == []
    assert body(response) == data[10:]
    assert sum(opened[0].reads) == SIZE - 10
    assert max(opened[0].reads) <= FileResponse.block_size
    assert opened[0].closed


def test_range_file_never_reads_past_its_limit():
    raw = io.BytesIO(b"0123456789")
    raw.seek(2)
    limited = RangeFile(raw, 5)
    assert limited.read(3) == b"234"
    assert limited.read(100) == b"56"
    assert limited.read() == b""
    assert limited.read(1) == b""
    assert raw.tell() == 7


@pytest.mark.parametrize("size", [-1, None])
def test_range_file_read_all_stops_at_the_limit(size):
    raw = io.BytesIO(b"0123456789")
    assert RangeFile(raw, 4).read(size) == b"0123"


def test_range_file_exposes_the_raw_descriptor_and_closes_it(stored_file):
    path, _ = stored_file
    raw = open(path, "rb")  # noqa: SIM115 - closed through RangeFile
    limited = RangeFile(raw, 10)
    assert limited.fileno() == raw.fileno()
    assert not hasattr(limited, "name")
    limited.close()
    assert raw.closed


@pytest.mark.parametrize("kernel_sendfile", [True, False])
def test_socket_sendfile_as_gunicorn_calls_it_sends_exactly_the_window(
    stored_file, monkeypatch, kernel_sendfile
):
    """gunicorn: sock.sendfile(filelike, offset=lseek(fileno), count=Content-Length)."""
    path, data = stored_file
    if not kernel_sendfile:

        def refuse(*args):
            raise OSError(errno.EINVAL, "sendfile refused")

        monkeypatch.setattr(os, "sendfile", refuse)
    raw = open(path, "rb")  # noqa: SIM115 - closed through RangeFile
    raw.seek(5000)
    limited = RangeFile(raw, 20_000)
    sender, receiver = socket.socketpair()
    with sender, receiver, closing(limited):
        offset = os.lseek(limited.fileno(), 0, os.SEEK_CUR)
        assert sender.sendfile(limited, offset=offset, count=20_000) == 20_000
        sender.shutdown(socket.SHUT_WR)
        received = b"".join(iter(lambda: receiver.recv(65536), b""))
    assert received == data[5000:25_000]


def accel(**headers):
    return accel_redirect_response(
        request=RequestFactory().get("/media", headers=headers),
        internal_uri="/protected-media/videos/abc/hls/720p/seg_00001.ts",
        size=SIZE,
        content_type="video/mp2t",
        etag='"seg1"',
        last_modified=MODIFIED,
    )


@pytest.mark.parametrize("headers", [{}, {"Range": "bytes=0-99"}, {"Range": f"bytes=-{SIZE * 2}"}])
def test_accel_redirect_hands_the_file_to_nginx(headers):
    response = accel(**headers)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/videos/abc/hls/720p/seg_00001.ts"
    assert response["Content-Type"] == "video/mp2t"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["ETag"] == '"seg1"'
    assert response["Last-Modified"] == "Wed, 01 May 2024 12:00:00 GMT"


def test_accel_answers_a_range_past_the_end_itself_in_the_error_shape():
    response = accel(Range=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert "X-Accel-Redirect" not in response
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert json.loads(response.content)["error"]["code"] == "range_not_satisfiable"


def test_accel_leaves_a_range_under_if_range_to_nginx_whose_validator_it_is():
    response = accel(Range=f"bytes={SIZE}-", **{"If-Range": '"5f0c-100000"'})
    assert response.status_code == 200
    assert "X-Accel-Redirect" in response


GUNICORN_SETTINGS = """
from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "stream_urls"
"""

GUNICORN_URLS = """
import io
import os
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.urls import path

from videos.streaming import file_response

MEDIA = Path(os.environ["STREAM_TEST_FILE"])


class NoReadFile(io.FileIO):
    def read(self, size=-1):
        raise AssertionError("read() called: the sendfile path was not taken")


def _serve(request, open_file):
    return file_response(
        request=request,
        open_file=open_file,
        size=MEDIA.stat().st_size,
        content_type="video/mp4",
        etag="v1",
        last_modified=datetime(2024, 5, 1, tzinfo=UTC),
    )


def media(request):
    storage = FileSystemStorage(location=MEDIA.parent)
    return _serve(request, lambda: storage.open(MEDIA.name, "rb"))


def media_no_read(request):
    return _serve(request, lambda: File(NoReadFile(MEDIA)))


urlpatterns = [path("media", media), path("media-no-read", media_no_read)]
"""


@pytest.fixture
def gunicorn(stored_file, tmp_path, request):
    """Start the project's gunicorn config (gthread) on a free port; yield the port."""
    (tmp_path / "stream_settings.py").write_text(textwrap.dedent(GUNICORN_SETTINGS))
    (tmp_path / "stream_urls.py").write_text(textwrap.dedent(GUNICORN_URLS))
    log = tmp_path / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(PROJECT_ROOT / "config" / "gunicorn.py"),
        "--pythonpath",
        f"{PROJECT_ROOT},{tmp_path}",
        "--bind",
        "127.0.0.1:0",
        "--workers",
        "1",
        "--error-logfile",
        str(log),
        "config.wsgi:application",
    ]
    if not request.param:
        command.insert(-1, "--no-sendfile")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stream_settings",
        "STREAM_TEST_FILE": str(stored_file[0]),
    }
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while not (port := _booted_port(log)):
            assert process.poll() is None, log.read_text() if log.exists() else "no log"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _booted_port(log: Path) -> int | None:
    text = log.read_text() if log.exists() else ""
    match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", text)
    return int(match.group(1)) if match and "Booting worker" in text else None


def _get(connection, url: str, method: str = "GET", **headers) -> tuple[int, dict, bytes]:
    connection.request(method, url, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


@pytest.mark.slow
@pytest.mark.parametrize("gunicorn", [True, False], ids=["sendfile", "no-sendfile"], indirect=True)
def test_gunicorn_sends_exactly_the_requested_bytes(gunicorn, stored_file, request):
    """Several requests on one keep-alive connection: any stray byte would corrupt the next."""
    _, data = stored_file
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=30)
    try:
        status, headers, payload = _get(connection, "/media", Range="bytes=1000-200999")
        assert status == 206
        assert headers["Content-Range"] == f"bytes 1000-200999/{SIZE}"
        assert headers["Content-Length"] == "200000"
        assert payload == data[1000:201000]

        status, headers, payload = _get(connection, "/media", Range="bytes=-500")
        assert (status, payload) == (206, data[-500:])

        status, headers, payload = _get(connection, "/media", "HEAD")
        assert (status, headers["Content-Length"], payload) == (200, str(SIZE), b"")

        status, headers, payload = _get(connection, "/media")
        assert (status, headers["Content-Length"]) == (200, str(SIZE))
        assert payload == data
        assert "Content-Disposition" not in headers

        status, headers, payload = _get(connection, "/media", Range=f"bytes={SIZE}-")
        assert (status, headers["Content-Range"]) == (416, f"bytes */{SIZE}")
        error = json.loads(payload)
        assert error["error"]["code"] == "range_not_satisfiable"
        assert error["request_id"] == headers["X-Request-ID"]

        status, headers, payload = _get(connection, "/media", If_None_Match='"v1"')
        assert (status, headers["ETag"], payload) == (304, '"v1"', b"")

        if request.node.callspec.id.startswith("sendfile"):
            status, _, payload = _get(connection, "/media-no-read", Range="bytes=1000-200999")
            assert (status, payload) == (206, data[1000:201000])
    finally:
        connection.close()
