"""The last byte of a tus upload attaches the file to its item exactly as PUT /videos/{id}/file
does: ffprobe's verdict, the item's kind, then processing to ready (real ffmpeg)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from uploads.documents import Upload
from uploads.tests.helpers import TUS, create, draft, offset_of, patch, path_of, upload_files
from videos.tests.helpers import VIDEOS
from videos.tests.helpers import path_of as media_path

pytestmark = pytest.mark.slow


def send_in_chunks(client, url: str, data: bytes, *, chunks: int) -> list:
    size = -(-len(data) // chunks)
    return [
        patch(client, url, data[start : start + size], offset=start, checksum=True)
        for start in range(0, len(data), size)
    ]


def test_the_last_byte_attaches_the_file_which_is_processed_to_ready(auth_client, clip):
    owner = auth_client()
    video_id = draft(owner, visibility="unlisted")
    data = clip.read_bytes()
    created = create(owner, video_id=video_id, length=len(data), filename=clip.name)
    url = path_of(created)
    answers = send_in_chunks(owner, url, data, chunks=3)
    assert [answer.status_code for answer in answers] == [204, 204, 204]
    assert answers[-1]["Upload-Offset"] == str(len(data))

    item = owner.get(f"{VIDEOS}/{video_id}").json()
    assert item["status"] == "ready" and item["duration"] == pytest.approx(2, abs=0.2)
    assert owner.get(media_path(item["stream_url"])).getvalue() == data
    # The upload stays known as whole until it expires; its bytes moved to the item.
    assert offset_of(owner, url) == len(data)
    assert upload_files() == [] and Upload.objects.get().completed_at is not None
    assert patch(owner, url, b"", offset=len(data)).status_code == 204
    assert patch(owner, url, b"more", offset=len(data)).status_code == 409


def test_creation_with_upload_takes_a_whole_file_in_one_request(auth_client, clip):
    owner = auth_client()
    video_id = draft(owner)
    data = clip.read_bytes()
    created = create(owner, video_id=video_id, length=len(data), body=data)
    assert created.status_code == 201, created.content
    assert created["Upload-Offset"] == str(len(data))
    assert owner.get(f"{VIDEOS}/{video_id}").json()["status"] == "ready"


def test_a_file_that_is_no_media_is_refused_at_its_last_byte_and_nothing_stays(auth_client):
    owner = auth_client()
    video_id = draft(owner)
    fake = os.urandom(300_000)
    url = path_of(create(owner, video_id=video_id, length=len(fake), filename="fake.mp4"))
    first, last = send_in_chunks(owner, url, fake, chunks=2)
    assert first.status_code == 204
    assert last.status_code == 400, last.content
    error = last.json()["error"]
    assert (
        error["code"] == "validation_error" and "not playable media" in error["fields"]["file"][0]
    )
    assert owner.head(url, **TUS).status_code == 404
    assert Upload.objects.count() == 0 and upload_files() == []
    assert owner.get(f"{VIDEOS}/{video_id}").json()["status"] == "draft"
    assert not list(Path(settings.MEDIA_WORK_DIR).rglob("source.*"))


def test_an_audio_file_for_a_video_item_is_refused_like_put_file(auth_client, track):
    owner = auth_client()
    video_id = draft(owner)
    data = track.read_bytes()
    url = path_of(create(owner, video_id=video_id, length=len(data), filename=track.name))
    answer = patch(owner, url, data, offset=0)
    assert answer.status_code == 400
    assert "no video stream" in answer.json()["error"]["fields"]["file"][0]
    assert owner.get(f"{VIDEOS}/{video_id}").json()["status"] == "draft"


def test_an_audio_draft_takes_an_audio_file(auth_client, track):
    owner = auth_client()
    video_id = draft(owner, kind="audio")
    data = track.read_bytes()
    url = path_of(create(owner, video_id=video_id, length=len(data), filename=track.name))
    assert patch(owner, url, data, offset=0).status_code == 204
    assert owner.get(f"{VIDEOS}/{video_id}").json()["status"] == "ready"
