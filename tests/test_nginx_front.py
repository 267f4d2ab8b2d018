"""The compose front end for real: Debian's nginx with the repo's template (rendered for loopback)
in front of a live `manage.py serve` that delivers media by X-Accel-Redirect.

Each check reads both sides: what the client got, nginx's access log (what the app sent of each
body) and the app's request log (which requests reached it), joined by the request id nginx
passes on.
"""

import gzip
import hashlib
import http.client
import json
import os
import sys
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server
from common.api.limits import describe_size
from tests import nginx
from tests.live import PASSED_ENV, call, sign_up, upload, wait_for
from videos import cors
from videos.samples import make_clip

pytestmark = pytest.mark.slow

# Small limits, so an upload past them is a few MB: nginx's cap is their sum (a media file, a
# thumbnail and the fields, as POST /videos takes).
LIMITS = {
    "REQUEST_BODY_MAX_BYTES": str(64 * 1024),
    "MEDIA_MAX_UPLOAD_BYTES": str(3 * 1024 * 1024),
    "IMAGE_MAX_BYTES": str(256 * 1024),
    "CAPTIONS_MAX_BYTES": str(128 * 1024),
}
BODY_CAP = sum(int(LIMITS[name]) for name in LIMITS if name != "CAPTIONS_MAX_BYTES")
PASSWORD = "a-long-pass-phrase"
STREAM_ROUTE = "api/v1/videos/(?P<pk>[^/]+)/stream$"


@dataclass
class Front:
    base: str  # nginx
    app: str  # the app itself, as Prometheus reaches it on the internal network
    app_log: Path
    nginx_log: Path
    var: Path
    static: Path
    token: str
    private_item: dict
    public_item: dict

    def source(self, item: dict) -> bytes:
        """The item's stored source, read from the private media root."""
        (path,) = (self.var / "private-media" / "videos" / item["id"]).glob("*/source.*")
        return path.read_bytes()

    def app_lines(self, request_id: str) -> list[dict]:
        """The app's request log lines for one request id."""
        return [line for line in log_lines(self.app_log) if line.get("request_id") == request_id]

    def nginx_line(self, request_id: str) -> dict:
        """nginx's access log line for one request id, once written (after the last byte)."""
        return wait_for(
            lambda: next(
                (line for line in log_lines(self.nginx_log) if line["request_id"] == request_id),
                None,
            ),
            seconds=10,
            log=self.nginx_log,
            what=f"nginx's log line for {request_id}",
        )


def log_lines(path: Path) -> list[dict]:
    """The JSON lines of a log that also holds other output (e-mails printed to the console)."""
    lines = []
    for text in path.read_text().splitlines():
        if text.startswith("{"):
            lines.append(json.loads(text))
    return lines


def get(url: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request exactly as given (no redirects, no client-side normalising of the target);
    the answer's headers by any case (the app under uvicorn names them in lower case)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name.replace("_", "-"), value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def first_uri(playlist: bytes) -> str:
    """The first URI line of an HLS playlist."""
    return next(line for line in playlist.decode().splitlines() if line and line[0] != "#")


def send_body(base: str, method: str, path: str, length: int, *, send: bool, **headers: str):
    """A body of `length` bytes (or only its length declared): the status, headers and JSON."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest(method, path)
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(length))
        for name, value in headers.items():
            connection.putheader(name.replace("_", "-"), value)
        connection.endheaders()
        if send:
            connection.send(b"\0" * length)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Front:
    """The app (accel delivery, nginx as its one trusted proxy) and nginx in front of it, with a
    private and a public item processed and ready."""
    root = tmp_path_factory.mktemp("nginx-front")
    var = root / "var"
    static = root / "static"
    static.mkdir()
    app_port, front_port = free_port(), free_port()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(
        VAR_DIR=str(var),
        PYTHONUNBUFFERED="1",
        LOG_FORMAT="json",
        STREAM_DELIVERY="accel",
        STREAM_ACCEL_PREFIX="/protected-media/",
        TRUSTED_PROXY_COUNT="1",
        SERVE_MEDIA="false",
        **LIMITS,
    )
    app_log, nginx_log = root / "serve.log", root / "nginx.log"
    manage = str(settings.BASE_DIR / "manage.py")
    app = start_server(
        [sys.executable, manage, "serve", f"127.0.0.1:{app_port}"], log=app_log, env=env
    )
    processes = [app]
    try:
        app_base = f"http://127.0.0.1:{app_port}"
        wait_for(
            lambda: call(app_base, "GET", "/healthz")[0] == 200,
            seconds=60,
            log=app_log,
            what="serve",
        )
        conf = nginx.main_config(
            root / "nginx",
            {
                "NGINX_LISTEN": f"127.0.0.1:{front_port}",
                "NGINX_UPSTREAM": f"127.0.0.1:{app_port}",
                "NGINX_EVENTS_UPSTREAM": f"127.0.0.1:{app_port}",
                "NGINX_STATIC_ROOT": str(static),
                "MEDIA_ROOT": str(var / "media"),
                "PRIVATE_MEDIA_ROOT": str(var / "private-media"),
                "STREAM_ACCEL_PREFIX": env["STREAM_ACCEL_PREFIX"],
                **LIMITS,
            },
        )
        checked = nginx.check(conf)
        assert checked.returncode == 0, checked.stderr
        processes.append(start_server(nginx.command(conf), log=nginx_log))
        base = f"http://127.0.0.1:{front_port}"
        nginx.wait_answering(base, processes[-1], root / "nginx" / "error.log")

        session = sign_up(base, app_log, username="frontowner", password=PASSWORD)
        token = session["access"]
        clip = make_clip(root, name="front.mp4", seconds=1, size="160x120")
        uploaded = {
            visibility: upload(base, token, clip, title=visibility, visibility=visibility)
            for visibility in ("private", "public")
        }

        def ready(item_id):
            def check():
                item = call(base, "GET", f"/api/v1/videos/{item_id}", token=token)[2]
                return item if item.get("status") == "ready" else None

            return wait_for(check, seconds=120, log=app_log, what=f"item {item_id} ready")

        items = {}
        for visibility, item in uploaded.items():
            path = f"/api/v1/videos/{item['id']}"
            status, _, _ = call(base, "PATCH", path, {"published": True}, token=token)
            assert status == 200
            items[visibility] = ready(item["id"])
        yield Front(
            base=base,
            app=app_base,
            app_log=app_log,
            nginx_log=nginx_log,
            var=var,
            static=static,
            token=token,
            private_item=items["private"],
            public_item=items["public"],
        )
    finally:
        for process in reversed(processes):
            stop_server(process)


def test_a_signed_private_item_plays_through_nginx_until_its_link_is_revoked(front):
    item = front.private_item
    stream_url = item["stream_url"]
    assert urlsplit(stream_url).netloc == urlsplit(front.base).netloc
    assert "sig=" in stream_url
    source = front.source(item)
    start, end = 1001, min(len(source), 50_000) - 1
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(stream_url, Range=f"bytes={start}-{end}", X_Request_ID=request_id)

    assert status == 206
    assert headers["Content-Range"] == f"bytes {start}-{end}/{len(source)}"
    assert body == source[start : end + 1]
    assert headers["Content-Type"] == "video/mp4"
    assert headers["Cache-Control"] == "private, max-age=3600"
    assert headers["X-Request-ID"] == request_id
    # The app checked the signature and answered the redirect without a byte of the file.
    (app_line,) = front.app_lines(request_id)
    assert (app_line["route"], app_line["status"]) == (STREAM_ROUTE, 200)
    logged = front.nginx_line(request_id)
    assert (logged["status"], logged["upstream_bytes"]) == (206, "0")
    assert logged["body_bytes_sent"] == end - start + 1

    # A range past the end: the app's 416, in the error shape, with the file's length.
    status, headers, body = get(stream_url, Range=f"bytes={len(source)}-")
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(source)}"
    assert json.loads(body)["error"]["code"] == "range_not_satisfiable"

    # Unpublishing narrows who may watch: every link signed before is dead at once.
    path = f"/api/v1/videos/{item['id']}"
    assert call(front.base, "PATCH", path, {"published": False}, token=front.token)[0] == 200
    status, headers, body = get(stream_url, Range=f"bytes={start}-{end}")
    assert status == 404
    assert json.loads(body)["error"]["code"] == "not_found"
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert call(front.base, "PATCH", path, {"published": True}, token=front.token)[0] == 200
    status, _, _ = get(stream_url, Range=f"bytes={start}-{end}")
    assert status == 404, "republishing does not bring a revoked link back"


def test_a_public_item_is_sent_by_nginx_the_app_only_signs_the_redirect(front):
    item = front.public_item
    source = front.source(item)
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(item["stream_url"], X_Request_ID=request_id)

    assert status == 200
    assert hashlib.sha256(body).digest() == hashlib.sha256(source).digest()
    assert headers["Accept-Ranges"] == "bytes"
    (app_line,) = front.app_lines(request_id)
    assert (app_line["route"], app_line["status"]) == (STREAM_ROUTE, 200)
    logged = front.nginx_line(request_id)
    assert logged["upstream_bytes"] == "0"
    assert logged["body_bytes_sent"] == len(source)

    # nginx's validators answer the player's revalidation, again with nothing from the app.
    status, _, body = get(item["stream_url"], If_None_Match=headers["ETag"])
    assert (status, body) == (304, b"")

    # An HLS segment goes the same way, with the type the app named.
    variant = urljoin(item["hls_url"], first_uri(get(item["hls_url"])[2]))
    segment_url = urljoin(variant, first_uri(get(variant)[2]))
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(segment_url, X_Request_ID=request_id)
    assert (status, headers["Content-Type"]) == (200, "video/mp2t")
    assert body[:1] == b"\x47"
    assert front.nginx_line(request_id)["upstream_bytes"] == "0"


def test_media_carries_the_cors_headers_the_api_sets(front):
    item = front.public_item
    origin = "https://player.example"
    status, headers, _ = get(item["stream_url"], Range="bytes=0-99", Origin=origin)
    assert status == 206
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Access-Control-Expose-Headers"] == cors.EXPOSE_HEADERS
    assert "Access-Control-Allow-Credentials" not in headers
    # Each once: a browser refuses "*, *".
    status, raw = raw_headers(item["stream_url"], Range="bytes=0-99", Origin=origin)
    assert raw.count("access-control-allow-origin") == 1

    # The preflight is the app's own, through nginx.
    parts = urlsplit(item["stream_url"])
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(
        "OPTIONS",
        parts.path,
        headers={"Origin": origin, "Access-Control-Request-Method": "GET"},
    )
    preflight = connection.getresponse()
    connection.close()
    assert preflight.status == 204
    assert preflight.getheader("Access-Control-Allow-Headers") == cors.ALLOW_HEADERS


def raw_headers(url: str, **headers: str) -> tuple[int, str]:
    """The status and the lower-cased header block, repeated headers kept."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", f"{parts.path}?{parts.query}" if parts.query else parts.path)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status, str(response.msg).lower()
    finally:
        connection.close()


def test_public_media_and_static_files_never_reach_the_app(front):
    thumbnail = front.public_item["thumbnail_url"]
    assert urlsplit(thumbnail).path.startswith(settings.MEDIA_URL)
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(thumbnail, X_Request_ID=request_id)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert body[:3] == b"\xff\xd8\xff"
    assert front.nginx_line(request_id)["upstream"] == ""
    assert front.app_lines(request_id) == []

    style = b"body { color: #123456; }\n" * 100
    (front.static / "front.css").write_bytes(style)
    (front.static / "front.css.gz").write_bytes(gzip.compress(style))
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(
        f"{front.base}/{settings.STATIC_URL.strip('/')}/front.css",
        Accept_Encoding="gzip",
        X_Request_ID=request_id,
    )
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert gzip.decompress(body) == style
    assert front.nginx_line(request_id)["upstream"] == ""
    assert front.app_lines(request_id) == []


@pytest.mark.parametrize("target", ["/metrics", "/metrics?format=text", "//metrics", "/%6Detrics"])
def test_metrics_are_refused_from_outside_and_served_inside(front, target):
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, body = get(front.base + target, X_Request_ID=request_id)
    assert status == 403
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "error": {
            "status": 403,
            "code": "forbidden",
            "message": "Metrics are served on the internal network only.",
            "fields": {},
        },
        "request_id": request_id,
    }
    assert front.app_lines(request_id) == []
    status, headers, body = get(front.app + "/metrics")
    assert status == 200
    assert b"streamsphere_http_requests_total" in body


def test_an_upload_past_every_route_s_limit_is_refused_by_nginx_as_the_api_refuses_it(front):
    # Past the largest body any route takes: nginx answers from the headers, reading nothing.
    request_id = f"front-{uuid.uuid4().hex}"
    status, headers, answer = send_body(
        front.base, "POST", "/api/v1/videos", BODY_CAP + 1, send=False, X_Request_ID=request_id
    )
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Request-ID"] == request_id
    assert answer == {
        "error": {
            "status": 413,
            "code": "payload_too_large",
            "message": f"The request body is larger than {describe_size(BODY_CAP)}.",
            "fields": {},
        },
        "request_id": request_id,
    }
    assert front.app_lines(request_id) == []

    # At the cap it passes: the app reads on and answers (here: nobody signed in).
    status, _, answer = send_body(front.base, "POST", "/api/v1/videos", BODY_CAP, send=True)
    assert (status, answer["error"]["code"]) == (401, "not_authenticated")

    # Under nginx's cap but past a smaller route's: the app's own 413, in the same shape.
    route_limit = BODY_CAP - int(LIMITS["IMAGE_MAX_BYTES"])
    request_id = f"front-{uuid.uuid4().hex}"
    status, _, answer = send_body(
        front.base,
        "PUT",
        f"/api/v1/videos/{front.public_item['id']}/file",
        route_limit + 1,
        send=True,
        Authorization=f"Bearer {front.token}",
        X_Request_ID=request_id,
    )
    assert status == 413
    assert answer == {
        "error": {
            "status": 413,
            "code": "payload_too_large",
            "message": f"The request body is larger than {describe_size(route_limit)}.",
            "fields": {},
        },
        "request_id": request_id,
    }
    (app_line,) = front.app_lines(request_id)
    assert app_line["status"] == 413


class HeldEvents(BaseHTTPRequestHandler):
    """An event stream that sends one event, then holds the next until the test releases it."""

    released = threading.Event()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b"event: unread_count\ndata: 1\n\n")
        self.wfile.flush()
        self.released.wait(10)
        self.wfile.write(b"event: unread_count\ndata: 2\n\n")

    def log_message(self, *args):
        return


def first_event(base: str, path: str, *, within: float) -> bytes | None:
    """The first event of a stream through nginx, or None if it does not arrive in time."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=within)
    try:
        connection.request("GET", path, headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        received = b""
        while b"\n\n" not in received:
            received += response.read1()
        return received
    except TimeoutError:
        return None
    finally:
        HeldEvents.released.set()
        connection.close()


def test_events_leave_nginx_as_they_are_written(tmp_path):
    """GET /api/v1/events (server-sent events) is proxied unbuffered: the first event reaches the
    client while the app holds the next. Any other route is buffered, and would hold it back."""
    stub = ThreadingHTTPServer(("127.0.0.1", 0), HeldEvents)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    port = free_port()
    conf = nginx.main_config(
        tmp_path,
        {
            "NGINX_LISTEN": f"127.0.0.1:{port}",
            "NGINX_UPSTREAM": f"127.0.0.1:{stub.server_address[1]}",
            "NGINX_EVENTS_UPSTREAM": f"127.0.0.1:{stub.server_address[1]}",
            **{name: str(tmp_path) for name in ("NGINX_STATIC_ROOT", "MEDIA_ROOT")},
            "PRIVATE_MEDIA_ROOT": str(tmp_path),
            "STREAM_ACCEL_PREFIX": "/protected-media/",
            **LIMITS,
        },
    )
    process = start_server(nginx.command(conf), log=tmp_path / "nginx.log")
    try:
        base = f"http://127.0.0.1:{port}"
        nginx.wait_answering(base, process, tmp_path / "error.log")
        HeldEvents.released.clear()
        assert first_event(base, "/api/v1/events", within=5) == b"event: unread_count\ndata: 1\n\n"
        HeldEvents.released.clear()
        assert first_event(base, "/api/v1/events-elsewhere", within=1) is None
    finally:
        stop_server(process)
        stub.shutdown()
        stub.server_close()
