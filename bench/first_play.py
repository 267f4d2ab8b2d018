"""Benchmark watching while processing: how soon after an upload is answered a viewer plays it,
against how long until it is ready, in the same run.

Usage: .venv/bin/python bench/first_play.py [--seconds 60] [--size 1280x720]

The embedded run (`manage.py serve`: in-process worker, local media, default 6 s segments) on
a free port; a clip made with lavfi, uploaded through the API as a signed-in owner; the API is
polled (every 0.1 s, as a front end would, or a push would tell it) until `hls_url` appears,
then Debian's Chromium plays it with the pinned hls.js of tests/browser/player/ from another
origin, as the player tests do. First play is the moment the video element fires `playing`.
Target: first play <= 0.25 x time to ready, both counted from the upload's answer.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from bench.range_serving import free_port, start_server, stop_server
from tests.live import PASSED_ENV, call, sign_up, upload
from videos.media_tools import FFMPEG
from videos.samples import make_clip

TARGET_RATIO = 0.25
ROOT = Path(__file__).resolve().parent.parent
PLAYER = ROOT / "tests" / "browser" / "player"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
POLL_SECONDS = 0.1


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """The bench prints its own lines only."""


def serve_player() -> tuple[str, http.server.ThreadingHTTPServer]:
    """The test front end (index.html, player.js, hls.js) on its own loopback origin."""
    handler = functools.partial(QuietHandler, directory=str(PLAYER))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def start_platform(root: Path) -> tuple[str, Path, subprocess.Popen]:
    port = free_port()
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(VAR_DIR=str(root / "var"), PYTHONUNBUFFERED="1", DJANGO_DEBUG="0")
    log = root / "serve.log"
    command = [sys.executable, str(ROOT / "manage.py"), "serve", f"127.0.0.1:{port}"]
    process = start_server(command, log=log, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            if call(base, "GET", "/healthz")[0] == 200:
                return base, log, process
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(process)
    raise RuntimeError(f"the server did not answer:\n{log.read_text()[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the generated clip")
    parser.add_argument("--size", default="1280x720", help="its picture size")
    args = parser.parse_args()
    version = subprocess.run(
        [FFMPEG, "-hide_banner", "-version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    print(f"{version} | {os.cpu_count()} CPUs | load {os.getloadavg()[0]:.1f} before start")

    with tempfile.TemporaryDirectory(prefix="first-play-") as tmp:
        root = Path(tmp)
        clip = make_clip(root, seconds=args.seconds, size=args.size)
        front_end, player_server = serve_player()
        base, log, process = start_platform(root)
        try:
            owner = sign_up(base, log, username=f"bench{secrets.token_hex(3)}", password="p" * 16)
            token = owner["access"]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(f"{front_end}/index.html?api={base}")
                item = upload(base, token, clip, title="first play")
                answered = time.time()
                print(f"uploaded {args.seconds} s {args.size}; answer: {item['status']}")
                played_at = ready_at = None
                while ready_at is None:
                    _, _, item = call(base, "GET", f"/api/v1/videos/{item['id']}", token=token)
                    if item["status"] == "failed":
                        raise RuntimeError(f"processing failed: {item['failure_reason']}")
                    if item["status"] == "ready":
                        ready_at = time.time()
                    if item["hls_url"] and played_at is None:
                        if not page.evaluate("() => window.playback !== undefined"):
                            print(
                                f"hls_url after {time.time() - answered:.2f} s ({item['status']})"
                            )
                            page.evaluate("url => play(url)", item["hls_url"])
                        playing = page.evaluate("() => window.playback.playingAt")
                        if playing:
                            played_at = playing / 1000
                    time.sleep(POLL_SECONDS)
                if played_at is None:
                    page.wait_for_function("() => window.playback.playingAt", timeout=60_000)
                    played_at = page.evaluate("() => window.playback.playingAt") / 1000
                errors = page.evaluate("() => window.playback.errors.filter((e) => e.fatal)")
                browser.close()
        finally:
            stop_server(process)
            player_server.shutdown()

    first_play, ready = played_at - answered, ready_at - answered
    ratio = first_play / ready
    print(f"first play (hls.js playing) after the upload's answer: {first_play:6.2f}s")
    print(f"ready after the upload's answer:                       {ready:6.2f}s")
    print(f"ratio first play / ready: {ratio:.2f} (fatal player errors: {len(errors)})")
    met = ratio <= TARGET_RATIO and not errors
    print(f"target <= {TARGET_RATIO:.2f}: {'MET' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
