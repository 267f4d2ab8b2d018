"""Plain-HTTP helpers for tests against a running server process: calls, polling, sign-up."""

import json
import mimetypes
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server

# Only what any shell has: no store URLs, no settings module, so the embedded defaults apply.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
CODE_MAILED = re.compile(r"Your StreamSphere code: (\d{6})")


def call(
    base: str,
    method: str,
    path: str,
    body: dict | None = None,
    token: str = "",
    *,
    data: bytes | None = None,
    content_type: str = "",
):
    """(status, content type, body) of one request: JSON decoded, text as str, else bytes."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if content_type:
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, content_type, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            status, content_type, raw = error.code, error.headers, error.read()
    content_type = content_type.get("Content-Type", "")
    if "json" in content_type:
        return status, content_type, json.loads(raw)
    return status, content_type, raw.decode() if content_type.startswith("text/") else raw


def wait_for(condition, *, seconds: float, log: Path, what: str):
    """Poll `condition` until it returns something truthy; fail with the server log if not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = condition()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}; server log:\n{log.read_text()[-4000:]}")


@contextmanager
def embedded_run(root: Path, **values: str) -> Iterator[tuple[str, Path]]:
    """`manage.py serve` as `make run` starts it (without the demo data), on a free loopback
    port, its var/ under `root`, with only PASSED_ENV and `values` from the environment; yields
    (its base URL, its log) once it answers, and stops it after."""
    port = free_port()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(VAR_DIR=str(root / "var"), PYTHONUNBUFFERED="1", **values)
    log = root / "serve.log"
    manage = str(settings.BASE_DIR / "manage.py")
    process = start_server([sys.executable, manage, "serve", f"127.0.0.1:{port}"], log=log, env=env)
    base = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n{log.read_text()[-4000:]}")
        return call(base, "GET", "/healthz")[0] == 200

    try:
        wait_for(answering, seconds=60, log=log, what="the server to answer")
        yield base, log
    finally:
        stop_server(process)


def sign_up(base: str, log: Path, *, username: str, password: str) -> dict:
    """Register through the API, read the e-mailed code off the console log, verify it.

    Returns the verify answer ({user, access, refresh}).
    """
    email = f"{username}@example.com"
    account = {"username": username, "email": email, "full_name": username.title()}
    status, _, body = call(base, "POST", "/api/v1/auth/register", {**account, "password": password})
    assert status == 202, body

    def code_for_this_address():
        # The console e-mail backend prints each message between lines of dashes.
        messages = log.read_text().split("-" * 79)
        return [code for m in messages if f"To: {email}" in m for code in CODE_MAILED.findall(m)]

    code = wait_for(code_for_this_address, seconds=30, log=log, what=f"the code for {email}")[-1]
    status, _, session = call(
        base, "POST", "/api/v1/auth/register/verify", {"email": email, "otp": code}
    )
    assert status == 201, session
    return session


def send_form(
    base: str, token: str, method: str, path: str, *, file_name: str, content: bytes, **fields
):
    """Send a multipart form with one `file` and text fields, like a browser form."""
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    file_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"'
        f"\r\nContent-Type: {file_type}\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return call(
        base,
        method,
        path,
        token=token,
        data=b"".join(parts),
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def upload(base: str, token: str, path: Path, **fields: str) -> dict:
    """POST a media file as multipart form data, like a browser form; returns the 202 body."""
    status, _, body = send_form(
        base,
        token,
        "POST",
        "/api/v1/videos",
        file_name=path.name,
        content=path.read_bytes(),
        **fields,
    )
    assert status == 202, body
    return body
