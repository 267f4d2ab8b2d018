"""`make run` keeps its data: stopped with SIGTERM and started again, the embedded run still knows
its users, their items and the views waiting in the Redis stand-in; `--fresh` starts empty."""

import os
import signal
import sys
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench.range_serving import free_port, start_server, stop_server
from tests.live import PASSED_ENV, call, sign_up, upload, wait_for
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"


class EmbeddedRun:
    """Starts and stops `manage.py serve` processes that share one var/ directory."""

    def __init__(self, root, **env: str):
        self.root = root
        self.var_dir = root / "var"
        self.env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
        self.env.update(VAR_DIR=str(self.var_dir), PYTHONUNBUFFERED="1", **env)
        self.runs = 0
        self.server = None

    def start(self, *flags: str) -> tuple[str, object]:
        self.runs += 1
        port = free_port()
        log = self.root / f"serve-{self.runs}.log"
        manage = str(settings.BASE_DIR / "manage.py")
        command = [sys.executable, manage, "serve", f"127.0.0.1:{port}", *flags]
        self.server = start_server(command, log=log, env=self.env)
        base = f"http://127.0.0.1:{port}"

        def answering() -> bool:
            if self.server.poll() is not None:
                pytest.fail(f"serve exited ({self.server.returncode}):\n{log.read_text()[-4000:]}")
            return call(base, "GET", "/healthz")[0] == 200

        wait_for(answering, seconds=60, log=log, what="the embedded server to answer")
        return base, log

    def stop(self) -> int:
        """SIGTERM, as a service manager or `kill` sends it; the exit status."""
        self.server.send_signal(signal.SIGTERM)
        return self.server.wait(timeout=30)

    def kill(self) -> None:
        if self.server is not None:
            stop_server(self.server)


@pytest.fixture
def embedded_run(tmp_path):
    runs = []

    def make(**env: str) -> EmbeddedRun:
        runs.append(EmbeddedRun(tmp_path, **env))
        return runs[-1]

    yield make
    for run in runs:
        run.kill()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_a_restart_keeps_users_items_and_pending_views_and_fresh_starts_empty(
    embedded_run, tmp_path
):
    # No timer snapshot and no view flush during the test: what survives is the shutdown
    # snapshot, and the view survives only as a pending hit in the Redis stand-in.
    run = embedded_run(STORE_SNAPSHOT_SECONDS="3600", VIEW_FLUSH_SECONDS="3600")
    base, log = run.start()
    session = sign_up(base, log, username="keeper", password=PASSWORD)
    clip = make_clip(tmp_path, seconds=2)
    item_id = upload(base, session["access"], clip, title="Kept across restarts")["id"]

    def ready():
        item = call(base, "GET", f"/api/v1/videos/{item_id}", token=session["access"])[2]
        return item if item["status"] == "ready" else None

    wait_for(ready, seconds=120, log=log, what="the upload to be processed")
    # A player's start call, then a heartbeat once half of the 2 s clip has played.
    assert (
        call(base, "POST", f"/api/v1/videos/{item_id}/views", {"position": 0})[2]["counted"]
        is False
    )
    time.sleep(1.2)
    heartbeat = {"position": 1.2, "watched_seconds": 1.2}
    status, _, counted = call(base, "POST", f"/api/v1/videos/{item_id}/views", heartbeat)
    assert (status, counted) == (200, {"counted": True, "views": 1, "views_count": 1})

    assert run.stop() == 0
    snapshot = run.var_dir / "store.snapshot"
    assert snapshot.exists() and not (run.var_dir / "store.snapshot.tmp").exists()
    assert f"to {snapshot}; the next start restores them." in log.read_text()

    base, log = run.start()
    assert f"from {snapshot} (saved " in log.read_text()
    status, _, signed_in = call(
        base, "POST", "/api/v1/auth/login", {"login": "keeper", "password": PASSWORD}
    )
    assert status == 200, signed_in
    status, _, item = call(base, "GET", f"/api/v1/videos/{item_id}")
    assert (status, item["status"], item["views"]) == (200, "ready", 1)
    assert item["title"] == "Kept across restarts"
    status, _, source = call(base, "GET", path_of(item["stream_url"]))
    assert status == 200 and source == clip.read_bytes()
    status, content_type, master = call(base, "GET", path_of(item["hls_url"]))
    assert status == 200 and master.startswith(b"#EXTM3U"), content_type
    # A viewer seen before the restart is still inside their 30-minute window.
    status, _, again = call(base, "POST", f"/api/v1/videos/{item_id}/views", {})
    assert (status, again) == (200, {"counted": False, "views": 1, "views_count": 1})
    assert run.stop() == 0

    base, log = run.start("--fresh")
    assert "Fresh start: removed the saved stores" in log.read_text()
    status, _, _ = call(
        base, "POST", "/api/v1/auth/login", {"login": "keeper", "password": PASSWORD}
    )
    assert status == 401
    assert call(base, "GET", "/api/v1/videos")[2]["results"] == []
    assert not list((run.var_dir / "private-media").rglob("*.mp4"))
    assert (run.var_dir / "secret_key").exists()


def test_the_stores_are_saved_on_a_timer_while_serving(embedded_run):
    run = embedded_run(STORE_SNAPSHOT_SECONDS="1")
    base, log = run.start()
    snapshot = run.var_dir / "store.snapshot"
    wait_for(snapshot.exists, seconds=10, log=log, what="the first timed snapshot")
    first = snapshot.stat().st_mtime_ns
    time.sleep(2.5)
    assert snapshot.stat().st_mtime_ns == first, "an unchanged store was written again"

    session = sign_up(base, log, username="timely", password=PASSWORD)
    # A change made after the account exists, to tell when a snapshot holds both.
    status, _, _ = call(
        base, "PATCH", "/api/v1/users/me", {"full_name": "Saved On Time"}, session["access"]
    )
    assert status == 200
    wait_for(
        lambda: b"Saved On Time" in snapshot.read_bytes(),
        seconds=10,
        log=log,
        what="a timed snapshot with the new account",
    )
    # Killed outright: no shutdown snapshot, the timed one is what the next start gets.
    os.killpg(run.server.pid, signal.SIGKILL)
    run.server.wait()
    base, log = run.start()
    status, _, _ = call(
        base, "POST", "/api/v1/auth/login", {"login": "timely", "password": PASSWORD}
    )
    assert status == 200


def test_an_unreadable_snapshot_stops_the_start_instead_of_being_overwritten(embedded_run):
    run = embedded_run()
    run.var_dir.mkdir(parents=True)
    snapshot = run.var_dir / "store.snapshot"
    snapshot.write_bytes(b"not a snapshot")
    log = run.root / "broken.log"
    manage = str(settings.BASE_DIR / "manage.py")
    server = start_server(
        [sys.executable, manage, "serve", f"127.0.0.1:{free_port()}"], log=log, env=run.env
    )
    try:
        assert server.wait(timeout=60) != 0
    finally:
        stop_server(server)
    output = log.read_text()
    assert "is not a readable snapshot" in output and "FRESH=1" in output
    assert "Traceback" not in output
    assert snapshot.read_bytes() == b"not a snapshot"


def loosen(var_dir) -> None:
    """What a run under an ordinary umask, or a careless chmod, left behind: readable by all."""
    var_dir.chmod(0o755)
    for path in var_dir.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def assert_owner_only(var_dir) -> None:
    assert var_dir.stat().st_mode & 0o777 == 0o700
    for name in ("secret_key", "streamsphere.sqlite3", "store.snapshot"):
        assert (var_dir / name).stat().st_mode & 0o777 == 0o600, name
    shared = {
        str(path.relative_to(var_dir)): oct(path.stat().st_mode & 0o777)
        for path in var_dir.rglob("*")
        if not path.is_symlink() and path.stat().st_mode & 0o077
    }
    assert not shared, f"readable beyond the owner: {shared}"


def test_var_and_everything_in_it_are_the_owners_only_and_tightened_at_start(embedded_run):
    run = embedded_run(STORE_SNAPSHOT_SECONDS="1")
    base, log = run.start()
    sign_up(base, log, username="private", password=PASSWORD)
    snapshot = run.var_dir / "store.snapshot"
    wait_for(
        lambda: b"private@example.com" in snapshot.read_bytes() if snapshot.exists() else False,
        seconds=10,
        log=log,
        what="a timed snapshot holding the account",
    )
    assert_owner_only(run.var_dir)
    assert run.stop() == 0

    loosen(run.var_dir)
    # No timed snapshot before the check: the file checked is the one the last run left.
    run.env["STORE_SNAPSHOT_SECONDS"] = "3600"
    base, log = run.start()
    assert_owner_only(run.var_dir)
    status, _, _ = call(
        base, "POST", "/api/v1/auth/login", {"login": "private", "password": PASSWORD}
    )
    assert status == 200
