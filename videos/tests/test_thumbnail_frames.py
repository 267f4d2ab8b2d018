"""Chosen thumbnails through the API: the candidates processing offers, and a frame chosen by
its time (a candidate's own picture, or any moment of the item); bad times change nothing."""

import io
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageStat

from accounts.tests.helpers import image_upload
from videos.documents import Video
from videos.media_tools import FFMPEG
from videos.tests.helpers import VIDEOS, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def stored_picture(url: str) -> Path:
    return Path(settings.MEDIA_ROOT) / url.split("/media/", 1)[1]


def public_files(video_id: str) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "thumbnails" / video_id
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def colour_of(path: Path) -> tuple[float, ...]:
    return tuple(ImageStat.Stat(Image.open(path).convert("RGB")).mean)


@pytest.fixture(scope="module")
def colours(tmp_path_factory):
    """4 s whose picture changes colour every second: red, green, blue, white (lavfi's
    testsrc is too alike from frame to frame to tell moments apart)."""
    path = tmp_path_factory.mktemp("frames") / "colours.mp4"
    parts = [f"color=c={c}:size=320x180:rate=25:duration=1" for c in ("red", "green", "blue")]
    parts.append("color=c=white:size=320x180:rate=25:duration=1")
    graph = ";".join(f"{p}[c{i}]" for i, p in enumerate(parts)) + ";"
    graph += "".join(f"[c{i}]" for i in range(4)) + "concat=n=4:v=1:a=0[out]"
    encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(
        [FFMPEG, "-v", "error", "-y", "-filter_complex", graph, "-map", "[out]", *encode],
        check=True,
    )
    return path


def dominant(path: Path) -> str:
    red, green, blue = colour_of(path)
    if min(red, green, blue) > 200:
        return "white"
    return max((red, "red"), (green, "green"), (blue, "blue"))[1]


def test_processing_offers_three_candidates_and_one_of_them_is_the_thumbnail(auth_client, colours):
    client = auth_client()
    item = client.get(f"{VIDEOS}/{upload(client, colours).json()['id']}").json()
    candidates = item["thumbnail_candidates"]
    assert [c["at"] for c in candidates] == [1.0, 2.0, 3.0]
    assert [dominant(stored_picture(c["url"])) for c in candidates] == ["green", "blue", "white"]
    assert stored_picture(item["thumbnail_url"]).read_bytes() == (
        stored_picture(candidates[0]["url"]).read_bytes()
    )
    assert Image.open(stored_picture(candidates[0]["url"])).size == (320, 180)


def test_choosing_a_candidate_uses_its_picture_and_any_other_time_takes_that_frame(
    auth_client, colours, settings
):
    # One-second segments: each moment below is read from a segment of its own.
    settings.HLS_SEGMENT_SECONDS = 1
    client = auth_client()
    video_id = upload(client, colours).json()["id"]
    item = client.get(f"{VIDEOS}/{video_id}").json()
    first_thumbnail = stored_picture(item["thumbnail_url"])
    third = item["thumbnail_candidates"][2]

    chosen = client.put(f"{VIDEOS}/{video_id}/thumbnail", {"at": third["at"]}, format="json")
    assert chosen.status_code == 200, chosen.json()
    thumbnail = stored_picture(chosen.json()["thumbnail_url"])
    assert thumbnail.read_bytes() == stored_picture(third["url"]).read_bytes()
    assert not first_thumbnail.exists()
    assert Video.objects.get(id=video_id).thumbnail_custom

    for at, colour in ((0.4, "red"), (1.5, "green"), (4.0, "white")):
        moment = client.put(f"{VIDEOS}/{video_id}/thumbnail", {"at": at}, format="json")
        assert moment.status_code == 200, moment.json()
        picture = stored_picture(moment.json()["thumbnail_url"])
        assert dominant(picture) == colour, (at, colour_of(picture))
        assert Image.open(picture).format == "JPEG"
    # The candidates stay on offer; only the latest thumbnail is kept beside them.
    kept = {stored_picture(c["url"]).name for c in moment.json()["thumbnail_candidates"]}
    assert set(public_files(video_id)) == kept | {picture.name}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"at": 4.5}, "at"),
        ({"at": -1}, "at"),
        ({"at": "2"}, "at"),
        ({"at": None}, "at"),
        ({"at": True}, "at"),
        ({}, "at"),
        ({"at": 1, "extra": 1}, "extra"),
        ({"thumbnail": "x.png"}, "thumbnail"),
    ],
)
def test_a_bad_time_is_a_400_that_stores_nothing(auth_client, colours, body, field):
    client = auth_client()
    video_id = upload(client, colours).json()["id"]
    before = Video.objects.get(id=video_id)
    files = public_files(video_id)
    response = client.put(f"{VIDEOS}/{video_id}/thumbnail", body, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "validation_error" and field in error["fields"]
    after = Video.objects.get(id=video_id)
    assert (after.thumbnail, after.thumbnail_custom) == (before.thumbnail, False)
    assert public_files(video_id) == files


def test_a_time_past_the_end_names_the_length(auth_client, clip):
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    response = client.put(f"{VIDEOS}/{video_id}/thumbnail", {"at": 60}, format="json")
    assert response.status_code == 400
    assert "long" in response.json()["error"]["fields"]["at"][0]


def test_frames_need_a_processed_video(auth_client, track, clip, monkeypatch):
    from videos import tasks

    client = auth_client()
    audio = upload(client, track).json()["id"]
    refused = client.put(f"{VIDEOS}/{audio}/thumbnail", {"at": 1}, format="json")
    assert refused.status_code == 400 and "at" in refused.json()["error"]["fields"]
    draft = client.post(VIDEOS, {"title": "Later"}, format="json").json()["id"]
    assert client.put(f"{VIDEOS}/{draft}/thumbnail", {"at": 0}, format="json").status_code == 409
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    queued = upload(client, clip).json()
    waiting = client.put(f"{VIDEOS}/{queued['id']}/thumbnail", {"at": 1}, format="json")
    assert waiting.status_code == 409 and waiting.json()["error"]["code"] == "conflict"


def test_only_the_owner_chooses_and_an_image_upload_still_works(auth_client, clip):
    owner, stranger = auth_client(), auth_client()
    video_id = upload(owner, clip).json()["id"]
    assert (
        stranger.put(f"{VIDEOS}/{video_id}/thumbnail", {"at": 1}, format="json").status_code == 403
    )
    poster = {"thumbnail": image_upload("p.png", size=(320, 180))}
    uploaded = owner.put(f"{VIDEOS}/{video_id}/thumbnail", poster, format="multipart")
    assert uploaded.status_code == 200 and uploaded.json()["thumbnail_url"].endswith(".png")
    assert Image.open(io.BytesIO(stored_picture(uploaded.json()["thumbnail_url"]).read_bytes()))
