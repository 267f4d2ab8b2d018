"""Media writes: drafts, uploads, metadata, publishing, thumbnails, deletion, views and history."""

import hashlib
import re
import uuid

from bson import ObjectId
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from accounts.documents import User
from config.images import ValidatedImage, validate_image
from config.redis import get_redis
from config.tasks import delete_files
from videos import counters, tasks
from videos.documents import Video, WatchEntry
from videos.uploads import InspectedUpload, stash_upload

_WORD = re.compile(r"[\w']+", re.UNICODE)
PREFIX_MIN, PREFIX_MAX = 2, 12


def search_tokens(*, title: str, description: str, tags: list[str]) -> list[str]:
    """Words of the title, description and tags plus title prefixes, for indexed search."""
    tokens: set[str] = set()
    for word in _WORD.findall(title.lower()):
        tokens.add(word)
        tokens.update(word[:n] for n in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1))
    tokens.update(_WORD.findall(description.lower()))
    for tag in tags:
        tokens.update(_WORD.findall(tag.lower()))
    return sorted(tokens)


def is_watchable(video: Video) -> bool:
    """Anyone with the id (or link) may watch: published, ready, not private, owner active."""
    return (
        video.published
        and video.status == "ready"
        and video.visibility != "private"
        and video.owner_active
    )


def _refresh_listing(video: Video) -> None:
    """Derive the listed flag and first publication time from the item's state."""
    video.is_listed = is_watchable(video) and video.visibility == "public"
    if is_watchable(video) and video.published_at is None:
        video.published_at = timezone.now()
    video.search_tokens = search_tokens(
        title=video.title, description=video.description, tags=video.tags
    )


def refresh_listing(*, video: Video) -> Video:
    """Save the item with its derived listing fields brought up to date."""
    _refresh_listing(video)
    video.updated_at = timezone.now()
    video.save()
    return video


def schedule_file_cleanup(*, media: list[str], public: list[str]) -> None:
    """Queue removal of files nothing refers to any more."""
    media, public = [n for n in media if n], [n for n in public if n]
    if media:
        tasks.delete_media_files.delay(media)
    if public:
        delete_files.delay(public)


def create_video(
    *, owner: User, data: dict, inspected: InspectedUpload | None, thumbnail=None
) -> Video:
    """Create a draft, or an item whose upload is queued; every input is checked before storing."""
    image = validate_image(upload=thumbnail, field="thumbnail") if thumbnail is not None else None
    video = Video(id=ObjectId(), owner_id=owner.id, owner_active=owner.is_active, **data)
    if image is not None:
        _store_thumbnail(video=video, image=image)
    if inspected is None:
        return refresh_listing(video=video)
    video.kind = inspected.kind
    return _accept_upload(video=video, inspected=inspected, upload_name="")


def replace_media(*, video: Video, inspected: InspectedUpload, upload_name: str) -> Video:
    """Attach new media to an item; the old files go once the new ones are ready."""
    if inspected.kind != video.kind:
        raise ValidationError(
            {"file": [f"This item is {video.kind}; the file is {inspected.kind}."]}
        )
    return _accept_upload(video=video, inspected=inspected, upload_name=upload_name)


def _accept_upload(*, video: Video, inspected: InspectedUpload, upload_name: str) -> Video:
    video.version += 1
    video.upload_path = stash_upload(
        inspected=inspected, video_id=str(video.id), version=video.version
    )
    video.upload_name = upload_name
    video.status = "uploaded"
    video.progress = 0.0
    video.failure_reason = ""
    video.processing_attempts = 0
    video.heartbeat_at = timezone.now()
    video.duration = inspected.info.duration
    video.width, video.height = inspected.info.width, inspected.info.height
    refresh_listing(video=video)
    tasks.process_upload.delay(str(video.id), video.version)
    return video


def update_video(*, video: Video, changes: dict) -> Video:
    """Apply metadata and publishing changes; publishing before processing ends waits for it."""
    for field, value in changes.items():
        setattr(video, field, value)
    if changes.get("published") is False:
        video.published_at = None
    return refresh_listing(video=video)


def _store_thumbnail(*, video: Video, image: ValidatedImage) -> str:
    """Store the owner's image as the thumbnail; return the name it replaces."""
    old = video.thumbnail
    name = f"thumbnails/{video.id}/{uuid.uuid4().hex}.{image.extension}"
    video.thumbnail = default_storage.save(name, ContentFile(image.content))
    video.thumbnail_custom = True
    return old


def set_thumbnail(*, video: Video, upload) -> Video:
    """Replace the thumbnail with the owner's image; the generated one is not used again."""
    old = _store_thumbnail(video=video, image=validate_image(upload=upload, field="thumbnail"))
    refresh_listing(video=video)
    schedule_file_cleanup(media=[], public=[old])
    return video


def delete_video(*, video: Video) -> None:
    """Remove the item now; its stored files and dependent records go through a task."""
    video.delete()
    schedule_file_cleanup(media=list(video.files), public=[video.thumbnail])
    if video.upload_path:
        tasks.discard_upload.delay(str(video.id))
    tasks.purge_video.delay(str(video.id))


def set_owner_active(*, owner_id: ObjectId, active: bool) -> int:
    """Hide or restore every item of a suspended or reinstated owner."""
    count = 0
    for video in Video.objects(owner_id=owner_id):
        video.owner_active = active
        refresh_listing(video=video)
        count += 1
    return count


def viewer_fingerprint(*, user: User | None, address: str, user_agent: str) -> str:
    """Who is watching: the user, or a hash of address and browser for anonymous viewers."""
    if user is not None:
        return f"u:{user.id}"
    digest = hashlib.sha256(f"{address}|{user_agent}".encode()).hexdigest()[:32]
    return f"a:{digest}"


def record_view(
    *, video: Video, user: User | None, fingerprint: str, position: float | None
) -> bool:
    """Count a view at most once per viewer per window, and move the item up their history."""
    key = f"viewed:{video.id}:{fingerprint}"
    counted = bool(get_redis().set(key, 1, nx=True, ex=settings.VIEW_DEDUP_SECONDS))
    if counted:
        counters.views.add(doc_id=video.id)
    if user is not None:
        update = {"set__watched_at": timezone.now()}
        if position is not None:
            update["set__position"] = position
        WatchEntry.objects(user_id=user.id, video_id=video.id).update_one(upsert=True, **update)
    return counted


def clear_history(*, user: User) -> int:
    """Forget everything the user watched."""
    return WatchEntry.objects(user_id=user.id).delete()
