"""The processing pipeline: probe, one ffmpeg run (the HLS ladder, published as it is written,
and beside it the storyboard, the candidate thumbnails and the loudness), store, ready.

Every run is fenced by a claim (videos.claims). Outputs and the work directory carry its token,
so two runs of one version never share a name; every write of a run is conditioned on it, so a
run that lost it stops without touching the item or anything the item references.
"""

import shutil
import uuid
from dataclasses import dataclass, field
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
from videos import live
from videos.claims import Claim, ClaimLost, Heartbeat, ProgressReport, tell_owner
from videos.documents import Rendition, ThumbnailCandidate, Video
from videos.failures import ACTIVE, fail_processing
from videos.frames import STILL_NAME, candidate_times, stills_output
from videos.listing import refresh_listing
from videos.loudness import Loudness
from videos.media_tools import (
    HlsOutput,
    InvalidMediaError,
    MediaInfo,
    analyse_audio,
    extract_thumbnail,
    plan_renditions,
    probe_media,
    transcode_to_hls,
)
from videos.signals import video_processed
from videos.storyboard import (
    SPRITE_NAME,
    TRACK_NAME,
    StoryboardPlan,
    plan_storyboard,
    sprite_output,
)

logger = structlog.get_logger(__name__)

# Share of the progress bar each stage ends at.
PROBED, ANALYSED, TRANSCODED = 2.0, 5.0, 90.0


class UploadMissingError(Exception):
    """The stashed upload is gone, so retrying cannot help."""


@dataclass
class RunOutputs:
    """What a run has stored, and learnt, so far; if the run fails, all it stored goes."""

    media: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    source: str = ""
    thumbnail: str = ""
    candidates: list[ThumbnailCandidate] = field(default_factory=list)
    storyboard_prefix: str = ""
    loudness: Loudness | None = None
    gain_applied: bool = False


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
        set__live_hls_prefix="",
        inc__processing_attempts=1,
        set__heartbeat_at=timezone.now(),
    )
    if video is None:
        claim.release()
        return None
    return claim, video


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
        new=True,
        set__status="uploaded",
        set__processing_claim="",
        set__live_hls_prefix="",
        set__heartbeat_at=timezone.now(),
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
    report = ProgressReport(heartbeat, video=video)
    work = claim.work_dir
    work.mkdir(parents=True)
    info = probe_media(path=source)
    report(PROBED, force=True)
    renditions = plan_renditions(info=info, kind=video.kind)
    publisher = live.LivePublisher(
        video_id=claim.video_id,
        hls_prefix=f"{claim.prefix}hls/",
        folder=work / "hls",
        duration=info.duration,
        store=lambda name, path: _put(MEDIA, name, path),
        went_live=lambda prefix: claim.mine().update_one(set__live_hls_prefix=prefix),
    )
    outputs = RunOutputs(media=publisher.stored)
    storyboard, stills = None, []
    if video.kind == "video":
        storyboard = plan_storyboard(duration=info.duration, width=info.width, height=info.height)
        stills = candidate_times(info.duration)
    try:
        hls = _encode(
            video=video,
            info=info,
            renditions=renditions,
            work=work,
            storyboard=storyboard,
            stills=stills,
            publisher=publisher,
            outputs=outputs,
            report=report,
        )
        upload = report.stage(TRANSCODED, 99.0)
        remaining = [name for name in hls.files if name not in publisher.segments]
        for index, relative in enumerate(remaining, start=1):
            name = f"{claim.prefix}hls/{relative}"
            outputs.media.append(_put(MEDIA, name, work / "hls" / relative))
            upload(90 * index / len(remaining))
        _store_pictures(
            video=video,
            claim=claim,
            work=work,
            storyboard=storyboard,
            stills=stills,
            outputs=outputs,
        )
        heartbeat.check()
        outputs.source = _put(MEDIA, f"{claim.prefix}source{Path(source).suffix}", Path(source))
        outputs.media.append(outputs.source)
        heartbeat.check()
        _finish(claim=claim, info=info, renditions=renditions, outputs=outputs, source=source)
    except BaseException:
        _discard(claim=claim, outputs=outputs)
        raise


def _encode(
    *,
    video: Video,
    info: MediaInfo,
    renditions,
    work: Path,
    storyboard: StoryboardPlan | None,
    stills: list[float],
    publisher: live.LivePublisher,
    outputs: RunOutputs,
    report: ProgressReport,
) -> HlsOutput:
    """The one ffmpeg run, publishing the HLS as it goes.

    A video's run also renders the storyboard and the candidate frames and measures the
    loudness. An audio item is measured first (with its waveform, in one decode of its sound),
    so its renditions are encoded at the gain that evens it out.
    """
    side_outputs, gain = [], 0.0
    if storyboard is not None:
        side_outputs = [
            sprite_output(storyboard, dest=str(work / SPRITE_NAME)),
            stills_output(stills, folder=str(work)),
        ]
    if video.kind == "audio":
        outputs.loudness = analyse_audio(
            source=video.upload_path,
            waveform=str(work / "waveform.png"),
            timeout=settings.PROCESSING_TIME_LIMIT_SECONDS,
        )
        applied = outputs.loudness.gain_db if outputs.loudness else None
        outputs.gain_applied = applied is not None
        gain = applied or 0.0
    report(ANALYSED, force=True)
    stage = report.stage(ANALYSED, TRANSCODED)

    def progressed(percent: float) -> None:
        """Also publish what ffmpeg wrote; the last call (100) comes once the playlists are VOD,
        so it publishes the end."""
        stage(percent)
        publisher.publish()

    hls = transcode_to_hls(
        source=video.upload_path,
        out_dir=str(work / "hls"),
        info=info,
        kind=video.kind,
        renditions=renditions,
        segment_seconds=settings.HLS_SEGMENT_SECONDS,
        on_progress=progressed,
        timeout=settings.PROCESSING_TIME_LIMIT_SECONDS,
        side_outputs=side_outputs,
        measure_loudness=video.kind == "video" and info.has_audio,
        gain_db=gain,
    )
    if video.kind == "video":
        outputs.loudness = hls.loudness
    if outputs.loudness is None and info.has_audio:
        logger.warning("loudness_unmeasured", video_id=str(video.id))
    return hls


def _store_pictures(
    *,
    video: Video,
    claim: Claim,
    work: Path,
    storyboard: StoryboardPlan | None,
    stills: list[float],
    outputs: RunOutputs,
) -> None:
    """Store the storyboard (media store, signed like the renditions), the candidate frames and
    the generated thumbnail (public store, like every thumbnail)."""
    if storyboard is not None and _made(work / SPRITE_NAME):
        (work / TRACK_NAME).write_text(storyboard.webvtt())
        outputs.storyboard_prefix = f"{claim.prefix}storyboard/"
        for name in (SPRITE_NAME, TRACK_NAME):
            outputs.media.append(_put(MEDIA, outputs.storyboard_prefix + name, work / name))
    for index, at in enumerate(stills, start=1):
        still = work / (STILL_NAME % index)
        if _made(still):
            name = _put(PUBLIC, _picture_name(video.id, still), still)
            outputs.public.append(name)
            outputs.candidates.append(ThumbnailCandidate(at=at, name=name))
    if video.thumbnail_custom:
        return
    if video.kind == "audio":
        picture = work / "waveform.png"
    elif outputs.candidates:
        picture = work / (STILL_NAME % 1)
    else:
        picture = work / "thumbnail.jpg"
        extract_thumbnail(source=video.upload_path, dest=str(picture), at_seconds=0)
    outputs.thumbnail = _put(PUBLIC, _picture_name(video.id, picture), picture)
    outputs.public.append(outputs.thumbnail)


def _made(path: Path) -> bool:
    """Whether ffmpeg wrote this picture (a side output may have had no frame to take)."""
    return path.is_file() and path.stat().st_size > 0


def _picture_name(video_id: ObjectId, path: Path) -> str:
    return f"thumbnails/{video_id}/{uuid.uuid4().hex}{path.suffix}"


def _put(store: str, name: str, path: Path) -> str:
    """Store a file under this run's own name."""
    with path.open("rb") as handle:
        return storages[store].save(name, File(handle, name=path.name))


def _discard(*, claim: Claim, outputs: RunOutputs) -> None:
    """Delete a run's outputs and live playlists, sparing any name the item references now."""
    current = Video.objects(id=claim.video_id).only("files", "thumbnail", "thumbnail_candidates")
    current = current.first()
    referenced = set()
    if current is not None:
        candidates = {candidate.name for candidate in current.thumbnail_candidates}
        referenced = set(current.files) | {current.thumbnail} | candidates
    delete_stored(names=[n for n in outputs.media if n not in referenced], store=MEDIA)
    delete_stored(names=[n for n in outputs.public if n and n not in referenced], store=PUBLIC)
    live.forget(video_id=claim.video_id, prefix=f"{claim.prefix}hls/")


def _finish(*, claim: Claim, info, renditions, outputs: RunOutputs, source: str) -> None:
    loudness = outputs.loudness
    before = claim.mine().modify(
        new=False,
        set__status="ready",
        set__progress=100.0,
        set__duration=info.duration,
        set__width=info.width,
        set__height=info.height,
        set__source=outputs.source,
        set__source_bytes=Path(source).stat().st_size,
        set__hls_prefix=f"{claim.prefix}hls/",
        set__live_hls_prefix="",
        set__files=outputs.media,
        set__renditions=[_rendition(r, info) for r in renditions],
        set__storyboard_prefix=outputs.storyboard_prefix,
        set__thumbnail_candidates=outputs.candidates,
        set__loudness_lufs=loudness.integrated if loudness else None,
        set__gain_db=loudness.gain_db if loudness else None,
        set__gain_applied=outputs.gain_applied,
        set__upload_path="",
        set__processing_claim="",
        set__heartbeat_at=timezone.now(),
    )
    if before is None:
        raise ClaimLost()
    live.forget(video_id=claim.video_id)
    # The owner may have set a thumbnail while this ran; theirs wins over the generated one.
    replaced = outputs.thumbnail
    if outputs.thumbnail:
        previous = Video.objects(id=claim.video_id, thumbnail_custom=False).modify(
            set__thumbnail=outputs.thumbnail
        )
        if previous is not None:
            replaced = previous.thumbnail
    ready = Video.objects(id=claim.video_id).first()
    if ready is not None:
        refresh_listing(video=ready)
        tell_owner(video=ready, status=ready.status, progress=ready.progress)
        video_processed.send(sender=Video, video=ready, ready=True)
    Path(source).unlink(missing_ok=True)
    old_media = [name for name in before.files if name not in outputs.media]
    if old_media:
        delete_files.delay(old_media, MEDIA)
    kept = {candidate.name for candidate in outputs.candidates}
    old_public = [c.name for c in before.thumbnail_candidates if c.name not in kept]
    if replaced:
        old_public.append(replaced)
    if old_public:
        delete_files.delay(old_public, PUBLIC)
    logger.info("processing_ready", video_id=str(claim.video_id), version=claim.version)


def _rendition(rendition, info) -> Rendition:
    width = None
    if rendition.height and info.width and info.height:
        width = round(info.width * rendition.height / info.height / 2) * 2
    bandwidth = ((rendition.video_bitrate_k or 0) + rendition.audio_bitrate_k) * 1000
    return Rendition(name=rendition.name, height=rendition.height, width=width, bandwidth=bandwidth)
