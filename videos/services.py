"""Media writes: drafts, uploads, metadata, publishing, deletion, views and history."""

import hashlib
import secrets
import shutil
import tempfile
from pathlib import Path

from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from accounts.documents import User
from common.errors import Conflict, RuleViolation
from common.ids import object_id
from common.images import validate_image
from common.redis import get_redis
from common.storage import MEDIA, PUBLIC, media_storage
from common.tasks import delete_files
from videos import cooccurrence, counters, tasks, watch
from videos.documents import Video, WatchEntry
from videos.listing import changed, is_open, refresh_listing, set_owner_active
from videos.media_tools import InvalidMediaError, probe_media, without_paths
from videos.signals import video_deleted
from videos.thumbnails import pictures_of, store_thumbnail
from videos.uploads import InspectedUpload, discard_incoming, stash_upload

# What an owner may set on an item; everything else is derived.
WRITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "tags",
        "genre",
        "visibility",
        "published",
        "comments_policy",
        "hold_links",
    }
)
# How widely each visibility opens an item; a move to a lower one narrows its audience.
AUDIENCE_WIDTH = {"public": 2, "unlisted": 1, "private": 0}


def _writable(changes: dict) -> dict:
    unknown = sorted(set(changes) - WRITABLE_FIELDS)
    if unknown:
        raise RuleViolation(
            f"These fields cannot be set: {', '.join(unknown)}.",
            fields={name: ["This field cannot be set."] for name in unknown},
        )
    return changes


def create_video(
    *, owner: User, data: dict, inspected: InspectedUpload | None, thumbnail=None
) -> Video:
    """Create a draft, or an item whose upload is queued; every input is checked before storing."""
    image = validate_image(upload=thumbnail, field="thumbnail") if thumbnail is not None else None
    fields = _writable({key: value for key, value in data.items() if key != "kind"})
    video = Video(id=ObjectId(), owner_id=owner.id, owner_active=owner.is_active, **fields)
    if data.get("kind"):
        video.kind = data["kind"]
    if image is not None:
        store_thumbnail(video=video, content=image.content, extension=image.extension)
    if inspected is None:
        return refresh_listing(video=video)
    video.kind = inspected.kind
    return _accept_upload(video=video, inspected=inspected)


def replace_media(*, video: Video, inspected: InspectedUpload) -> Video:
    """Attach new media to an item; the old files go once the new ones are ready."""
    if inspected.kind != video.kind:
        raise RuleViolation.on_field(
            "file", f"This item is {video.kind}; the file is {inspected.kind}."
        )
    return _accept_upload(video=video, inspected=inspected)


def reprocess_video(*, video: Video) -> Video:
    """Queue a failed item again from its last stored source, exactly as a fresh upload goes.

    A failed first upload keeps no file (the pipeline drops it), so only its owner can retry it.
    """
    if video.status != "failed":
        raise Conflict("Only a failed item can be processed again.")
    if not video.source:
        raise RuleViolation("No stored source is left for this item; its owner must upload again.")
    suffix = Path(video.source).suffix
    with (
        tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as copy,
        media_storage().open(video.source, "rb") as stored,
    ):
        shutil.copyfileobj(stored, copy)
    try:
        info = probe_media(path=copy.name)
    except InvalidMediaError as exc:
        Path(copy.name).unlink(missing_ok=True)
        detail = without_paths(str(exc))
        raise RuleViolation(f"The stored source is unreadable ({detail}).") from exc
    inspected = InspectedUpload(
        path=copy.name, extension=suffix.lstrip("."), kind=video.kind, info=info
    )
    return _accept_upload(video=video, inspected=inspected)


def _accept_upload(*, video: Video, inspected: InspectedUpload) -> Video:
    video.version += 1
    _revoke_signed_links(video=video)
    video.upload_path = stash_upload(
        inspected=inspected, video_id=str(video.id), version=video.version
    )
    discard_incoming(video_id=str(video.id), below=video.version)
    video.status = "uploaded"
    video.live_hls_prefix = ""
    video.progress = 0.0
    video.failure_reason = ""
    video.processing_attempts = 0
    video.processing_claim = ""
    video.heartbeat_at = timezone.now()
    video.duration = inspected.info.duration
    video.width, video.height = inspected.info.width, inspected.info.height
    refresh_listing(video=video)
    tasks.process_upload.delay(str(video.id), video.version)
    return video


def update_video(*, video: Video, changes: dict) -> Video:
    """Apply metadata and publishing changes; publishing before processing ends waits for it.

    A change that shuts anyone out (a narrower visibility, unpublishing) revokes every signed
    media link handed out before it; widening keeps them.
    """
    changes = _writable(changes)
    narrowed = _narrows_audience(video=video, changes=changes)
    for field, value in changes.items():
        setattr(video, field, value)
    if changes.get("published") is False:
        video.published_at = None
    if narrowed:
        _revoke_signed_links(video=video)
    return refresh_listing(video=video)


def _narrows_audience(*, video: Video, changes: dict) -> bool:
    """Whether the change takes the item away from someone it is open to now."""
    visibility = changes.get("visibility", video.visibility)
    unpublishing = video.published and changes.get("published") is False
    return unpublishing or AUDIENCE_WIDTH[visibility] < AUDIENCE_WIDTH[video.visibility]


def _revoke_signed_links(*, video: Video) -> None:
    """Sign the item's media under a new epoch, so every link signed before stops verifying.

    The epoch is a fresh random number rather than an increment: two concurrent revocations
    saving the same read-modified value could otherwise both write N+1, and a link signed
    with N+1 between them would survive the second.
    """
    video.signing_epoch = secrets.randbits(62)


def delete_video(*, video: Video) -> None:
    """Remove the item now; its stored files and dependent records go through tasks."""
    video.delete()
    changed(video=video)
    video_deleted.send(sender=Video, video=video)
    if video.files:
        delete_files.delay(list(video.files), MEDIA)
    pictures = pictures_of(video)
    if pictures:
        delete_files.delay(pictures, PUBLIC)
    tasks.purge_video.delay(str(video.id))


def on_account_status_changed(*, user: User, active: bool, **kwargs) -> None:
    """A suspended owner's items vanish from every listing; a reinstated owner's come back."""
    set_owner_active(owner_id=user.id, active=active)


def _viewer_fingerprint(*, user: User | None, address: str, user_agent: str) -> str:
    """Who is watching: the user, or a hash of address and browser for anonymous viewers."""
    if user is not None:
        return f"u:{user.id}"
    return f"a:{_digest(f'{address}|{user_agent}')}"


def _digest(text: str) -> str:
    """A short hash, so Redis keys never hold addresses."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def record_view(
    *,
    video: Video,
    user: User | None,
    address: str,
    user_agent: str,
    position: float | None,
    watched_seconds: float | None = None,
) -> bool:
    """Take a player's heartbeat; count a view once its viewer has watched long enough, at most
    once per viewer per window, and move the item up their history.

    The owner's own watching counts in no figure (it still lands in their history). Anonymous
    viewers are told apart by address and browser, and a script can rotate its browser string;
    so one address also counts at most VIEW_ANON_PER_ADDRESS anonymous views of an item per
    window (a household shares an address), and at most the watch time those viewers could
    really add (see _anonymous_allowance). Signed-in viewers count once each.
    """
    counted = False
    if not _owns(video=video, user=user):
        fingerprint = _viewer_fingerprint(user=user, address=address, user_agent=user_agent)
        beat = watch.heartbeat(
            video=video,
            fingerprint=fingerprint,
            position=position,
            watched_seconds=watched_seconds,
            allowance=None
            if user is not None
            else _anonymous_allowance(video=video, address=address),
        )
        if beat.unviewed_seconds >= beat.threshold:
            key = f"viewed:{video.id}:{fingerprint}"
            counted = bool(get_redis().set(key, 1, nx=True, ex=settings.VIEW_DEDUP_SECONDS))
            if counted and user is None:
                counted = _take_anonymous_view(video=video, address=address)
            if counted:
                counters.views.add(doc_id=video.id)
                watch.mark_counted(session=beat.session)
    if user is not None:
        # Whether the entry shows, as listing keeps it: the owner's own entries always do.
        owns = _owns(video=video, user=user)
        update = {
            "set__watched_at": timezone.now(),
            "set__owner_id": video.owner_id,
            "set__video_open": owns or is_open(video),
            "set__owner_active": owns or video.owner_active,
        }
        if position is not None:
            update["set__position"] = position
        WatchEntry.objects(user_id=user.id, video_id=video.id).update_one(upsert=True, **update)
    return counted


def _owns(*, video: Video, user: User | None) -> bool:
    return user is not None and video.owner_id == user.id


def _take_anonymous_view(*, video: Video, address: str) -> bool:
    """Use one of the address's anonymous views of the item this window; False once spent."""
    key = f"views-per-address:{video.id}:{_digest(address)}"
    pipe = get_redis().pipeline()
    pipe.set(key, 0, nx=True, ex=settings.VIEW_DEDUP_SECONDS)
    pipe.incr(key)
    _, taken = pipe.execute()
    return taken <= settings.VIEW_ANON_PER_ADDRESS


def _anonymous_allowance(*, video: Video, address: str) -> watch.SharedAllowance:
    """Anonymous watch time one address may add to an item per window: a whole watch for each
    view it may count, VIEW_ANON_PER_ADDRESS x the item's duration (x the window's length when
    that is shorter, or the duration unknown), since no viewer watches more in one window."""
    window = settings.VIEW_DEDUP_SECONDS
    per_viewer = min(video.duration or window, window)
    return watch.SharedAllowance(
        key=f"watch-per-address:{video.id}:{_digest(address)}",
        seconds=settings.VIEW_ANON_PER_ADDRESS * per_viewer,
        window=window,
    )


def clear_history(*, user: User) -> int:
    """Forget everything the user watched, and what up next would pair their next items with."""
    cooccurrence.forget_viewer(signal=cooccurrence.CO_WATCH, viewer_id=user.id)
    return WatchEntry.objects(user_id=user.id).delete()


def forget_watch(*, user: User, video_id: str) -> int:
    """Forget one item the user watched; forgetting one never watched changes nothing."""
    item_id = object_id(video_id)
    cooccurrence.forget_viewer(signal=cooccurrence.CO_WATCH, viewer_id=user.id, item_id=item_id)
    return WatchEntry.objects(user_id=user.id, video_id=item_id).delete()
