"""Storyboards through the API: the track and the sprite sheet it points into, served and
signed like the renditions, one frame per interval of the item."""

import io
import re

import pytest
from PIL import Image

from videos.samples import make_clip
from videos.tests.helpers import VIDEOS, path_of, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CUE = re.compile(
    r"^(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})\n"
    r"(sprite\.jpg(?:\?[^#\s]*)?)#xywh=(\d+),(\d+),(\d+),(\d+)$",
    re.MULTILINE,
)


def seconds(hours: str, minutes: str, rest: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def cues(track: str) -> list[dict]:
    return [
        {
            "start": seconds(*match.group(1, 2, 3)),
            "end": seconds(*match.group(4, 5, 6)),
            "image": match.group(7),
            "box": tuple(int(v) for v in match.group(8, 9, 10, 11)),
        }
        for match in CUE.finditer(track)
    ]


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture(scope="module")
def seven_seconds(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("storyboard"), seconds=7, size="640x360")


def test_a_video_gets_a_storyboard_track_pointing_into_one_sprite_sheet(
    auth_client, api_client, seven_seconds
):
    client = auth_client()
    item = client.get(f"{VIDEOS}/{upload(client, seven_seconds).json()['id']}").json()
    assert item["status"] == "ready"
    assert item["storyboard_url"].endswith(f"/videos/{item['id']}/storyboard/thumbnails.vtt")

    track = api_client.get(path_of(item["storyboard_url"]))
    assert track.status_code == 200 and track["Content-Type"].startswith("text/vtt")
    text = track.content.decode()
    assert text.startswith("WEBVTT\n")
    found = cues(text)
    # One frame every 2 s (the shortest interval) over 7 s: 0, 2, 4, 6; the last cue ends with it.
    assert [(c["start"], c["end"]) for c in found] == [(0, 2), (2, 4), (4, 6), (6, 7.0)]
    assert [c["box"] for c in found] == [(x, 0, 160, 90) for x in (0, 160, 320, 480)]

    sprite = api_client.get(path_of(item["storyboard_url"]).replace("thumbnails.vtt", "sprite.jpg"))
    assert sprite.status_code == 200 and sprite["Content-Type"] == "image/jpeg"
    picture = Image.open(io.BytesIO(body_of(sprite)))
    assert (picture.format, picture.size) == ("JPEG", (640, 90))
    # Each tile holds a frame of the test pattern, not the black the sheet starts as.
    for x in (0, 160, 320, 480):
        tile = picture.crop((x, 0, x + 160, 90)).convert("L")
        assert max(tile.getdata()) > 100


def test_a_private_storyboard_is_signed_and_its_track_passes_the_signature_on(
    auth_client, api_client, clip
):
    owner = auth_client()
    video_id = upload(owner, clip, visibility="private").json()["id"]
    item = owner.get(f"{VIDEOS}/{video_id}").json()
    url = path_of(item["storyboard_url"])
    assert "sig=" in url
    unsigned = url.split("?")[0]
    assert api_client.get(unsigned).status_code == 404
    assert api_client.get(unsigned.replace("thumbnails.vtt", "sprite.jpg")).status_code == 404
    assert owner.get(unsigned).status_code == 200

    found = cues(api_client.get(url).content.decode())
    query = url.split("?")[1]
    assert found and all(c["image"] == f"sprite.jpg?{query}" for c in found)
    sprite = unsigned.replace("thumbnails.vtt", found[0]["image"])
    assert api_client.get(sprite).status_code == 200


def test_audio_items_have_no_storyboard(auth_client, track):
    client = auth_client()
    item = client.get(f"{VIDEOS}/{upload(client, track).json()['id']}").json()
    assert item["status"] == "ready" and item["storyboard_url"] is None
    storyboard = f"{VIDEOS}/{item['id']}/storyboard/thumbnails.vtt"
    assert client.get(storyboard).status_code == 404


def test_storyboard_of_an_item_still_processing_is_404(auth_client, clip, monkeypatch):
    from videos import tasks

    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    item = upload(client, clip).json()
    assert item["storyboard_url"] is None
    assert client.get(f"{VIDEOS}/{item['id']}/storyboard/thumbnails.vtt").status_code == 404
