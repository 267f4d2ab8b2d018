"""Media journeys end to end: a real HLS player against a running server, byte ranges over
real HTTP, and processing done by a real Celery worker while the client polls the API."""

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pytest

from videos.samples import make_audio, make_clip
from videos.tests.helpers import VIDEOS, upload

pytestmark = pytest.mark.slow

TS_SYNC_BYTE = b"\x47"
PLAYLIST_URI = re.compile(r'URI="([^"]+)"')


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("journey-sources")


@pytest.fixture(scope="module")
def clip_360p(sources) -> Path:
    """4 s of 640x360 test pattern with a tone: the 360p and 240p rungs, one HLS segment each."""
    return make_clip(sources, name="clip360.mp4", seconds=4, size="640x360")


@pytest.fixture(scope="module")
def small_clip(sources) -> Path:
    return make_clip(sources, name="small.mp4", seconds=2, size="320x240")


@pytest.fixture(scope="module")
def tone(sources) -> Path:
    return make_audio(sources, name="tone.m4a", seconds=3)


def on_server(url: str, live_server) -> str:
    """The same URL (path and query kept) on the running server instead of `testserver`."""
    parts, server = urlsplit(url), urlsplit(live_server.url)
    assert parts.netloc == "testserver", url
    return urlunsplit((server.scheme, server.netloc, parts.path, parts.query, ""))


def http_get(url: str, headers: dict | None = None):
    """(status, headers, body) from a plain HTTP GET: no cookies, no auth header."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def uris_in(playlist: str) -> list[str]:
    return [line for line in playlist.splitlines() if line and not line.startswith("#")]


def run_tool(*cmd: str) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{cmd[0]} failed: {result.stderr}"
    assert not result.stderr.strip(), f"{cmd[0]} complained: {result.stderr}"
    return result


def ffprobe_streams(url: str) -> list[dict]:
    result = run_tool(
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "stream=codec_type,codec_name,height",
        "-of",
        "json",
        url,
    )
    return json.loads(result.stdout)["streams"]


def ffmpeg_decodes(url: str) -> None:
    """Decode every stream the URL offers to the end; ffmpeg -v error prints nothing if clean."""
    run_tool("ffmpeg", "-nostdin", "-v", "error", "-i", url, "-map", "0", "-f", "null", "-")


def ready_item(client, path: Path, **fields) -> dict:
    response = upload(client, path, **fields)
    assert response.status_code == 202, response.content
    item = client.get(f"{VIDEOS}/{response.json()['id']}").json()
    assert item["status"] == "ready", item
    return item


# 1. A real player reads the HLS package from a running server ----------------------------------


def test_player_reads_signed_hls_of_a_private_video_from_a_running_server(
    live_server, auth_client, clip_360p
):
    owner = auth_client()
    item = ready_item(owner, clip_360p, title="Private clip", visibility="private")
    assert {r["name"] for r in item["renditions"]} == {"360p", "240p"}
    master_url = on_server(item["hls_url"], live_server)
    query = parse_qs(urlsplit(master_url).query)
    assert set(query) == {"exp", "sig"}

    streams = ffprobe_streams(master_url)
    heights = {s["height"] for s in streams if s["codec_type"] == "video"}
    assert heights == {360, 240}
    assert any(s["codec_type"] == "audio" and s["codec_name"] == "aac" for s in streams)
    ffmpeg_decodes(master_url)

    status, headers, body = http_get(master_url)
    assert status == 200
    assert headers["Content-Type"] == "application/vnd.apple.mpegurl"
    master = body.decode()
    # Two video variants plus the audio-only one; the shared audio rendition is named both by
    # EXT-X-MEDIA (URI="...") and by the audio-only EXT-X-STREAM-INF.
    variants = uris_in(master)
    assert [uri.split("?")[0] for uri in variants] == [
        "360p/index.m3u8",
        "240p/index.m3u8",
        "audio/index.m3u8",
    ]
    assert [uri.split("?")[0] for uri in PLAYLIST_URI.findall(master)] == ["audio/index.m3u8"]
    variant_urls = [urljoin(master_url, uri) for uri in variants]
    for variant_url in variant_urls:
        # Every URI the server writes into a playlist carries the caller's signature.
        assert parse_qs(urlsplit(variant_url).query) == query
        ffmpeg_decodes(variant_url)

    # The signature is what lets a header-less player in.
    unsigned = master_url.split("?", 1)[0]
    assert http_get(unsigned)[0] == 404
    forged = query["sig"][0][:-1] + ("0" if query["sig"][0][-1] != "0" else "1")
    tampered = f"{unsigned}?{urlencode({'exp': query['exp'][0], 'sig': forged})}"
    assert http_get(tampered)[0] == 404
    assert http_get(variant_urls[0].split("?", 1)[0])[0] == 404

    status, _, variant = http_get(variant_urls[0])
    assert status == 200
    segment_url = urljoin(variant_urls[0], uris_in(variant.decode())[0])
    assert parse_qs(urlsplit(segment_url).query) == query
    status, headers, segment = http_get(segment_url)
    assert status == 200
    assert headers["Content-Type"] == "video/mp2t"
    assert segment[:1] == TS_SYNC_BYTE and len(segment) % 188 == 0
    assert http_get(segment_url.split("?", 1)[0])[0] == 404


def test_player_reads_public_audio_hls_without_a_signature(live_server, auth_client, tone):
    owner = auth_client()
    item = ready_item(owner, tone, title="A tone", kind="audio", visibility="public")
    assert item["kind"] == "audio"
    assert "?" not in item["hls_url"]
    master_url = on_server(item["hls_url"], live_server)

    streams = ffprobe_streams(master_url)
    assert [s["codec_type"] for s in streams] == ["audio", "audio"]
    assert {s["codec_name"] for s in streams} == {"aac"}
    ffmpeg_decodes(master_url)

    status, _, body = http_get(master_url)
    assert status == 200
    variants = uris_in(body.decode())
    assert variants == ["aac_128k/index.m3u8", "aac_64k/index.m3u8"]
    for variant in variants:
        ffmpeg_decodes(urljoin(master_url, variant))


# 2. Range requests through the running server ---------------------------------------------------


def test_stream_serves_ranges_and_validators_over_http(live_server, auth_client, small_clip):
    owner = auth_client()
    item = ready_item(owner, small_clip, title="Ranged")
    assert "?" not in item["stream_url"]
    url = on_server(item["stream_url"], live_server)
    original = small_clip.read_bytes()
    size = len(original)

    status, headers, body = http_get(url, {"Range": "bytes=0-1023"})
    assert status == 206
    assert headers["Content-Range"] == f"bytes 0-1023/{size}"
    assert headers["Content-Length"] == "1024"
    assert body == original[:1024]

    status, headers, body = http_get(url, {"Range": f"bytes={size - 100}-"})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {size - 100}-{size - 1}/{size}"
    assert body == original[-100:]

    status, headers, body = http_get(url, {"Range": f"bytes={size}-"})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{size}"
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert error["status"] == 416 and error["code"] == "range_not_satisfiable"
    assert str(size) in error["message"] and error["fields"] == {}

    status, headers, body = http_get(url)
    assert status == 200
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Length"] == str(size)
    assert headers["Content-Type"] == "video/mp4"
    assert headers["Last-Modified"]
    etag = headers["ETag"]
    assert etag.startswith('"')
    assert body == original

    status, headers, body = http_get(url, {"If-None-Match": etag})
    assert status == 304
    assert headers["ETag"] == etag
    assert body == b""


# 3. Processing through a real worker ------------------------------------------------------------


def test_a_worker_processes_an_upload_while_the_client_watches_progress(
    celery_workers, auth_client, sources
):
    source = make_clip(sources, name="clip720.mp4", seconds=8, size="1280x720")
    celery_workers("media")
    owner = auth_client()
    response = upload(owner, source, title="Worker clip")
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert accepted["status"] == "uploaded"
    assert accepted["progress"] == 0
    assert accepted["hls_url"] is None

    seen: list[tuple[str, float]] = [(accepted["status"], accepted["progress"])]
    deadline = time.monotonic() + 90
    while True:
        item = owner.get(f"{VIDEOS}/{accepted['id']}").json()
        seen.append((item["status"], item["progress"]))
        if item["status"] in ("ready", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert item["status"] == "ready", (item, seen)

    statuses = [status for status, _ in seen]
    order = ["uploaded", "processing", "ready"]
    ranks = [order.index(status) for status in statuses]
    assert ranks == sorted(ranks), statuses
    assert "processing" in statuses, statuses
    progress = [value for _, value in seen]
    assert progress == sorted(progress), progress
    # The bar moves: more than one value strictly between the start and the end was reported.
    assert len({value for value in progress if 0 < value < 100}) >= 2, progress
    assert progress[-1] == 100

    assert item["width"] == 1280 and item["height"] == 720
    assert [(r["name"], r["height"]) for r in item["renditions"]] == [
        ("720p", 720),
        ("360p", 360),
        ("240p", 240),
    ]
    assert item["hls_url"] and item["stream_url"]
