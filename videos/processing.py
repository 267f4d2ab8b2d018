"""The processing pipeline: probe, thumbnail, HLS ladder, upload to storage, ready.

Every run is fenced by a claim: a random token held in a Redis lock and in the item's
`processing_claim`. Outputs and the work directory carry the token, so two runs of one version
never share a name; every write of a run is conditioned on its token, so a run that lost its
claim (its lock expired and the sweeper handed the item to another run, or a newer upload
superseded it) stops without touching the item or anything the item references.
"""

import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import structlog
from bson import ObjectId
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.utils import timezone

from common.redis import get_redis
from common.storage import MEDIA, PUBLIC, delete_stored
from common.tasks import delete_files
from videos.documents import Rendition, Video
from videos.listing import refresh_listing
from videos.media_tools import (
    InvalidMediaError,
    extract_thumbnail,
    plan_renditions,
    probe_media,
    render_waveform,
    transcode_to_hls,
    without_paths,
)
from videos.signals import video_processed
from videos.uploads import incoming_dir

logger = structlog.get_logger(__name__)

# Share of the progress bar each stage ends at.
PROBED, THUMBNAILED, TRANSCODED = 2.0, 5.0, 90.0
ACTIVE = ("uploaded", "processing")

# Extend the lock only while it still holds our token; delete it only if it does.
_EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"  # noqa: E501
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"  # noqa: E501


class UploadMissingError(Exception):
    """The stashed upload is gone, so retrying cannot help."""


class ClaimLost(Exception):
    """Another run owns this item now, or a newer upload superseded this one."""


@dataclass(frozen=True)
class Claim:
    """One run's right to process one version of one item."""

    video_id: ObjectId
    version: int
    token: str

    @property
    def lock_key(self) -> str:
        return f"processing:{self.video_id}:{self.version}"

    @property
    def prefix(self) -> str:
        """Storage prefix of this run's outputs. "r", not "v": Cloudinary reserves v<digits>."""
        return f"videos/{self.video_id}/r{self.version}-{self.token}/"

    @property
    def work_dir(self) -> Path:
        return (
            Path(settings.MEDIA_WORK_DIR) / "jobs" / f"{self.video_id}-{self.version}-{self.token}"
        )

    def mine(self):
        """The item as a queryset that matches only while this claim holds."""
        return Video.objects(
            id=self.video_id, version=self.version, processing_claim=self.token, status="processing"
        )

    def extend(self) -> bool:
        """Keep the lock alive; False once it holds another token or none."""
        ttl_ms = settings.PROCESSING_STALE_SECONDS * 1000
        return bool(get_redis().eval(_EXTEND, 1, self.lock_key, self.token, ttl_ms))

    def release(self) -> None:
        get_redis().eval(_RELEASE, 1, self.lock_key, self.token)


def _acquire(video_id: ObjectId, version: int) -> tuple[Claim, Video] | None:
    """Take the lock, then the item; counts the attempt. None when another run holds either."""
    claim = Claim(video_id=video_id, version=version, token=uuid.uuid4().hex[:12])
    if not get_redis().set(
        claim.lock_key, claim.token, nx=True, ex=settings.PROCESSING_STALE_SECONDS
    ):
        logger.info("processing_already_running", video_id=str(video_id), version=version)
        return None
    video = Video.objects(id=video_id, version=version, status__in=ACTIVE).modify(
        new=True,
        set__status="processing",
        set__processing_claim=claim.token,
        inc__processing_attempts=1,
        set__heartbeat_at=timezone.now(),
    )
    if video is None:
        claim.release()
        return None
    return claim, video


class Heartbeat:
    """A thread that keeps the claim alive through steps that report nothing (uploads)."""

    def __init__(self, claim: Claim):
        self.claim = claim
        self.interval = max(1.0, settings.PROCESSING_STALE_SECONDS / 4)
        self.lost = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="processing-heartbeat", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            if not self.beat():
                return

    def beat(self, **changes) -> bool:
        """Extend the lock and stamp the item; on failure mark the claim lost."""
        alive = self.claim.extend() and self.claim.mine().update_one(
            set__heartbeat_at=timezone.now(), **changes
        )
        if not alive:
            self.lost.set()
        return bool(alive)

    def check(self) -> None:
        """Stop the run at a step boundary once the claim is gone."""
        if self.lost.is_set():
            raise ClaimLost()


class ProgressReport:
    """Writes progress with the heartbeat, at most once a second or every 2 points."""

    def __init__(self, heartbeat: Heartbeat):
        self.heartbeat = heartbeat
        self.last_value, self.last_time = -100.0, 0.0

    def __call__(self, value: float, *, force: bool = False) -> None:
        self.heartbeat.check()
        now = time.monotonic()
        if not force and value - self.last_value < 2 and now - self.last_time < 1:
            return
        self.last_value, self.last_time = value, now
        self.heartbeat.beat(set__progress=round(value, 1))
        self.heartbeat.check()

    def stage(self, start: float, end: float):
        """A callback mapping a sub-step's 0-100 onto [start, end]."""
        return lambda percent: self(start + (end - start) * percent / 100)


def run_processing(*, video_id: ObjectId, version: int) -> float | None:
    """Process one upload; returns seconds to wait before retrying, or None when settled."""
    acquired = _acquire(video_id, version)
    if acquired is None:
        return None
    claim, video = acquired
    try:
        with Heartbeat(claim) as heartbeat:
            _run(video=video, claim=claim, heartbeat=heartbeat)
    except ClaimLost:
        logger.info("processing_claim_lost", video_id=str(video_id), version=version)
        return None
    except (InvalidMediaError, UploadMissingError) as exc:
        fail_processing(video_id=video_id, version=version, reason=str(exc), claim=claim.token)
        return None
    except Exception as exc:
        return _after_error(claim=claim, error=exc)
    finally:
        shutil.rmtree(claim.work_dir, ignore_errors=True)
        claim.release()
    return None


def _after_error(*, claim: Claim, error: Exception) -> float | None:
    """Give the item back to the queue for a retry, or fail it once out of attempts."""
    released = claim.mine().modify(
        new=True, set__status="uploaded", set__processing_claim="", set__heartbeat_at=timezone.now()
    )
    if released is None:
        return None
    if released.processing_attempts >= settings.PROCESSING_MAX_ATTEMPTS:
        logger.error("processing_gave_up", video_id=str(claim.video_id), error=str(error))
        fail_processing(
            video_id=claim.video_id, version=claim.version, reason=f"Processing failed: {error}"
        )
        return None
    logger.warning("processing_retry", video_id=str(claim.video_id), error=str(error))
    return min(settings.PROCESSING_STALE_SECONDS / 2, 30 * 2 ** (released.processing_attempts - 1))


def _run(*, video: Video, claim: Claim, heartbeat: Heartbeat) -> None:
    source = video.upload_path
    if not source or not Path(source).exists():
        raise UploadMissingError("The uploaded file is no longer available.")
    report = ProgressReport(heartbeat)
    work = claim.work_dir
    work.mkdir(parents=True)
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
    stored: list[str] = []
    thumbnail_name = ""
    try:
        stored.append(_put(MEDIA, f"{claim.prefix}source{Path(source).suffix}", Path(source)))
        heartbeat.check()
        upload = report.stage(TRANSCODED, 99.0)
        for index, relative in enumerate(hls.files, start=1):
            stored.append(_put(MEDIA, f"{claim.prefix}hls/{relative}", work / "hls" / relative))
            upload(100 * index / len(hls.files))
        if thumbnail:
            thumbnail_name = _put(PUBLIC, thumbnail[0], thumbnail[1])
        heartbeat.check()
        _finish(
            claim=claim,
            info=info,
            renditions=renditions,
            stored=stored,
            thumbnail_name=thumbnail_name,
            source=source,
        )
    except BaseException:
        _discard(video_id=claim.video_id, media=stored, public=[thumbnail_name])
        raise


def _make_thumbnail(*, video: Video, source: str, work: Path, duration: float):
    if video.kind == "video":
        path = work / "thumbnail.jpg"
        extract_thumbnail(source=source, dest=str(path), at_seconds=duration * 0.1)
    else:
        path = work / "waveform.png"
        render_waveform(source=source, dest=str(path))
    return f"thumbnails/{video.id}/{uuid.uuid4().hex}{path.suffix}", path


def _put(store: str, name: str, path: Path) -> str:
    """Store a file under this run's own name."""
    with path.open("rb") as handle:
        return storages[store].save(name, File(handle, name=path.name))


def _discard(*, video_id: ObjectId, media: list[str], public: list[str]) -> None:
    """Delete a run's outputs, sparing any name the item references now."""
    current = Video.objects(id=video_id).only("files", "thumbnail").first()
    referenced = set(current.files) | {current.thumbnail} if current else set()
    delete_stored(names=[n for n in media if n not in referenced], store=MEDIA)
    delete_stored(names=[n for n in public if n and n not in referenced], store=PUBLIC)


def _finish(*, claim: Claim, info, renditions, stored, thumbnail_name, source) -> None:
    before = claim.mine().modify(
        new=False,
        set__status="ready",
        set__progress=100.0,
        set__duration=info.duration,
        set__width=info.width,
        set__height=info.height,
        set__source=stored[0],
        set__source_bytes=Path(source).stat().st_size,
        set__hls_prefix=f"{claim.prefix}hls/",
        set__files=stored,
        set__renditions=[_rendition(r, info) for r in renditions],
        set__upload_path="",
        set__processing_claim="",
        set__heartbeat_at=timezone.now(),
    )
    if before is None:
        raise ClaimLost()
    # The owner may have uploaded a thumbnail while this ran; theirs wins over the generated one.
    replaced = thumbnail_name
    if thumbnail_name:
        previous = Video.objects(id=claim.video_id, thumbnail_custom=False).modify(
            set__thumbnail=thumbnail_name
        )
        if previous is not None:
            replaced = previous.thumbnail
    ready = Video.objects(id=claim.video_id).first()
    if ready is not None:
        refresh_listing(video=ready)
        video_processed.send(sender=Video, video=ready, ready=True)
    Path(source).unlink(missing_ok=True)
    old_media = [name for name in before.files if name not in stored]
    if old_media:
        delete_files.delay(old_media, MEDIA)
    if replaced:
        delete_files.delay([replaced], PUBLIC)
    logger.info("processing_ready", video_id=str(claim.video_id), version=claim.version)


def _rendition(rendition, info) -> Rendition:
    width = None
    if rendition.height and info.width and info.height:
        width = round(info.width * rendition.height / info.height / 2) * 2
    bandwidth = ((rendition.video_bitrate_k or 0) + rendition.audio_bitrate_k) * 1000
    return Rendition(name=rendition.name, height=rendition.height, width=width, bandwidth=bandwidth)


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
        set__heartbeat_at=timezone.now(),
    )
    if failed is None:
        return False
    refresh_listing(video=failed)
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
            set__status="uploaded", set__processing_claim="", set__heartbeat_at=timezone.now()
        )
        if released:
            requeue.append((str(video.id), video.version))
    return Sweep(requeue=requeue, failed=failed)
