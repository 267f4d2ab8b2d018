"""How processing ends without finishing: an item failed with its reason, and the sweeper that
hands back runs gone quiet (their worker died) or fails them once out of attempts."""

import shutil
from dataclasses import dataclass
from datetime import timedelta

import structlog
from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from videos import live
from videos.claims import tell_owner
from videos.documents import Video
from videos.listing import refresh_listing
from videos.media_tools import without_paths
from videos.signals import video_processed
from videos.uploads import incoming_dir

logger = structlog.get_logger(__name__)

ACTIVE = ("uploaded", "processing")


def fail_processing(*, video_id: ObjectId, version: int, reason: str, claim: str = "") -> bool:
    """Mark the item failed with its reason and drop the stashed upload; nothing half-made stays.

    Only an unclaimed item, or one held by the given claim, can be failed, so a run that lost
    its claim can never fail an item another run is finishing. The owner sees the reason, so it
    keeps no server path; the log keeps the full one.
    """
    failed = Video.objects(
        id=video_id, version=version, status__in=ACTIVE, processing_claim=claim
    ).modify(
        new=True,
        set__status="failed",
        set__failure_reason=without_paths(reason)[:500],
        set__upload_path="",
        set__processing_claim="",
        set__live_hls_prefix="",
        set__heartbeat_at=timezone.now(),
    )
    if failed is None:
        return False
    live.forget(video_id=video_id)
    refresh_listing(video=failed)
    tell_owner(video=failed, status=failed.status, progress=failed.progress)
    video_processed.send(sender=Video, video=failed, ready=False)
    shutil.rmtree(incoming_dir(video_id=str(video_id), version=version), ignore_errors=True)
    logger.warning("processing_failed", video_id=str(video_id), version=version, reason=reason)
    return True


@dataclass(frozen=True)
class Sweep:
    """What one sweep did: uploads to queue again, and how many it failed."""

    requeue: list[tuple[str, int]]
    failed: int


def sweep_stale() -> Sweep:
    """Hand back uploads whose run went quiet, or fail those out of attempts."""
    cutoff = timezone.now() - timedelta(seconds=settings.PROCESSING_STALE_SECONDS)
    stale = Video.objects(status__in=ACTIVE, heartbeat_at__lt=cutoff)
    requeue, failed = [], 0
    for video in stale.only("id", "version", "processing_attempts", "processing_claim"):
        if video.processing_attempts >= settings.PROCESSING_MAX_ATTEMPTS:
            failed += fail_processing(
                video_id=video.id,
                version=video.version,
                reason="Processing stalled.",
                claim=video.processing_claim,
            )
            continue
        released = Video.objects(
            id=video.id, version=video.version, status__in=ACTIVE, heartbeat_at__lt=cutoff
        ).update_one(
            set__status="uploaded",
            set__processing_claim="",
            set__live_hls_prefix="",
            set__heartbeat_at=timezone.now(),
        )
        if released:
            requeue.append((str(video.id), video.version))
    return Sweep(requeue=requeue, failed=failed)
