"""Captions in Chromium with the pinned hls.js and no player code for them: the master
playlist's SUBTITLES renditions are hls.js's subtitle tracks, and a cue shows at its time."""

import secrets
import time

import pytest

from tests.browser.test_cross_origin_player import HLS_JS, PASSWORD
from tests.live import call, send_form, sign_up, upload
from videos.samples import make_clip

pytestmark = pytest.mark.slow

CUE_TEXT = "Hello from the captions"
CAPTIONS = f"WEBVTT\n\n00:00:00.500 --> 00:00:07.500\n{CUE_TEXT}\n".encode()
SRT = b"1\n00:00:01,000 --> 00:00:02,000\nBonjour\n"
SUBTITLE_TRACKS = "() => window.hls ? window.hls.subtitleTracks.map((t) => [t.lang, t.name]) : []"
FIRST_FRAME = "() => document.getElementById('player').buffered.start(0)"
SHOWING_CUE = """() => Array.from(document.getElementById("player").textTracks).flatMap((track) =>
    track.mode === "showing" && track.activeCues
        ? Array.from(track.activeCues).map((cue) => [cue.text, cue.startTime, cue.endTime]) : [])"""


@pytest.fixture(scope="module")
def captioned(live_platform, tmp_path_factory):
    """A private 8 s clip with English and French captions, processed by the running server."""
    assert HLS_JS.is_file(), "hls.js is missing: run `npm ci` in tests/browser/player"
    session = sign_up(
        live_platform.url,
        live_platform.log,
        username=f"captioner{secrets.token_hex(3)}",
        password=PASSWORD,
    )
    token = session["access"]
    clip = make_clip(tmp_path_factory.mktemp("caption-clips"), seconds=8, size="320x240")
    video_id = upload(live_platform.url, token, clip, title="captioned", visibility="private")["id"]
    for lang, label, content in (("en", "English", CAPTIONS), ("fr", "Français", SRT)):
        status, _, body = send_form(
            live_platform.url,
            token,
            "PUT",
            f"/api/v1/videos/{video_id}/captions/{lang}",
            file_name=f"{lang}.vtt",
            content=content,
            label=label,
        )
        assert status == 201, body
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        _, _, item = call(live_platform.url, "GET", f"/api/v1/videos/{video_id}", token=token)
        assert item["status"] != "failed", item
        if item["status"] == "ready":
            return item
        time.sleep(0.3)
    pytest.fail(f"not processed in time:\n{live_platform.log.read_text()[-4000:]}")


def test_hls_js_offers_the_captions_and_shows_a_cue_at_its_time(
    live_platform, front_end, new_page, captioned
):
    page = new_page.page
    page.goto(f"{front_end.url}/index.html?api={live_platform.url}")
    page.evaluate("url => play(url)", captioned["hls_url"])
    page.wait_for_function(f"() => ({SUBTITLE_TRACKS})().length === 2")
    assert page.evaluate(SUBTITLE_TRACKS) == [["en", "English"], ["fr", "Français"]]

    page.evaluate("() => { window.hls.subtitleTrack = 0; }")
    page.wait_for_function(f"() => ({SHOWING_CUE})().length > 0")
    ((text, start, end),) = page.evaluate(SHOWING_CUE)
    # With the picture it was timed against: the segments pin cue time 0 to the source's
    # first frame, which hls.js places where the encoder's B-frame delay puts it (0.08 s).
    first_frame = page.evaluate(FIRST_FRAME)
    assert text == CUE_TEXT
    assert abs(start - (0.5 + first_frame)) < 0.01, (start, first_frame)
    assert abs(end - (7.5 + first_frame)) < 0.01, (end, first_frame)
    errors = page.evaluate("() => playback.errors")
    assert [error for error in errors if error["fatal"]] == [], errors
    subtitle_requests = [url for url in new_page.requests if "/hls/subtitles/en/" in url]
    assert subtitle_requests and all("sig=" in url for url in subtitle_requests)
