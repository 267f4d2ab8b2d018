"""The README's first command on a fresh machine: `make run` starts `manage.py serve --seed`
with nothing configured, and a newcomer can read the docs, watch the demo clips and sign up."""

import http.client
import json
import os
import re
import sys
import time

import jwt
import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server
from tests.live import CODE_MAILED, PASSED_ENV, call, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """`manage.py serve --seed` on a free port, its var/ directory not yet created."""
    tmp_path = tmp_path_factory.mktemp("embedded")
    port = free_port()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(VAR_DIR=str(tmp_path / "fresh" / "var"), PYTHONUNBUFFERED="1")
    log = tmp_path / "serve.log"
    manage = str(settings.BASE_DIR / "manage.py")
    command = [sys.executable, manage, "serve", f"127.0.0.1:{port}", "--seed"]
    server = start_server(command, log=log, env=env)
    base = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        if server.poll() is not None:
            pytest.fail(f"the server exited ({server.returncode}):\n{log.read_text()[-4000:]}")
        return call(base, "GET", "/healthz")[0] == 200

    try:
        wait_for(
            answering,
            seconds=60,
            log=log,
            what="the embedded server to answer",
        )
        yield base, log, tmp_path / "fresh" / "var"
    finally:
        stop_server(server)


def test_make_run_serves_docs_processes_the_demo_and_lets_a_newcomer_sign_up(embedded):
    base, log, var_dir = embedded
    assert (
        f"MongoDB: in-memory (mongomock), saved to {var_dir / 'store.snapshot'} every 30 s "
        "and when the server stops, restored at start; every write is journalled to "
        f"{var_dir / 'store.journal'} before it is answered." in log.read_text()
    )
    local_dev = (
        "http://localhost:3000, http://localhost:5173, http://127.0.0.1:3000, http://127.0.0.1:5173"
    )
    assert f"allowed to call the API (with cookies): {local_dev}." in log.read_text()
    status, _, ready = call(base, "GET", "/readyz")
    assert (status, ready["checks"]) == (200, {"mongo": "ok", "redis": "ok", "sql": "ok"})
    status, content_type, page = call(base, "GET", "/api/docs/")
    assert status == 200 and content_type.startswith("text/html") and "swagger" in page.lower()
    assets = re.findall(r'(?:src|href)="(/static/drf_spectacular_sidecar/[^"]+)"', page)
    assert len(assets) == 4, page
    for asset in assets:
        status, _, _ = call(base, "GET", asset)
        assert status == 200, asset
    status, _, _ = call(base, "GET", "/api/schema/?format=json")
    assert status == 200

    def demo_is_ready():
        items = call(base, "GET", "/api/v1/videos")[2]["results"]
        return len(items) == 3 and {item["status"] for item in items} == {"ready"} and items

    items = wait_for(demo_is_ready, seconds=120, log=log, what="the demo clips to be processed")
    assert sorted(item["kind"] for item in items) == ["audio", "video", "video"]

    account = {"username": "newcomer", "email": "newcomer@example.com", "full_name": "New Comer"}
    status, _, _ = call(
        base, "POST", "/api/v1/auth/register", {**account, "password": "a-long-pass-phrase"}
    )
    assert status == 202
    code = wait_for(
        lambda: CODE_MAILED.findall(log.read_text()),
        seconds=30,
        log=log,
        what="the sign-up code on the console",
    )[-1]
    status, _, session = call(
        base, "POST", "/api/v1/auth/register/verify", {"email": account["email"], "otp": code}
    )
    assert status == 201
    status, _, me = call(base, "GET", "/api/v1/users/me", token=session["access"])
    assert (status, me["username"], me["email"]) == (200, "newcomer", "newcomer@example.com")


PUBLIC_OLD_KEY = "embedded-insecure-key-change-me-for-any-real-deployment"
LEAKS = ("Traceback", "SECRET_KEY", "MONGODB_URI", "REDIS_URL", "CLOUDINARY_URL", "DEBUG")


def raw_request(base: str, method: str, target: str, headers: dict | None = None):
    """Send a request line exactly as given (no client-side path normalising)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in {"Host": f"{host}:{port}", **(headers or {})}.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", "0")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("method", "target", "headers", "status"),
    [
        ("GET", "/media/../x", {}, 400),
        ("GET", "/media/../../etc/passwd", {}, 400),
        ("GET", "/media/avatars/missing.png", {}, 404),
        ("GET", "/static/../..", {}, 404),
        ("GET", "/api/v1/videos", {"Host": "evil.example"}, 400),
        ("POST", "/no/such/route", {}, 404),
        ("DELETE", "/api/v1/nope", {}, 404),
        ("POST", "/healthz", {}, 405),
        ("PUT", "/metrics", {}, 405),
        ("POST", "/api/schema/", {}, 405),
        ("POST", "/api/docs/", {}, 405),
    ],
)
def test_every_error_of_the_embedded_run_is_json_without_debug_details(
    embedded, method, target, headers, status
):
    base, _, _ = embedded
    got, response_headers, body = raw_request(base, method, target, headers)
    assert got == status, body[:500]
    assert response_headers["Content-Type"].startswith("application/json"), body[:500]
    error = json.loads(body)
    assert error["error"]["status"] == status
    assert error["request_id"] == response_headers["X-Request-ID"]
    assert not [leak for leak in LEAKS if leak in body]


def test_the_embedded_run_keeps_its_own_secret_key_and_refuses_the_old_public_one(embedded):
    base, _, var_dir = embedded
    key_file = var_dir / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 50 and key != PUBLIC_OLD_KEY
    forged = jwt.encode(
        {
            "token_type": "access",
            "exp": int(time.time()) + 600,
            "user_id": "0" * 24,
            "sid": "0" * 24,
            "jti": "x",
        },
        PUBLIC_OLD_KEY,
        algorithm="HS256",
    )
    status, _, body = call(base, "GET", "/api/v1/users/me", token=forged)
    assert status == 401 and body["error"]["status"] == 401
