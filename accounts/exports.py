"""Exporting my data: at most one export a day, written by a task into a zip streamed to the
media store (a JSON file per kind and the original media files; every app contributes what it
holds through accounts.signals.collecting_account_data), downloadable through a signed link for
DATA_EXPORT_LINK_SECONDS after it is ready, then deleted."""

import math
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from bson import ObjectId
from celery import signature
from django.conf import settings
from django.core.files import File
from django.utils import timezone
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from accounts import selectors
from accounts.documents import Block, DataExport, User
from accounts.signals import collecting_account_data
from common.errors import NotFound, RateLimited
from common.exports import ExportPart, StoredFile, write_archive
from common.storage import MEDIA, PUBLIC, delete_stored, media_storage
from common.tasks import delete_files
from common.upgrades import batches


@dataclass(frozen=True)
class ExportState:
    """An export as its owner sees it: `expires_at` only once ready."""

    export: DataExport
    status: str
    expires_at: datetime | None
    next_export_at: datetime


def _interval() -> timedelta:
    return timedelta(seconds=settings.DATA_EXPORT_INTERVAL_SECONDS)


def link_expiry(*, export: DataExport) -> datetime | None:
    """When a ready export's zip and download link expire."""
    if export.finished_at is None:
        return None
    return export.finished_at + timedelta(seconds=settings.DATA_EXPORT_LINK_SECONDS)


def request_export(*, user: User) -> DataExport:
    """Queue a new export unless one was asked for within the interval (a failed one aside);
    the previous export's zip goes."""
    now = timezone.now()
    due = {"$or": [{"requested_at": {"$lte": now - _interval()}}, {"status": "failed"}]}
    fresh = {"status": "queued", "requested_at": now, "finished_at": None, "file": "", "size": 0}
    try:
        before = DataExport._get_collection().find_one_and_update(
            {"user_id": user.id, **due},
            {"$set": fresh},
            upsert=True,
            return_document=ReturnDocument.BEFORE,
        )
    except DuplicateKeyError:
        latest = DataExport.objects(user_id=user.id).first()
        wait = (latest.requested_at + _interval() - now).total_seconds() if latest else 1
        raise RateLimited(
            "You can ask for one data export a day.", wait=math.ceil(wait), code="export_limit"
        ) from None
    if before is not None and before.get("file"):
        delete_files.delay([before["file"]], MEDIA)
    export = DataExport.objects.get(user_id=user.id)
    # By name: the task module imports this one.
    signature("accounts.tasks.build_export", args=(str(export.id),)).delay()
    return export


def export_state(*, user: User) -> ExportState:
    """The caller's latest export; none asked for yet is a 404."""
    export = DataExport.objects(user_id=user.id).first()
    if export is None:
        raise NotFound("No data export was asked for yet.")
    expires_at = link_expiry(export=export)
    lapsed = export.status == "ready" and expires_at is not None and expires_at <= timezone.now()
    return ExportState(
        export=export,
        status="expired" if lapsed else export.status,
        expires_at=expires_at,
        next_export_at=export.requested_at + _interval(),
    )


def build_export(*, export_id: ObjectId) -> None:
    """Write the zip to a temporary file, a record and a chunk at a time, then into the media
    store; a run that lost its export meanwhile (a newer one, or the account purged) leaves
    nothing behind."""
    export = DataExport.objects(id=export_id, status__in=("queued", "running")).first()
    if export is None:
        return
    mine = DataExport.objects(id=export.id, requested_at=export.requested_at)
    mine.update_one(set__status="running")
    user = User.objects(id=export.user_id).first()
    if user is None:
        return
    parts = account_parts(user=user) + [
        part
        for _, contributed in collecting_account_data.send(sender=User, user=user)
        for part in contributed
    ]
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as handle:
        write_archive(parts=parts, into=handle)
        size = handle.tell()
        handle.seek(0)
        name = media_storage().save(
            f"exports/{export.id}/{uuid.uuid4().hex}.zip", File(handle, name="export.zip")
        )
    ready = mine.filter(status="running").update_one(
        set__status="ready", set__file=name, set__size=size, set__finished_at=timezone.now()
    )
    if not ready:
        delete_stored(names=[name], store=MEDIA)


def mark_failed(*, export_id: ObjectId) -> None:
    """The export could not be written: say so, and let its owner ask again at once."""
    DataExport.objects(id=export_id, status__in=("queued", "running")).update_one(
        set__status="failed"
    )


def delete_expired() -> int:
    """Delete the zips whose link has expired; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.DATA_EXPORT_LINK_SECONDS)
    expired = 0
    for export in DataExport.objects(status="ready", finished_at__lte=cutoff):
        delete_stored(names=[export.file], store=MEDIA)
        expired += DataExport.objects(id=export.id, file=export.file).update_one(
            set__status="expired", set__file="", set__size=0
        )
    return expired


def account_parts(*, user: User) -> list[ExportPart]:
    """What accounts holds of the user: the profile with its pictures, and the blocks."""
    profile = {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "full_name": user.full_name,
        "created_at": user.created_at,
        "avatar": _picture_path(user.avatar, "avatar"),
        "cover_image": _picture_path(user.cover_image, "cover_image"),
    }

    def pictures() -> Iterator[StoredFile]:
        for name, kind in ((user.avatar, "avatar"), (user.cover_image, "cover_image")):
            if name:
                yield StoredFile(store=PUBLIC, name=name, path=_picture_path(name, kind))

    def blocks() -> Iterator[dict]:
        for rows in batches(Block._get_collection(), {"blocker_id": user.id}):
            users = selectors.users_by_ids(ids=[row["blocked_id"] for row in rows])
            for row in rows:
                blocked = users.get(row["blocked_id"])
                yield {
                    "user_id": row["blocked_id"],
                    "username": blocked.username if blocked else None,
                    "created_at": row["created_at"],
                }

    return [
        ExportPart(name="profile", records=lambda: iter([profile]), files=pictures),
        ExportPart(name="blocks", records=blocks),
    ]


def _picture_path(name: str, kind: str) -> str | None:
    return f"media/profile/{kind}{PurePosixPath(name).suffix}" if name else None
