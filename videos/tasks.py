"""Media background work: processing uploads, file cleanup, cascades, view flushes, sweeping."""

import shutil
from datetime import timedelta
from pathlib import Path

import structlog
from bson import ObjectId
from celery import shared_task
from django.conf import settings
from django.utils import timezone

from videos import counters, processing
from videos.documents import Video, VideoDailyStats, WatchEntry
from videos.media_tools import InvalidMediaError

logger = structlog.get_logger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=None)
def process_upload(self, video_id: str, version: int):
    """Process one upload; transient failures retry with backoff, the last one marks it failed."""
    oid = ObjectId(video_id)
    try:
        processing.process_media(video_id=oid, version=version)
    except (InvalidMediaError, processing.UploadMissingError) as exc:
        processing.fail_processing(video_id=oid, version=version, reason=str(exc))
    except Exception as exc:
        attempts = self.request.retries + 1
        if attempts >= settings.PROCESSING_MAX_ATTEMPTS:
            logger.exception("processing_gave_up", video_id=video_id, version=version)
            processing.fail_processing(
                video_id=oid, version=version, reason=f"Processing failed: {exc}"
            )
            return
        countdown = min(600, 30 * 2**self.request.retries)
        return self.retry(exc=exc, countdown=countdown, throw=False)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def delete_media_files(names: list[str]) -> None:
    """Remove sources and renditions nothing refers to; safe to run twice."""
    storage = processing.media_storage()
    for name in names:
        storage.delete(name)


@shared_task
def discard_upload(video_id: str) -> None:
    """Drop stashed uploads of a deleted item."""
    shutil.rmtree(Path(settings.MEDIA_WORK_DIR) / "incoming" / video_id, ignore_errors=True)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def purge_video(video_id: str) -> None:
    """Delete what hangs off a deleted item; idempotent."""
    oid = ObjectId(video_id)
    WatchEntry.objects(video_id=oid).delete()
    VideoDailyStats.objects(video_id=oid).delete()


@shared_task
def flush_view_counters() -> int:
    """Fold buffered views into Mongo (run on a schedule)."""
    return counters.flush_views()


@shared_task
def sweep_stale_processing() -> int:
    """Requeue uploads whose worker went quiet, or fail them once out of attempts."""
    cutoff = timezone.now() - timedelta(seconds=settings.PROCESSING_STALE_SECONDS)
    stale = Video.objects(status__in=["uploaded", "processing"], heartbeat_at__lt=cutoff)
    swept = 0
    for video in stale.only("id", "version", "processing_attempts"):
        swept += 1
        if video.processing_attempts >= settings.PROCESSING_MAX_ATTEMPTS:
            processing.fail_processing(
                video_id=video.id, version=video.version, reason="Processing stalled."
            )
            continue
        requeued = Video.objects(
            id=video.id, version=video.version, heartbeat_at__lt=cutoff
        ).update_one(set__status="uploaded", set__heartbeat_at=timezone.now())
        if requeued:
            process_upload.delay(str(video.id), video.version)
    return swept
