"""A web front end on its own origin, in Chromium: it signs in with cookies, reads and writes
through CORS, and plays public and private items with hls.js from the running server."""

import secrets
import time

import pytest

from tests.browser.conftest import PLAYER_DIR
from tests.live import call, sign_up, upload
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
PLAYED_SECONDS = 1.5
HLS_JS = PLAYER_DIR / "node_modules" / "hls.js" / "dist" / "hls.min.js"
PLAYING_OR_FAILED = f"""() => playback.errors.some((error) => error.fatal)
    || document.getElementById("player").currentTime > {PLAYED_SECONDS}"""


@pytest.fixture(scope="module")
def items(live_platform, tmp_path_factory):
    """An owner with a public and a private 5 s clip, uploaded through the API and processed."""
    assert HLS_JS.is_file(), "hls.js is missing: run `npm ci` in tests/browser/player"
    username = f"creator{secrets.token_hex(3)}"
    session = sign_up(live_platform.url, live_platform.log, username=username, password=PASSWORD)
    clip = make_clip(tmp_path_factory.mktemp("player-clips"), seconds=5, size="320x240")
    uploaded = {
        visibility: upload(
            live_platform.url, session["access"], clip, title=visibility, visibility=visibility
        )["id"]
        for visibility in ("public", "private")
    }
    deadline = time.monotonic() + 90
    ready = {}
    while len(ready) < len(uploaded) and time.monotonic() < deadline:
        for visibility, video_id in uploaded.items():
            _, _, item = call(
                live_platform.url, "GET", f"/api/v1/videos/{video_id}", token=session["access"]
            )
            assert item["status"] != "failed", item
            if item["status"] == "ready":
                ready[visibility] = item
        time.sleep(0.3)
    assert len(ready) == len(uploaded), f"not processed in time:\n{live_platform.log.read_text()}"
    return {"username": username, **ready}


def play(page, url: str) -> dict:
    """Play `url` in the page's hls.js until it passes PLAYED_SECONDS or fails; its state."""
    page.evaluate("url => play(url)", url)
    page.wait_for_function(PLAYING_OR_FAILED)
    return page.evaluate(
        "() => ({...playback, currentTime: document.getElementById('player').currentTime})"
    )


def assert_played(playback: dict) -> None:
    assert playback["hlsSupported"] and playback["parsed"], playback
    assert [error for error in playback["errors"] if error["fatal"]] == [], playback
    assert playback["currentTime"] > PLAYED_SECONDS, playback


def test_a_front_end_on_an_allowed_origin_signs_in_and_plays_public_and_private_items(
    live_platform, front_end, new_page, items
):
    page = new_page.page
    page.goto(f"{front_end.url}/index.html?api={live_platform.url}")
    can_play = "MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42E01E,mp4a.40.2\"')"
    assert page.evaluate(can_play), "this Chromium cannot play H.264/AAC"

    credentials = [items["username"], PASSWORD]
    signed_in = page.evaluate("([login, password]) => signIn(login, password)", credentials)
    assert signed_in["status"] == 200 and signed_in["body"]["user"]["username"] == items["username"]
    assert signed_in["requestId"], "X-Request-ID is not exposed to the page"

    # Cookies only: the page never saw a token, yet the owner's private item comes back signed.
    private = page.evaluate("id => getItem(id)", items["private"]["id"])
    assert private["status"] == 200 and "sig=" in private["body"]["hls_url"], private
    # A cookie POST passes the CSRF check; a start call of one's own item is never a view.
    view = page.evaluate("id => recordView(id)", items["public"]["id"])
    assert (view["status"], view["body"]["counted"]) == (200, False), view

    assert_played(play(page, private["body"]["hls_url"]))
    assert_played(play(page, items["public"]["hls_url"]))

    segments = [url for url in new_page.requests if "/hls/" in url and "/seg_" in url]
    assert any("sig=" in url for url in segments) and any("sig=" not in url for url in segments)
    assert new_page.left_for(front_end, live_platform) == [], new_page.requests


def test_a_page_on_an_origin_not_allowed_cannot_use_the_api_but_can_play_public_media(
    live_platform, front_end, new_page, items
):
    page = new_page.page
    elsewhere = front_end.url.replace("127.0.0.1", "localhost")
    page.goto(f"{elsewhere}/index.html?api={live_platform.url}")
    refused = page.evaluate(
        "([login, password]) => signIn(login, password).then(() => 'answered', (e) => e.name)",
        [items["username"], PASSWORD],
    )
    assert refused == "TypeError", "the browser let a page of another origin read the API"

    assert_played(play(page, items["public"]["hls_url"]))
