"""Resumable upload writes: opening one, taking in its bytes, attaching the whole file to its
item exactly as PUT /videos/{id}/file does, terminating, and expiring idle ones."""

from dataclasses import dataclass
from datetime import timedelta

from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from accounts.documents import User
from common.errors import (
    Busy,
    ChecksumMismatch,
    Conflict,
    DomainError,
    NotAllowed,
    NotFound,
    RateLimited,
    RuleViolation,
    TooLarge,
)
from uploads import parts
from uploads.documents import Upload
from videos import selectors as video_selectors
from videos import services as video_services
from videos.uploads import inspect_file, media_extension

METADATA_HEADER = "Upload-Metadata"
REQUIRED_METADATA = ("video_id", "filename")
FILENAME_MAX_CHARS = 255
# Upload files looked up per query when sweeping for ones no upload owns.
STRAY_BATCH = 1000


@dataclass(frozen=True)
class Chunk:
    """Bytes of a request body to add at `offset`: a readable `body`, its declared `length`,
    and the sha1 digest it came with, if any."""

    offset: int
    body: object
    length: int
    sha1: bytes | None = None


def _expiry():
    return timezone.now() + timedelta(seconds=settings.TUS_EXPIRE_SECONDS)


def open_upload(
    *,
    owner: User,
    length: int,
    metadata: dict[str, str],
    metadata_header: str,
    first: Chunk | None = None,
) -> tuple[Upload, int]:
    """Open an upload of `length` bytes for one of the owner's items, with its first bytes
    when they came along (creation-with-upload); the upload and the bytes it holds.
    `metadata` is `metadata_header` (Upload-Metadata as sent) read.

    Everything the file can be judged by before it arrives is checked now: the item is the
    caller's (404 or 403 as PUT /videos/{id}/file answers), the name is of a media type, the
    size within MEDIA_MAX_UPLOAD_BYTES, and the owner below TUS_MAX_UPLOADS_PER_USER open
    uploads. If the first bytes are refused, nothing is kept.
    """
    missing = [name for name in REQUIRED_METADATA if not metadata.get(name)]
    if missing:
        message = f"{METADATA_HEADER} must name {' and '.join(missing)}."
        raise RuleViolation.on_field(METADATA_HEADER, message)
    video = video_selectors.video_for_owner(video_id=metadata["video_id"], user=owner)
    if len(metadata["filename"]) > FILENAME_MAX_CHARS:
        message = f"The filename is longer than {FILENAME_MAX_CHARS} characters."
        raise RuleViolation.on_field(METADATA_HEADER, message)
    media_extension(metadata["filename"])
    if length == 0:
        raise RuleViolation.on_field("Upload-Length", "An empty file is no media.")
    if length > settings.MEDIA_MAX_UPLOAD_BYTES:
        limit = settings.MEDIA_MAX_UPLOAD_BYTES
        raise TooLarge.on_field("Upload-Length", f"Uploads are limited to {limit} bytes.")
    upload = Upload(
        id=ObjectId(),
        owner_id=owner.id,
        video_id=video.id,
        filename=metadata["filename"],
        length=length,
        metadata=metadata_header,
        expires_at=_expiry(),
    )
    upload.save(force_insert=True)
    _hold_to_limit(upload=upload)
    parts.create(upload.id)
    if first is None or first.length == 0:
        return upload, 0
    try:
        return upload, receive(upload=upload, owner=owner, chunk=first)
    except DomainError:
        _discard(upload=upload)
        raise


def _hold_to_limit(*, upload: Upload) -> None:
    """Keep the upload only if, now that it is written, its owner has at most
    TUS_MAX_UPLOADS_PER_USER open ones: racing openings never pass the limit together (at
    worst a pair written at the same instant are both refused, and either may be asked again)."""
    limit = settings.TUS_MAX_UPLOADS_PER_USER
    open_ones = list(
        Upload.objects(owner_id=upload.owner_id, completed_at=None, expires_at__gt=timezone.now())
        .order_by("expires_at")
        .only("id", "expires_at")
        .limit(limit + 1)
    )
    if len(open_ones) <= limit:
        return
    upload.delete()
    soonest = next(kept.expires_at for kept in open_ones if kept.id != upload.id)
    wait = max(1, int((soonest - timezone.now()).total_seconds()))
    raise RateLimited(
        f"At most {limit} uploads may be open at once; finish or cancel one first.",
        wait=wait,
        code="too_many_uploads",
    )


def receive(*, upload: Upload, owner: User, chunk: Chunk) -> int:
    """Add a chunk at its offset; the upload's offset after it. The last byte attaches the
    file to its item.

    An offset other than what the server holds is a Conflict (409) and a chunk past the
    declared length TooLarge, both before any byte is read; bytes failing their checksum are
    dropped (460). One request writes an upload at a time.
    """
    if upload.completed_at is not None:
        return _already_whole(upload=upload, chunk=chunk)
    with parts.locked(upload.id, exclusive=True) as part:
        # The request that held the lock before may have finished or ended the upload.
        if part is None or part.gone:
            fresh = Upload.objects(id=upload.id).first()
            if fresh is None or fresh.completed_at is None:
                raise NotFound("No such upload, or it expired.")
            return _already_whole(upload=fresh, chunk=chunk)
        held = part.size
        if chunk.offset != held:
            raise Conflict(
                f"Upload-Offset is {chunk.offset}, but the server holds {held} bytes: "
                "ask with HEAD and resume from there.",
                code="offset_mismatch",
            )
        if held + chunk.length > upload.length:
            raise TooLarge(f"The chunk runs past the upload's length of {upload.length} bytes.")
        received = part.append(chunk.body, length=chunk.length, sha1=chunk.sha1)
        upload.expires_at = _expiry()
        Upload.objects(id=upload.id).update_one(set__expires_at=upload.expires_at)
        if received.mismatch:
            raise ChecksumMismatch("The chunk does not match its Upload-Checksum; send it again.")
        offset = held + received.kept
        if offset == upload.length:
            _attach(upload=upload, owner=owner, part=part)
        return offset


def _already_whole(*, upload: Upload, chunk: Chunk) -> int:
    """A write to a finished upload: harmless only as an empty one at its end."""
    if chunk.offset != upload.length or chunk.length:
        raise Conflict("This upload is complete.", code="offset_mismatch")
    return upload.length


def _attach(*, upload: Upload, owner: User, part: parts.Part) -> None:
    """Give the whole file to its item through the very checks and steps of
    PUT /videos/{id}/file: ffprobe, kind, duration, then processing. A refused file ends the
    upload: nothing of it is kept."""
    try:
        video = video_selectors.video_for_owner(video_id=str(upload.video_id), user=owner)
        inspected = inspect_file(path=part.path, name=upload.filename, kind=video.kind)
        video_services.replace_media(video=video, inspected=inspected)
    except (RuleViolation, NotFound, NotAllowed):
        _discard(upload=upload)
        raise
    upload.completed_at = timezone.now()
    Upload.objects(id=upload.id).update_one(set__completed_at=upload.completed_at)


def terminate(*, upload: Upload) -> None:
    """End an upload and drop its bytes; a completed one's file stays with its item."""
    with parts.locked(upload.id, exclusive=True):
        _discard(upload=upload)


def _discard(*, upload: Upload) -> None:
    parts.remove(upload.id)
    Upload.objects(id=upload.id).delete()


def on_video_deleted(*, video, **kwargs) -> None:
    """A deleted item's open uploads end with it."""
    for upload in Upload.objects(video_id=video.id, completed_at=None):
        _discard(upload=upload)


def expire_uploads() -> int:
    """Delete uploads idle past their expiry with their bytes, and files no upload owns any
    more (a store restored from an older snapshot); how many uploads went."""
    expired = 0
    for upload in Upload.objects(expires_at__lte=timezone.now()).only("id"):
        try:
            terminate(upload=upload)
        except Busy:
            continue  # written to this very moment: its write moves the expiry on
        expired += 1
    idle = parts.stray_ids(idle_seconds=settings.TUS_EXPIRE_SECONDS)
    names = [ObjectId(name) for name in idle if ObjectId.is_valid(name)]
    for start in range(0, len(names), STRAY_BATCH):
        batch = names[start : start + STRAY_BATCH]
        owned = {upload.id for upload in Upload.objects(id__in=batch).only("id")}
        for orphan in set(batch) - owned:
            parts.remove(orphan)
    return expired
