"""Captions in HLS, on processed items: SUBTITLES renditions in the master playlist, WebVTT
media playlists on the item's segment grid, segments pinned to the stream's first timestamp,
and signatures passed on for items that are not public."""

import json
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import storages

from common.storage import MEDIA
from videos.documents import Video
from videos.media_tools import FFPROBE
from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, path_of, upload
from videos.tests.test_captions import put_captions

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CAPTIONS = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nFirst\n\n"
    "00:00:05.000 --> 00:00:07.000\nAcross a segment boundary\n\n"
    "00:00:13.000 --> 00:00:14.000\nLast\n"
)


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory):
    """A 14 s clip: three 6 s segments, the last one short."""
    return make_clip(tmp_path_factory.mktemp("subtitle-clips"), name="long.mp4", seconds=14)


def processed(client, clip, **fields) -> dict:
    video_id = upload(client, clip, **fields).json()["id"]
    item = client.get(f"{VIDEOS}/{video_id}").json()
    assert item["status"] == "ready", item
    return item


def text_of(client, url: str) -> str:
    response = client.get(path_of(url))
    assert response.status_code == 200, (url, response.content)
    return response.content.decode()


def first_pts(video: Video) -> int:
    """The first timestamp of the main variant's first segment, as ffprobe reads the file."""
    master = storages[MEDIA].open(video.hls_prefix + "master.m3u8").read().decode()
    variant = next(line for line in master.splitlines() if line and not line.startswith("#"))
    segment = video.hls_prefix + variant.rsplit("/", 1)[0] + "/seg_000.ts"
    command = [FFPROBE, "-v", "error", "-show_entries", "stream=start_pts", "-of", "json"]
    probe = subprocess.run(
        [*command, storages[MEDIA].path(segment)], capture_output=True, check=True
    )
    return min(stream["start_pts"] for stream in json.loads(probe.stdout)["streams"])


def test_captions_are_subtitles_renditions_of_the_master_playlist(
    auth_client, api_client, long_clip
):
    owner = auth_client()
    item = processed(owner, long_clip)
    bare = text_of(api_client, item["hls_url"])
    assert "SUBTITLES" not in bare

    put_captions(owner, Video.objects.get(id=item["id"]), "pt-BR", CAPTIONS, label="Português")
    put_captions(owner, Video.objects.get(id=item["id"]), "en", CAPTIONS, label="English")
    master = text_of(api_client, item["hls_url"])
    renditions = [line for line in master.splitlines() if "TYPE=SUBTITLES" in line]
    assert renditions == [
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",'
        'DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subtitles/en/index.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Português",LANGUAGE="pt-BR",'
        'DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="subtitles/pt-BR/index.m3u8"',
    ]
    variants = [line for line in master.splitlines() if line.startswith("#EXT-X-STREAM-INF")]
    assert variants and all(line.endswith(',SUBTITLES="subs"') for line in variants)
    assert master.index("TYPE=SUBTITLES") < master.index("#EXT-X-STREAM-INF")
    # Everything ffmpeg wrote is still there, in its order.
    assert [line for line in master.splitlines() if line not in renditions] == [
        line + ',SUBTITLES="subs"' if line.startswith("#EXT-X-STREAM-INF") else line
        for line in bare.splitlines()
    ]


def test_subtitle_segments_follow_the_items_grid_and_its_first_timestamp(
    auth_client, api_client, long_clip
):
    owner = auth_client()
    item = processed(owner, long_clip)
    video = Video.objects.get(id=item["id"])
    put_captions(owner, video, "en", CAPTIONS)
    base = item["hls_url"].rsplit("/", 1)[0] + "/subtitles/en/"
    playlist = text_of(api_client, base + "index.m3u8")
    assert re.findall(r"#EXTINF:([0-9.]+),\n(seg_\d+\.vtt)", playlist) == [
        ("6.000", "seg_0.vtt"),
        ("6.000", "seg_1.vtt"),
        (f"{video.duration - 12:.3f}", "seg_2.vtt"),
    ]
    assert "#EXT-X-TARGETDURATION:6" in playlist and playlist.endswith("#EXT-X-ENDLIST\n")

    pts = first_pts(video)
    assert pts > 0, "ffmpeg's MPEG-TS muxer starts past 0"
    header = f"WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:{pts},LOCAL:00:00:00.000\n\n"
    segments = [text_of(api_client, f"{base}seg_{n}.vtt") for n in range(3)]
    assert segments[0] == (
        header + "1\n00:00:01.000 --> 00:00:03.000\nFirst\n\n"
        "2\n00:00:05.000 --> 00:00:07.000\nAcross a segment boundary\n"
    )
    assert segments[1] == header + "2\n00:00:05.000 --> 00:00:07.000\nAcross a segment boundary\n"
    assert segments[2] == header + "3\n00:00:13.000 --> 00:00:14.000\nLast\n"
    response = api_client.get(path_of(f"{base}seg_0.vtt"))
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert api_client.get(path_of(f"{base}seg_3.vtt")).status_code == 404
    assert api_client.get(path_of(base.replace("/en/", "/fr/") + "index.m3u8")).status_code == 404


def test_subtitles_of_a_private_item_carry_its_signature(auth_client, api_client, long_clip):
    owner = auth_client()
    item = processed(owner, long_clip, visibility="private")
    put_captions(owner, Video.objects.get(id=item["id"]), "en", CAPTIONS)
    master = text_of(api_client, item["hls_url"])
    (uri,) = re.findall(r'TYPE=SUBTITLES.*URI="([^"]+)"', master)
    assert set(parse_qs(urlsplit(uri).query)) == {"exp", "sig"}
    base = item["hls_url"].split("?")[0].rsplit("/", 1)[0] + "/"
    playlist = text_of(api_client, base + uri)
    segments = [line for line in playlist.splitlines() if line.startswith("seg_")]
    assert segments and all("sig=" in line for line in segments)
    assert "First" in text_of(api_client, base + "subtitles/en/" + segments[0])
    unsigned = path_of(base + "subtitles/en/" + segments[0]).split("?")[0]
    assert api_client.get(unsigned).status_code == 404
