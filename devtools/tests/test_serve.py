"""The embedded run: it refuses to start, clearly and before creating anything, without ffmpeg;
it stops in an order that answers nothing after its last snapshot."""

import itertools
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server
from config import asgi_server
from events.tests.sse import EventStream
from tests.live import PASSED_ENV, call, sign_up, wait_for


def test_serve_without_ffmpeg_exits_with_one_line_naming_the_install_command(tmp_path):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    var_dir = tmp_path / "var"
    env = {"PATH": str(empty_path), "HOME": str(tmp_path), "VAR_DIR": str(var_dir)}
    env.update({k: os.environ[k] for k in ("LANG", "LC_ALL") if k in os.environ})
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "serve", "127.0.0.1:1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "ffmpeg and ffprobe not found" in lines[0]
    assert "apt-get install -y ffmpeg" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not var_dir.exists()


@pytest.mark.slow
def test_a_stop_under_load_answers_nothing_after_the_last_snapshot(tmp_path):
    """SIGTERM while clients write: uvicorn stops taking connections, ends the event streams,
    finishes what is in flight, and only then are the stores saved. So every write answered 2xx
    is in the snapshot, no 2xx arrives after it was written, and an open event stream does not
    hold the stop up."""
    var_dir = tmp_path / "var"
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(
        VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
        STORE_SNAPSHOT_SECONDS="3600",
        THROTTLE_TWEET="100000/h",
    )
    port, log = free_port(), tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    manage = str(settings.BASE_DIR / "manage.py")
    server = start_server([sys.executable, manage, "serve", f"127.0.0.1:{port}"], log=log, env=env)
    try:
        wait_for(lambda: call(base, "GET", "/healthz")[0] == 200, seconds=60, log=log, what="serve")
        token = sign_up(base, log, username="writer", password="a-long-pass-phrase")["access"]
        stream = EventStream(f"{base}/api/v1/events", token=token)
        assert stream.until(lambda event: event.type == "unread_count")
        answers, stop = [], threading.Event()

        def write(worker: int) -> None:
            for n in itertools.count():
                content = f"load {worker}-{n}"
                try:
                    status, _, _ = call(base, "POST", "/api/v1/tweets", {"content": content}, token)
                except OSError:
                    if stop.is_set():
                        return
                    continue
                answers.append((status, content, time.time()))

        workers = [threading.Thread(target=write, args=(n,), daemon=True) for n in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(2)
        stopping = time.monotonic()
        server.send_signal(signal.SIGTERM)
        stop.set()
        assert stream.ended(seconds=5) == []
        assert server.wait(timeout=60) == 0
        assert time.monotonic() - stopping < asgi_server.GRACEFUL_SECONDS / 2
        for worker in workers:
            worker.join(timeout=30)
    finally:
        stop_server(server)
    snapshot = var_dir / "store.snapshot"
    saved_at, saved = snapshot.stat().st_mtime, snapshot.read_bytes()
    written = [(content, at) for status, content, at in answers if status == 201]
    assert len(written) > 10, answers[-5:]
    assert all(at <= saved_at for _, at in written), "a write was answered after the snapshot"
    assert [content for content, _ in written if content.encode() not in saved] == []
    assert {status for status, _, _ in answers} <= {201}
