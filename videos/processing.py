"""The processing pipeline: probe, thumbnail, HLS ladder, upload to storage, ready."""

import shutil
import time
import uuid
from pathlib import Path

import structlog
from bson import ObjectId
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage, storages
from django.utils import timezone

from config.redis import get_redis
from videos import services
from videos.documents import Rendition, Video
from videos.media_tools import (
    extract_thumbnail,
    plan_renditions,
    probe_media,
    render_waveform,
    transcode_to_hls,
)

logger = structlog.get_logger(__name__)

# Share of the progress bar each stage ends at.
PROBED, THUMBNAILED, TRANSCODED = 2.0, 5.0, 90.0


class UploadMissingError(Exception):
    """The stashed upload is gone, so retrying cannot help."""


def media_storage():
    """Where sources and renditions live (never served directly)."""
    return storages["media"]


class ProgressReport:
    """Writes progress and a heartbeat to Mongo, at most once a second or every 2 points."""

    def __init__(self, *, video_id: ObjectId, version: int, lock_key: str):
        self.video_id, self.version, self.lock_key = video_id, version, lock_key
        self.last_value, self.last_time = -100.0, 0.0

    def __call__(self, value: float, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and value - self.last_value < 2 and now - self.last_time < 1:
            return
        self.last_value, self.last_time = value, now
        Video.objects(id=self.video_id, version=self.version, status="processing").update_one(
            set__progress=round(value, 1), set__heartbeat_at=timezone.now()
        )
        get_redis().expire(self.lock_key, settings.PROCESSING_STALE_SECONDS)

    def stage(self, start: float, end: float):
        """A callback mapping a sub-step's 0-100 onto [start, end]."""
        return lambda percent: self(start + (end - start) * percent / 100)


def _claim(video_id: ObjectId, version: int) -> Video | None:
    return Video.objects(
        id=video_id, version=version, status__in=["uploaded", "processing"]
    ).modify(
        new=True,
        set__status="processing",
        inc__processing_attempts=1,
        set__heartbeat_at=timezone.now(),
    )


def process_media(*, video_id: ObjectId, version: int) -> None:
    """Turn one stashed upload into stored renditions; a re-run yields the same single set."""
    lock_key = f"processing:{video_id}:{version}"
    if not get_redis().set(lock_key, 1, nx=True, ex=settings.PROCESSING_STALE_SECONDS):
        logger.info("processing_already_running", video_id=str(video_id), version=version)
        return
    work = Path(settings.MEDIA_WORK_DIR) / "jobs" / f"{video_id}-{version}"
    try:
        video = _claim(video_id, version)
        if video is None:
            return
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        _run(
            video=video,
            work=work,
            report=ProgressReport(video_id=video_id, version=version, lock_key=lock_key),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        get_redis().delete(lock_key)


def _run(*, video: Video, work: Path, report: ProgressReport) -> None:
    source = video.upload_path
    if not source or not Path(source).exists():
        raise UploadMissingError("The uploaded file is no longer available.")
    info = probe_media(path=source)
    report(PROBED, force=True)
    renditions = plan_renditions(info=info, kind=video.kind)
    thumbnail = None
    if not video.thumbnail_custom:
        thumbnail = _make_thumbnail(video=video, source=source, work=work, duration=info.duration)
    report(THUMBNAILED, force=True)
    hls = transcode_to_hls(
        source=source,
        out_dir=str(work / "hls"),
        info=info,
        kind=video.kind,
        renditions=renditions,
        segment_seconds=settings.HLS_SEGMENT_SECONDS,
        on_progress=report.stage(THUMBNAILED, TRANSCODED),
        timeout=settings.PROCESSING_TIME_LIMIT_SECONDS,
    )
    # "r<n>", not "v<n>": Cloudinary refuses folder names of a "v" and digits (version markers).
    prefix = f"videos/{video.id}/r{video.version}/"
    stored: list[str] = []
    try:
        source_name = _put(media_storage(), f"{prefix}source{Path(source).suffix}", Path(source))
        stored.append(source_name)
        upload = report.stage(TRANSCODED, 99.0)
        for index, relative in enumerate(hls.files, start=1):
            stored.append(_put(media_storage(), f"{prefix}hls/{relative}", work / "hls" / relative))
            upload(100 * index / len(hls.files))
        thumbnail_name = _put(default_storage, thumbnail[0], thumbnail[1]) if thumbnail else ""
    except Exception:
        _discard(stored)
        raise
    _finish(
        video=video,
        info=info,
        renditions=renditions,
        stored=stored,
        hls_prefix=f"{prefix}hls/",
        thumbnail_name=thumbnail_name,
        source=source,
    )


def _make_thumbnail(*, video: Video, source: str, work: Path, duration: float):
    if video.kind == "video":
        path = work / "thumbnail.jpg"
        extract_thumbnail(source=source, dest=str(path), at_seconds=duration * 0.1)
    else:
        path = work / "waveform.png"
        render_waveform(source=source, dest=str(path))
    return f"thumbnails/{video.id}/{uuid.uuid4().hex}{path.suffix}", path


def _put(storage, name: str, path: Path) -> str:
    """Store a file under exactly this name, replacing an earlier run's copy."""
    if storage.exists(name):
        storage.delete(name)
    with path.open("rb") as handle:
        return storage.save(name, File(handle, name=path.name))


def _discard(names: list[str]) -> None:
    storage = media_storage()
    for name in names:
        storage.delete(name)


def _finish(*, video, info, renditions, stored, hls_prefix, thumbnail_name, source) -> None:
    old_files = [name for name in video.files if name not in stored]
    changes = {
        "set__status": "ready",
        "set__progress": 100.0,
        "set__duration": info.duration,
        "set__width": info.width,
        "set__height": info.height,
        "set__source": stored[0],
        "set__source_size": Path(source).stat().st_size,
        "set__hls_prefix": hls_prefix,
        "set__files": stored,
        "set__renditions": [_rendition(r, info) for r in renditions],
        "set__upload_path": "",
        "set__heartbeat_at": timezone.now(),
    }
    ready = Video.objects(id=video.id, version=video.version, status="processing").modify(
        new=True, **changes
    )
    if ready is None:
        _discard(stored)
        if thumbnail_name:
            default_storage.delete(thumbnail_name)
        return
    # The owner may have uploaded a thumbnail while this ran; theirs wins over the generated one.
    kept = thumbnail_name and Video.objects(id=video.id, thumbnail_custom=False).update_one(
        set__thumbnail=thumbnail_name
    )
    services.refresh_listing(video=ready)
    Path(source).unlink(missing_ok=True)
    replaced = video.thumbnail if kept else thumbnail_name
    services.schedule_file_cleanup(media=old_files, public=[replaced])
    logger.info("processing_ready", video_id=str(video.id), version=video.version)


def _rendition(rendition, info) -> Rendition:
    width = None
    if rendition.height and info.width and info.height:
        width = round(info.width * rendition.height / info.height / 2) * 2
    bandwidth = ((rendition.video_bitrate_k or 0) + rendition.audio_bitrate_k) * 1000
    return Rendition(name=rendition.name, height=rendition.height, width=width, bandwidth=bandwidth)


def fail_processing(*, video_id: ObjectId, version: int, reason: str) -> None:
    """Mark the item failed with its reason and drop the stashed upload; nothing half-made stays."""
    failed = Video.objects(
        id=video_id, version=version, status__in=["uploaded", "processing"]
    ).modify(
        new=True,
        set__status="failed",
        set__failure_reason=reason[:500],
        set__upload_path="",
        set__heartbeat_at=timezone.now(),
    )
    if failed is None:
        return
    services.refresh_listing(video=failed)
    shutil.rmtree(
        Path(settings.MEDIA_WORK_DIR) / "incoming" / str(video_id) / str(version),
        ignore_errors=True,
    )
    logger.warning("processing_failed", video_id=str(video_id), version=version, reason=reason)
