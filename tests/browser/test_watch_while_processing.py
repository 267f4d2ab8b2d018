"""Watching while processing in Chromium: hls.js starts an item whose processing is still
running, from its beginning, and plays it to the end as its playlists end and turn VOD."""

import secrets
import time

import pytest

from tests.browser.conftest import PLAYER_DIR
from tests.live import call, sign_up, upload
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
HLS_JS = PLAYER_DIR / "node_modules" / "hls.js" / "dist" / "hls.min.js"
# Long enough at 720p that processing is still running when the first segments play on a quiet
# machine (a busy one only widens the gap); played at 3x so the test stays short.
CLIP_SECONDS = 24
RATE = 3


def test_an_item_plays_while_it_processes_and_to_its_end_once_ready(
    live_platform, front_end, new_page, tmp_path
):
    assert HLS_JS.is_file(), "hls.js is missing: run `npm ci` in tests/browser/player"
    session = sign_up(
        live_platform.url,
        live_platform.log,
        username=f"premiere{secrets.token_hex(3)}",
        password=PASSWORD,
    )
    token = session["access"]
    clip = make_clip(tmp_path, seconds=CLIP_SECONDS, size="1280x720")
    page = new_page.page
    page.goto(f"{front_end.url}/index.html?api={live_platform.url}")

    item = upload(live_platform.url, token, clip, title="premiere")
    path = f"/api/v1/videos/{item['id']}"
    deadline = time.monotonic() + 120
    while not item["hls_url"] and time.monotonic() < deadline:
        time.sleep(0.1)
        _, _, item = call(live_platform.url, "GET", path, token=token)
        assert item["status"] != "failed", item
    assert item["status"] == "processing" and item["hls_url"], item

    page.evaluate("([url, rate]) => play(url, rate)", [item["hls_url"], RATE])
    page.wait_for_function(
        "() => window.playback.playingAt || window.playback.errors.some((e) => e.fatal)"
    )
    _, _, when_playing = call(live_platform.url, "GET", path, token=token)
    assert when_playing["status"] == "processing", "playback began only once processing ended"

    page.wait_for_function(
        "() => window.playback.endedAt || window.playback.errors.some((e) => e.fatal)",
        timeout=(CLIP_SECONDS / RATE + 120) * 1000,
    )
    playback = page.evaluate(
        "() => ({...playback, currentTime: document.getElementById('player').currentTime})"
    )
    assert [error for error in playback["errors"] if error["fatal"]] == [], playback
    assert playback["currentTime"] >= CLIP_SECONDS - 0.5, playback
    # Started on a playlist still being written, ended on the finished VOD one.
    assert playback["levels"][0]["live"] is True and playback["levels"][0]["type"] == "EVENT"
    assert playback["levels"][-1]["live"] is False, playback["levels"]
    _, _, ready = call(live_platform.url, "GET", path, token=token)
    assert ready["status"] == "ready"
    assert new_page.left_for(front_end, live_platform) == [], new_page.requests
