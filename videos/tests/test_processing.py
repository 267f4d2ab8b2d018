"""Processing failures, retries, idempotency and the stale-job sweeper."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from videos import processing, tasks
from videos.documents import Video
from videos.media_tools import TranscodeError
from videos.tests.helpers import VIDEOS, upload

pytestmark = pytest.mark.slow


def stored_files() -> list[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return (
        sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


def leftover_work() -> list[str]:
    root = Path(settings.MEDIA_WORK_DIR)
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_ffmpeg_failure_retries_then_fails_with_reason_and_leaves_nothing(
    auth_client, clip, monkeypatch
):
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise TranscodeError("ffmpeg exited with 1: Conversion failed!")

    monkeypatch.setattr(processing, "transcode_to_hls", broken)
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert body["status"] == "failed"
    assert "Conversion failed" in body["failure_reason"]
    assert len(calls) == settings.PROCESSING_MAX_ATTEMPTS
    assert stored_files() == [] and leftover_work() == []
    assert Video.objects.get(id=video_id).processing_attempts == settings.PROCESSING_MAX_ATTEMPTS


def test_crash_while_storing_outputs_discards_what_was_stored(auth_client, clip, monkeypatch):
    real_put = processing._put
    stored = {"n": 0}

    def flaky(storage, name, path):
        if stored["n"] >= 3:
            raise OSError("disk full")
        stored["n"] += 1
        return real_put(storage, name, path)

    monkeypatch.setattr(processing, "_put", flaky)
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    assert client.get(f"{VIDEOS}/{video_id}").json()["status"] == "failed"
    assert stored_files() == [] and leftover_work() == []


def test_running_the_task_again_keeps_one_set_of_outputs(auth_client, clip):
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    video = Video.objects.get(id=video_id)
    first = stored_files()
    Video.objects(id=video.id).update_one(set__status="processing")
    Path(settings.MEDIA_WORK_DIR, "incoming", video_id, "1").mkdir(parents=True, exist_ok=True)
    tasks.process_upload.delay(video_id, 1)
    assert stored_files() == first
    tasks.process_upload.delay(video_id, 1)
    assert stored_files() == first
    assert client.get(f"{VIDEOS}/{video_id}").json()["status"] in ("ready", "failed")


def test_a_ready_item_is_not_processed_again(auth_client, clip, monkeypatch):
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    before = Video.objects.get(id=video_id)
    monkeypatch.setattr(processing, "transcode_to_hls", lambda **kw: pytest.fail("re-encoded"))
    tasks.process_upload.delay(video_id, before.version)
    after = Video.objects.get(id=video_id)
    assert (after.status, after.files) == ("ready", before.files)


def test_a_superseded_upload_is_skipped(auth_client, clip, monkeypatch):
    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    video_id = upload(client, clip).json()["id"]
    Video.objects(id=video_id).update_one(set__version=2)
    monkeypatch.undo()
    tasks.process_upload.delay(video_id, 1)
    assert Video.objects.get(id=video_id).status == "uploaded"
    assert stored_files() == []


def test_sweeper_requeues_a_stalled_job_and_fails_it_when_out_of_attempts(
    auth_client, clip, monkeypatch
):
    client = auth_client()
    queued = []
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: queued.append(args))
    video_id = upload(client, clip).json()["id"]
    stale = timezone.now() - timedelta(seconds=settings.PROCESSING_STALE_SECONDS + 5)
    Video.objects(id=video_id).update_one(
        set__status="processing", set__heartbeat_at=stale, set__processing_attempts=1
    )
    assert tasks.sweep_stale_processing.delay().get() == 1
    assert queued[-1] == (video_id, 1)
    assert Video.objects.get(id=video_id).status == "uploaded"
    assert tasks.sweep_stale_processing.delay().get() == 0
    Video.objects(id=video_id).update_one(
        set__status="processing",
        set__heartbeat_at=stale,
        set__processing_attempts=settings.PROCESSING_MAX_ATTEMPTS,
    )
    tasks.sweep_stale_processing.delay()
    failed = Video.objects.get(id=video_id)
    assert (failed.status, failed.failure_reason) == ("failed", "Processing stalled.")
    assert leftover_work() == []
