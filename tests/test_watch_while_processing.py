"""Watching while processing, through the API: an item's HLS is served as its run writes it,
to its owner and, for a published item that is not private, to anyone with its link; nothing
lists or announces it before it is ready; its playlists end and turn VOD when it is."""

import shutil

import pytest

from channels_app.tests.helpers import subscribe
from videos import live, media_tools, tasks
from videos.documents import LivePlaylist, Video
from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, path_of, upload

pytestmark = pytest.mark.slow

SEGMENT_SECONDS = 1
CLIP_SECONDS = 6


@pytest.fixture
def slow_ffmpeg(tmp_path, monkeypatch):
    """The real ffmpeg reading its input at 4x playing speed, as a long upload on a busy worker
    goes: processing lasts long enough for a check to run while segments are still coming."""
    wrapper = tmp_path / "ffmpeg"
    wrapper.write_text(f'#!/bin/sh\nexec {shutil.which("ffmpeg")} -readrate 4 "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setattr(media_tools, "FFMPEG", str(wrapper))


@pytest.fixture
def clip(tmp_path):
    return make_clip(tmp_path, seconds=CLIP_SECONDS, size="320x240")


@pytest.fixture
def while_live(monkeypatch, settings, slow_ffmpeg):
    """Run `check(video)` once in the middle of processing: right after the run first published
    its playlists, while ffmpeg still encodes. Returns what the check returned, in a list."""
    settings.HLS_SEGMENT_SECONDS = SEGMENT_SECONDS
    results = []

    def arrange(check):
        publish = live.LivePublisher.publish

        def publish_then_check(self):
            publish(self)
            video = Video.objects(id=self.video_id).first()
            if not results and video.live_hls_prefix:
                results.append(check(video))

        monkeypatch.setattr(live.LivePublisher, "publish", publish_then_check)
        return results

    return arrange


def queued_upload(client, clip, monkeypatch, **fields) -> str:
    """Upload through the API, its processing held back so the test starts it."""
    with monkeypatch.context() as held:
        held.setattr(tasks.process_upload, "delay", lambda *args: None)
        response = upload(client, clip, **fields)
    assert response.status_code == 202, response.json()
    return response.json()["id"]


def media_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_a_published_item_plays_while_it_processes_and_is_announced_only_when_ready(
    auth_client, api_client, clip, monkeypatch, while_live
):
    owner, fan, stranger = auth_client(), auth_client(), auth_client()
    subscribe(fan, owner.user, notify="all")
    video_id = queued_upload(owner, clip, monkeypatch, title="Premiere night")

    def midway(video):
        item = owner.get(f"{VIDEOS}/{video_id}").json()
        assert item["status"] == "processing", item
        assert item["stream_url"] is None and item["storyboard_url"] is None
        assert item["thumbnail_candidates"] == []
        master = api_client.get(path_of(item["hls_url"]))
        assert master.status_code == 200 and master["Cache-Control"] == "no-cache"
        text = master.content.decode()
        assert "#EXT-X-START:TIME-OFFSET=0" in text
        named = media_lines(text)
        assert named and all(line.startswith(("240p/", "audio/")) for line in named)
        base = path_of(item["hls_url"]).split("?")[0].rsplit("/", 1)[0]
        query = "?" + path_of(item["hls_url"]).split("?")[1]
        variant = api_client.get(f"{base}/240p/index.m3u8{query}").content.decode()
        assert "#EXT-X-PLAYLIST-TYPE:EVENT" in variant and "#EXT-X-ENDLIST" not in variant
        # Players stay a whole item behind the live edge: where the viewer is, never pulled on.
        assert f"#EXT-X-SERVER-CONTROL:HOLD-BACK={video.duration:.3f}" in variant
        segments = [line.split("?")[0] for line in media_lines(variant)]
        assert 0 < len(segments) < CLIP_SECONDS
        first = api_client.get(f"{base}/240p/{segments[0]}{query}")
        assert first.status_code == 200 and first["Content-Type"] == "video/mp2t"
        unwritten = f"{base}/240p/seg_{len(segments) + 2:03d}.ts{query}"
        assert api_client.get(unwritten).status_code == 404
        # Anyone with the link may watch it; only a signed URL opens its media, as it is unlisted.
        seen = stranger.get(f"{VIDEOS}/{video_id}").json()
        assert seen["status"] == "processing" and "sig=" in seen["hls_url"]
        assert stranger.get(f"{base}/master.m3u8").status_code == 404
        # Nothing lists, finds or announces it yet.
        assert video_id not in [i["id"] for i in api_client.get(VIDEOS).json()["results"]]
        found = api_client.get("/api/v1/search", {"q": "premiere", "type": "videos"}).json()
        assert found["results"] == []
        channel = api_client.get(f"/api/v1/channels/{owner.user.username}/videos").json()
        assert channel["results"] == []
        assert fan.get("/api/v1/notifications").json()["results"] == []
        return {"base": base, "variant": variant}

    seen = while_live(midway)
    tasks.process_upload.delay(video_id, 1)
    assert seen, "processing never published its HLS before it ended"

    item = owner.get(f"{VIDEOS}/{video_id}").json()
    assert item["status"] == "ready" and "?" not in item["hls_url"]
    final = api_client.get(f"{seen[0]['base']}/240p/index.m3u8").content.decode()
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in final and final.rstrip().endswith("#EXT-X-ENDLIST")
    live_entries = [line for line in seen[0]["variant"].splitlines() if line.startswith("#EXTINF")]
    final_entries = [line for line in final.splitlines() if line.startswith("#EXTINF")]
    assert final_entries[: len(live_entries)] == live_entries
    assert [line.split("?")[0] for line in media_lines(seen[0]["variant"])] == media_lines(final)[
        : len(live_entries)
    ]
    assert LivePlaylist.objects(video_id=video_id).count() == 0
    kinds = [n["kind"] for n in fan.get("/api/v1/notifications").json()["results"]]
    assert kinds == ["new_video"]


@pytest.mark.parametrize("fields", [{"visibility": "private"}, {"published": "false"}])
def test_a_private_or_unpublished_item_plays_while_processing_to_its_owner_only(
    auth_client, api_client, clip, monkeypatch, while_live, fields
):
    owner, stranger = auth_client(), auth_client()
    video_id = queued_upload(owner, clip, monkeypatch, **fields)

    def midway(video):
        item = owner.get(f"{VIDEOS}/{video_id}").json()
        unsigned = path_of(item["hls_url"]).split("?")[0]
        return {
            "owner": owner.get(unsigned).status_code,
            "owner_signed_to_anyone": api_client.get(path_of(item["hls_url"])).status_code,
            "stranger_item": stranger.get(f"{VIDEOS}/{video_id}").status_code,
            "stranger_unsigned": stranger.get(unsigned).status_code,
        }

    seen = while_live(midway)
    tasks.process_upload.delay(video_id, 1)
    assert seen == [
        {
            "owner": 200,
            "owner_signed_to_anyone": 200,
            "stranger_item": 404,
            "stranger_unsigned": 404,
        }
    ]


def test_an_item_that_fails_after_going_live_stops_playing_and_keeps_nothing(
    auth_client, api_client, clip, monkeypatch, while_live
):
    from videos import processing

    owner = auth_client()
    video_id = queued_upload(owner, clip, monkeypatch)

    def midway(video):
        item = owner.get(f"{VIDEOS}/{video_id}").json()
        return path_of(item["hls_url"])

    def broken_storage(store, name, path):
        raise OSError("storage went away")

    seen = while_live(midway)
    real_put = processing._put
    monkeypatch.setattr(
        processing,
        "_put",
        lambda store, name, path: (broken_storage if "/source" in name else real_put)(
            store, name, path
        ),
    )
    tasks.process_upload.delay(video_id, 1)
    item = owner.get(f"{VIDEOS}/{video_id}").json()
    assert item["status"] == "failed" and item["hls_url"] is None
    assert owner.get(seen[0]).status_code == 404
    assert LivePlaylist.objects(video_id=video_id).count() == 0
    assert Video.objects.get(id=video_id).live_hls_prefix == ""
