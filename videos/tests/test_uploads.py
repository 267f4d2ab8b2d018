"""Uploading, validating, editing, publishing, replacing and deleting items through the API."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from accounts.tests.helpers import image_upload
from common.tests.helpers import CountingStream
from videos.documents import Video
from videos.tests.helpers import VIDEOS, upload


def work_files() -> list[str]:
    root = Path(settings.MEDIA_WORK_DIR)
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


RUN_FOLDER = re.compile(r"^r(\d+)-[0-9a-f]{12}/")


def stored_media(video_id) -> list[str]:
    """An item's stored files, each run's "r<version>-<claim>/" folder shown as "r<version>/"."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "videos" / str(video_id)
    if not root.exists():
        return []
    names = (str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return sorted(RUN_FOLDER.sub(r"r\1/", name) for name in names)


def test_json_without_a_file_creates_a_private_draft(auth_client):
    client = auth_client()
    response = client.post(
        VIDEOS,
        {"title": "Plans", "description": "later", "tags": ["Travel", "travel", "2027"]},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["stream_url"], body["hls_url"]) == ("draft", None, None)
    assert body["tags"] == ["travel", "2027"]
    assert auth_client().get(f"{VIDEOS}/{body['id']}").status_code == 404
    assert client.get(f"{VIDEOS}/{body['id']}").status_code == 200


def test_creating_needs_sign_in_and_a_title(api_client, auth_client):
    assert api_client.post(VIDEOS, {"title": "x"}, format="json").status_code == 401
    response = auth_client().post(VIDEOS, {"description": "no title"}, format="json")
    assert response.status_code == 400 and "title" in response.json()["error"]["fields"]


@pytest.mark.slow
def test_upload_is_processed_into_a_ready_hls_item(auth_client, clip, api_client):
    client = auth_client()
    response = upload(client, clip, title="Test pattern", tags="demo, test")
    assert response.status_code == 202
    accepted = response.json()
    assert accepted["status"] == "uploaded" and accepted["kind"] == "video"
    body = client.get(f"{VIDEOS}/{accepted['id']}").json()
    assert body["status"] == "ready" and body["progress"] == 100.0
    assert body["duration"] == pytest.approx(2.0, abs=0.2)
    assert [r["name"] for r in body["renditions"]] == ["240p"]
    assert body["thumbnail_url"].endswith(".jpg")
    assert body["hls_url"].endswith("/hls/master.m3u8")
    assert body["published_at"] is not None
    files = stored_media(accepted["id"])
    assert "r1/source.mp4" in files and "r1/hls/master.m3u8" in files
    assert any(f.startswith("r1/hls/240p/seg_") for f in files)
    assert work_files() == []
    assert [item["id"] for item in api_client.get(VIDEOS).json()["results"]] == [accepted["id"]]


@pytest.mark.slow
def test_audio_track_gets_aac_renditions_and_a_waveform(auth_client, track):
    client = auth_client()
    response = upload(client, track, title="Tone", genre="ambient")
    assert response.status_code == 202
    body = client.get(f"{VIDEOS}/{response.json()['id']}").json()
    assert (body["kind"], body["status"], body["genre"]) == ("audio", "ready", "ambient")
    assert [r["name"] for r in body["renditions"]] == ["aac_128k", "aac_64k"]
    assert body["thumbnail_url"].endswith(".png")


def test_a_renamed_text_file_is_refused_and_nothing_is_kept(auth_client, tmp_path):
    fake = tmp_path / "movie.mp4"
    fake.write_text("definitely not a video\n" * 100)
    response = upload(auth_client(), fake)
    assert response.status_code == 400
    assert "not playable media" in response.json()["error"]["fields"]["file"][0]
    assert Video.objects.count() == 0
    assert work_files() == []


def test_an_unsupported_extension_is_refused(auth_client, clip, tmp_path):
    renamed = tmp_path / "clip.exe"
    renamed.write_bytes(clip.read_bytes())
    response = upload(auth_client(), renamed)
    assert response.status_code == 400
    assert "Unsupported file type" in response.json()["error"]["fields"]["file"][0]


def test_audio_only_file_cannot_be_a_video(auth_client, track):
    response = upload(auth_client(), track, kind="video")
    assert response.status_code == 400
    assert "kind=audio" in response.json()["error"]["fields"]["file"][0]
    assert Video.objects.count() == 0


def test_oversize_upload_is_413_and_nothing_is_kept(auth_client, clip, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 10_000
    response = upload(auth_client(), clip)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert Video.objects.count() == 0
    assert work_files() == []


# An absolute path, bare or as a file: URL, anywhere in a message.
SERVER_PATH = re.compile(r"(?:file:|(?<![\w.~-]))/[\w.~-]+/")


@pytest.fixture
def upload_temp_dir(settings, tmp_path) -> Path:
    """A fresh directory for Django's temporary upload files."""
    folder = tmp_path / "upload-temp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def test_an_upload_refused_midway_leaves_no_temporary_file(
    auth_client, settings, tmp_path, upload_temp_dir
):
    settings.MEDIA_MAX_UPLOAD_BYTES = 256 * 1024
    oversize = tmp_path / "oversize.mp4"
    oversize.write_bytes(os.urandom(512 * 1024))
    poster = image_upload("poster.png", size=(320, 180))
    response = upload(auth_client(), oversize, thumbnail=poster)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert list(upload_temp_dir.iterdir()) == []
    assert Video.objects.count() == 0


def test_a_refused_upload_names_no_server_path(auth_client, tmp_path, upload_temp_dir):
    fake = tmp_path / "movie.mp4"
    fake.write_text("definitely not a video\n" * 100)
    response = upload(auth_client(), fake)
    assert response.status_code == 400
    error = response.json()["error"]
    assert "not playable media" in error["message"]
    for text in (error["message"], *error["fields"]["file"]):
        assert str(tmp_path) not in text and not SERVER_PATH.search(text), text
    assert list(upload_temp_dir.iterdir()) == []


def test_a_thumbnail_is_capped_at_the_image_limit_not_the_media_one(auth_client, settings):
    client = auth_client()
    draft = client.post(VIDEOS, {"title": "Plans"}, format="json").json()
    body = encode_multipart(BOUNDARY, {"thumbnail": image_upload("t.png", size=(320, 180))})
    stream = CountingStream(body)
    declared = settings.IMAGE_MAX_BYTES + settings.REQUEST_BODY_MAX_BYTES + 1
    response = client.generic(
        "PUT",
        f"{VIDEOS}/{draft['id']}/thumbnail",
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert stream.bytes_read == 0


def test_uploads_without_ffmpeg_answer_503_in_the_error_shape(auth_client, clip, monkeypatch):
    from videos import media_tools

    monkeypatch.setattr(media_tools, "FFPROBE", "ffprobe-that-is-not-installed")
    response = upload(auth_client(), clip)
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "service_unavailable"
    assert body["request_id"] == response["X-Request-ID"]
    assert Video.objects.count() == 0
    assert work_files() == []


def test_too_long_media_is_refused(auth_client, clip, settings):
    settings.MEDIA_MAX_DURATION_SECONDS = 1
    response = upload(auth_client(), clip)
    assert response.status_code == 400
    assert "longer than" in response.json()["error"]["fields"]["file"][0]


def test_patch_changes_metadata_and_refuses_unknown_fields(auth_client):
    client = auth_client()
    video_id = client.post(VIDEOS, {"title": "Draft"}, format="json").json()["id"]
    response = client.patch(
        f"{VIDEOS}/{video_id}",
        {"title": "Renamed", "visibility": "unlisted", "tags": ["a", "b"]},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["visibility"]) == ("Renamed", "unlisted")
    bad = client.patch(f"{VIDEOS}/{video_id}", {"title": "X", "views": 10**6}, format="json")
    assert bad.status_code == 400 and "views" in bad.json()["error"]["fields"]
    wrong = client.patch(f"{VIDEOS}/{video_id}", {"visibility": "everyone"}, format="json")
    assert wrong.status_code == 400
    assert Video.objects.get(id=video_id).title == "Renamed"


@pytest.mark.parametrize(
    "tags",
    [{"a": 1}, [1, 2], [["x"]], "a,b", [{"a": 1}], ["ok", None], 7],
    ids=["object", "numbers", "nested", "string", "object-item", "null-item", "number"],
)
def test_tags_must_be_a_list_of_strings(auth_client, tags):
    client = auth_client()
    created = client.post(VIDEOS, {"title": "Tagged", "tags": tags}, format="json")
    assert created.status_code == 400
    error = created.json()["error"]
    assert error["code"] == "validation_error" and list(error["fields"]) == ["tags"]
    assert Video.objects.count() == 0
    draft = client.post(VIDEOS, {"title": "Draft", "tags": ["kept"]}, format="json").json()
    patched = client.patch(f"{VIDEOS}/{draft['id']}", {"tags": tags}, format="json")
    assert patched.status_code == 400
    assert list(patched.json()["error"]["fields"]) == ["tags"]
    assert Video.objects.get(id=draft["id"]).tags == ["kept"]


def test_tags_keep_their_limits_and_forms_may_repeat_or_comma_separate_them(auth_client):
    client = auth_client()
    form = {"title": "Form", "tags": ["Music", "live, Tour", "music"]}
    body = client.post(VIDEOS, form, format="multipart").json()
    assert body["tags"] == ["music", "live", "tour"]
    patched = client.patch(f"{VIDEOS}/{body['id']}", {"tags": [" a, b,A"]}, format="json")
    assert patched.json()["tags"] == ["a", "b"]
    too_many = [f"t{n}" for n in range(16)]
    for tags in (too_many, ["x" * 31]):
        refused = client.patch(f"{VIDEOS}/{body['id']}", {"tags": tags}, format="json")
        assert refused.status_code == 400 and "tags" in refused.json()["error"]["fields"]
    assert Video.objects.get(id=body["id"]).tags == ["a", "b"]


def test_only_the_owner_edits_a_public_item(auth_client, make_user):
    from videos.tests.helpers import ready_video

    video = ready_video(make_user())
    stranger = auth_client()
    assert (
        stranger.patch(f"{VIDEOS}/{video.id}", {"title": "mine"}, format="json").status_code == 403
    )
    assert stranger.delete(f"{VIDEOS}/{video.id}").status_code == 403
    assert Video.objects.get(id=video.id).title == "Ready item"


@pytest.mark.slow
def test_publishing_while_processing_waits_for_ready(auth_client, clip, api_client, monkeypatch):
    from videos import tasks

    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    video_id = upload(client, clip, published="false").json()["id"]
    patched = client.patch(f"{VIDEOS}/{video_id}", {"published": True}, format="json").json()
    assert (patched["published"], patched["status"], patched["published_at"]) == (
        True,
        "uploaded",
        None,
    )
    assert api_client.get(f"{VIDEOS}/{video_id}").status_code == 404
    monkeypatch.undo()
    video = Video.objects.get(id=video_id)
    tasks.process_upload.delay(str(video.id), video.version)
    assert api_client.get(f"{VIDEOS}/{video_id}").json()["published_at"] is not None


@pytest.mark.slow
def test_custom_thumbnail_survives_processing_and_is_replaced_cleanly(auth_client, clip):
    client = auth_client()
    response = upload(client, clip, thumbnail=image_upload("t.png", size=(320, 180)))
    body = client.get(f"{VIDEOS}/{response.json()['id']}").json()
    assert body["thumbnail_url"].endswith(".png")
    first = Path(settings.MEDIA_ROOT) / body["thumbnail_url"].split("/media/")[1]
    assert first.exists()
    replaced = client.put(
        f"{VIDEOS}/{body['id']}/thumbnail",
        {"thumbnail": image_upload("u.jpg", fmt="JPEG")},
        format="multipart",
    )
    assert replaced.status_code == 200 and replaced.json()["thumbnail_url"].endswith(".jpg")
    assert not first.exists()
    fake = client.put(
        f"{VIDEOS}/{body['id']}/thumbnail",
        {"thumbnail": image_upload("v.bmp", fmt="BMP")},
        format="multipart",
    )
    assert fake.status_code == 400


def thumbnails_of(video_id) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "thumbnails" / str(video_id)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("with_file", [True, False], ids=["upload", "draft"])
def test_a_bad_thumbnail_refuses_the_whole_create_and_keeps_nothing(auth_client, clip, with_file):
    client = auth_client()
    fields = {"title": "With poster", "thumbnail": image_upload("t.bmp", fmt="BMP")}
    if with_file:
        response = upload(client, clip, **fields)
    else:
        response = client.post(VIDEOS, fields, format="multipart")
    assert response.status_code == 400
    assert "thumbnail" in response.json()["error"]["fields"]
    assert Video.objects.count() == 0
    assert work_files() == []
    assert not (Path(settings.MEDIA_ROOT) / "thumbnails").exists()


@pytest.mark.slow
def test_a_thumbnail_set_while_processing_wins_over_the_generated_one(
    auth_client, clip, monkeypatch
):
    from videos import processing, tasks

    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    video_id = upload(client, clip).json()["id"]
    monkeypatch.undo()
    transcode = processing.transcode_to_hls

    def owner_sets_a_thumbnail_meanwhile(**kwargs):
        poster = {"thumbnail": image_upload("p.png", size=(320, 180))}
        put = client.put(f"{VIDEOS}/{video_id}/thumbnail", poster, format="multipart")
        assert put.status_code == 200
        return transcode(**kwargs)

    monkeypatch.setattr(processing, "transcode_to_hls", owner_sets_a_thumbnail_meanwhile)
    video = Video.objects.get(id=video_id)
    tasks.process_upload.delay(str(video.id), video.version)
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert body["status"] == "ready" and body["thumbnail_url"].endswith(".png")
    # The generated one is gone; the candidate frames stay on offer.
    pictures = [body["thumbnail_url"], *(c["url"] for c in body["thumbnail_candidates"])]
    assert len(pictures) == 4
    assert thumbnails_of(video_id) == sorted(url.rsplit("/", 1)[1] for url in pictures)


@pytest.mark.slow
def test_reupload_replaces_media_and_removes_old_files(auth_client, clip, media_dir):
    from videos.samples import make_clip

    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    old = stored_media(video_id)
    bigger = make_clip(media_dir, name="bigger.mov", size="640x360", seconds=1)
    with open(bigger, "rb") as handle:
        response = client.put(f"{VIDEOS}/{video_id}/file", {"file": handle}, format="multipart")
    assert response.status_code == 202
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert body["status"] == "ready" and body["height"] == 360
    assert [r["name"] for r in body["renditions"]] == ["360p", "240p"]
    now = stored_media(video_id)
    assert all(name.startswith("r2/") for name in now)
    assert "r2/source.mov" in now and not set(old) & set(now)


@pytest.mark.slow
def test_delete_removes_the_item_and_every_file(auth_client, clip):
    client = auth_client()
    body = upload(client, clip).json()
    video_id = body["id"]
    thumb = (
        Path(settings.MEDIA_ROOT)
        / client.get(f"{VIDEOS}/{video_id}").json()["thumbnail_url"].split("/media/")[1]
    )
    client.post(f"{VIDEOS}/{video_id}/views", {"position": 1.5}, format="json")
    assert client.delete(f"{VIDEOS}/{video_id}").status_code == 204
    assert client.get(f"{VIDEOS}/{video_id}").status_code == 404
    assert stored_media(video_id) == []
    assert not thumb.exists()
    # The candidate frames go with it.
    assert list((Path(settings.MEDIA_ROOT) / "thumbnails" / video_id).iterdir()) == []
    assert client.get("/api/v1/users/me/history").json()["results"] == []
    assert not any(Path(storages["media"].path(f"videos/{video_id}")).rglob("source.*"))


def stashed_uploads(video_id) -> list[str]:
    """An item's uploads waiting for processing, as "<version>/<file>"."""
    root = Path(settings.MEDIA_WORK_DIR) / "incoming" / str(video_id)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
def test_replacing_a_queued_upload_keeps_only_the_newest_and_its_run_wins(
    auth_client, clip, media_dir, monkeypatch
):
    from videos import tasks
    from videos.samples import make_clip

    queued = []
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: queued.append(args))
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    assert stashed_uploads(video_id) == ["1/source.mp4"]
    replacement = make_clip(media_dir, name="replacement.mov", size="640x360", seconds=1)
    with open(replacement, "rb") as handle:
        response = client.put(f"{VIDEOS}/{video_id}/file", {"file": handle}, format="multipart")
    assert response.status_code == 202
    assert stashed_uploads(video_id) == ["2/source.mov"]
    monkeypatch.undo()
    assert queued == [(video_id, 1), (video_id, 2)]
    tasks.process_upload.delay(*queued[0])
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert (body["status"], body["failure_reason"]) == ("uploaded", "")
    assert stashed_uploads(video_id) == ["2/source.mov"] and stored_media(video_id) == []
    tasks.process_upload.delay(*queued[1])
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert (body["status"], body["height"], body["failure_reason"]) == ("ready", 360, "")
    assert "r2/source.mov" in stored_media(video_id)
    assert all(name.startswith("r2/") for name in stored_media(video_id))
    assert work_files() == []
