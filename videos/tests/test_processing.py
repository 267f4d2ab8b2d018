"""Processing failures, retries, idempotency and the stale-job sweeper."""

from datetime import timedelta
from pathlib import Path

import pytest
from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from common.redis import get_redis
from videos import processing, tasks
from videos.documents import LivePlaylist, Video
from videos.media_tools import TranscodeError
from videos.tests.helpers import VIDEOS, path_of, upload

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


def assert_names_no_server_path(reason: str) -> None:
    for root in (settings.MEDIA_WORK_DIR, settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT):
        assert str(root) not in reason, reason
    assert "file:/" not in reason, reason


def test_a_failure_reason_names_no_server_path(auth_client, clip, monkeypatch):
    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    video_id = upload(client, clip).json()["id"]
    monkeypatch.undo()
    stashed = Path(Video.objects.get(id=video_id).upload_path)
    stashed.write_text("no longer a video\n" * 100)
    tasks.process_upload.delay(video_id, 1)
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert body["status"] == "failed" and "Invalid data" in body["failure_reason"]
    assert_names_no_server_path(body["failure_reason"])

    def full_disk(**kwargs):
        segment = Path(kwargs["out_dir"]) / "240p" / "seg_000.ts"
        raise TranscodeError(f"ffmpeg exited with status 1\n{segment}: No space left on device")

    monkeypatch.setattr(processing, "transcode_to_hls", full_disk)
    video_id = upload(client, clip).json()["id"]
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert body["status"] == "failed" and "No space left" in body["failure_reason"]
    assert_names_no_server_path(body["failure_reason"])


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
    assert LivePlaylist.objects(video_id=video_id).count() == 0


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


def referenced_files(video: Video) -> set[str]:
    return {*video.files, video.source}


def test_two_overlapping_runs_of_one_version_end_ready_with_every_file_and_no_orphans(
    auth_client, clip, monkeypatch
):
    """Run A loses its lock while storing outputs; the sweeper's run B completes; A resumes."""
    client = auth_client()
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: None)
    video_id = upload(client, clip).json()["id"]
    oid = Video.objects.get(id=video_id).id
    real_put = processing._put
    puts = {"a": 0}

    def put_with_takeover(store, name, path):
        if not name.startswith(f"videos/{video_id}/r1-{first_claim['token']}/"):
            return real_put(store, name, path)
        puts["a"] += 1
        if puts["a"] == 3:
            # A's lock expires unseen; another run takes the item and finishes it.
            get_redis().delete(f"processing:{video_id}:1")
            assert processing.run_processing(video_id=oid, version=1) is None
            assert Video.objects.get(id=video_id).status == "ready"
        return real_put(store, name, path)

    first_claim = {}
    real_acquire = processing._acquire

    def remember_first(video_id_, version):
        acquired = real_acquire(video_id_, version)
        if acquired and not first_claim:
            first_claim["token"] = acquired[0].token
        return acquired

    monkeypatch.setattr(processing, "_acquire", remember_first)
    monkeypatch.setattr(processing, "_put", put_with_takeover)
    assert processing.run_processing(video_id=oid, version=1) is None

    video = Video.objects.get(id=video_id)
    assert (video.status, video.processing_claim) == ("ready", "")
    # A stored outputs of its own before the takeover (it may store more after it, or notice the
    # loss at its next heartbeat and stop): either way none of them may stay behind.
    assert puts["a"] >= 3
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    on_disk = {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}
    assert on_disk == referenced_files(video)
    thumbnails = Path(settings.MEDIA_ROOT) / "thumbnails" / video_id
    pictures = {video.thumbnail, *(candidate.name for candidate in video.thumbnail_candidates)}
    assert {str(p.relative_to(settings.MEDIA_ROOT)) for p in thumbnails.iterdir()} == pictures
    assert len(pictures) == 4
    assert first_claim["token"] not in video.source
    assert leftover_work() == []
    assert get_redis().get(f"processing:{video_id}:1") is None
    body = client.get(f"{VIDEOS}/{video_id}").json()
    assert client.get(path_of(body["hls_url"])).status_code == 200


def test_a_run_never_releases_a_lock_another_run_holds():
    claim = processing.Claim(video_id=ObjectId(), version=1, token="aaaaaaaaaaaa")
    get_redis().set(claim.lock_key, "bbbbbbbbbbbb")
    assert claim.extend() is False
    claim.release()
    assert get_redis().get(claim.lock_key) == "bbbbbbbbbbbb"
    get_redis().set(claim.lock_key, claim.token)
    assert claim.extend() is True
    claim.release()
    assert get_redis().get(claim.lock_key) is None


def test_sweeper_requeues_never_add_attempts_beyond_the_limit(auth_client, clip, monkeypatch):
    client = auth_client()
    queued = []
    monkeypatch.setattr(tasks.process_upload, "delay", lambda *args: queued.append(args))
    video_id = upload(client, clip).json()["id"]
    stale = timezone.now() - timedelta(seconds=settings.PROCESSING_STALE_SECONDS + 5)
    Video.objects(id=video_id).update_one(
        set__status="processing",
        set__heartbeat_at=stale,
        set__processing_attempts=settings.PROCESSING_MAX_ATTEMPTS - 1,
    )
    assert tasks.sweep_stale_processing.delay().get() == 1
    monkeypatch.undo()
    runs = []

    def broken(**kwargs):
        runs.append(1)
        raise TranscodeError("ffmpeg exited with 1")

    monkeypatch.setattr(processing, "transcode_to_hls", broken)
    tasks.process_upload.delay(*queued[-1])
    failed = Video.objects.get(id=video_id)
    assert (failed.status, len(runs)) == ("failed", 1)
    assert failed.processing_attempts == settings.PROCESSING_MAX_ATTEMPTS
