"""Playlist writes: lists and their metadata, Watch later, and item order kept safe under
concurrent edits without transactions.

The items of a playlist are one array on its document, in position order. Every change reads
the document, computes the new array and writes it with one update conditioned on the
`revision` it read (and bumps it); a write that lost a race to another client matches nothing
and is recomputed from the fresh document. Positions are therefore always 0..n-1, each item
appears once, and no concurrent change is lost.
"""

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bson import ObjectId
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from accounts.documents import User
from common.errors import Conflict, NotFound, RuleViolation
from common.images import validate_image
from common.search import document_tokens
from common.storage import PUBLIC
from common.tasks import delete_files
from playlists import selectors
from playlists.documents import Playlist
from videos.documents import Video

# What an owner may set on a playlist; a Watch later list keeps its name and visibility.
WRITABLE_FIELDS = frozenset({"name", "description", "visibility"})
FIXED_ON_WATCH_LATER = frozenset({"name", "visibility"})
WATCH_LATER_NAME = "Watch later"
# A lost race is retried this many times, with a short random pause, before the client is told.
EDIT_ATTEMPTS = 8


@dataclass(frozen=True)
class PlacedItem:
    """Where an item now sits among what its owner is shown, and whether it was just added."""

    position: int
    added_at: datetime
    added: bool = False


def _now() -> datetime:
    """The time now, to the millisecond, as the store keeps it, so answers match later reads."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise RuleViolation.on_field("name", "A name is required.")
    return name


def name_tokens(*, name: str) -> list[str]:
    """A playlist's search tokens, derived from its name alone."""
    return document_tokens(typed_ahead=[name])


def create_playlist(
    *,
    owner: User,
    name: str,
    description: str = "",
    visibility: str = "public",
    thumbnail=None,
) -> Playlist:
    """Create a regular playlist; a thumbnail is checked before anything is stored."""
    image = validate_image(upload=thumbnail, field="thumbnail") if thumbnail is not None else None
    now = _now()
    playlist = Playlist(
        id=ObjectId(),
        owner_id=owner.id,
        name=_clean_name(name),
        description=description,
        visibility=visibility,
        search_tokens=name_tokens(name=_clean_name(name)),
        created_at=now,
        updated_at=now,
    )
    if image is not None:
        playlist.thumbnail = _store_thumbnail(playlist_id=playlist.id, image=image)
    playlist.save(force_insert=True)
    return playlist


def update_playlist(*, playlist: Playlist, changes: dict) -> Playlist:
    """Change name, description or visibility, leaving the items to their own updates."""
    unknown = sorted(set(changes) - WRITABLE_FIELDS)
    if unknown:
        raise RuleViolation(
            f"These fields cannot be set: {', '.join(unknown)}.",
            fields={name: ["This field cannot be set."] for name in unknown},
        )
    if playlist.kind == "watch_later":
        fixed = sorted(FIXED_ON_WATCH_LATER & set(changes))
        if fixed:
            raise Conflict(
                "Watch later keeps its name and visibility.",
                code="watch_later_fixed",
                fields={name: ["Watch later keeps this as it is."] for name in fixed},
            )
    if "name" in changes:
        name = _clean_name(changes["name"])
        changes = {**changes, "name": name, "search_tokens": name_tokens(name=name)}
    if changes:
        Playlist.objects(id=playlist.id).update_one(
            **{f"set__{name}": value for name, value in changes.items()},
            set__updated_at=_now(),
        )
    return Playlist.objects.get(id=playlist.id)


def delete_playlist(*, playlist: Playlist) -> None:
    """Delete a regular playlist and its custom thumbnail; Watch later stays."""
    if playlist.kind == "watch_later":
        raise Conflict("Watch later cannot be deleted.", code="watch_later_fixed")
    Playlist.objects(id=playlist.id).delete()
    if playlist.thumbnail:
        delete_files.delay([playlist.thumbnail], PUBLIC)


def _store_thumbnail(*, playlist_id: ObjectId, image) -> str:
    name = f"playlists/{playlist_id}/{uuid.uuid4().hex}.{image.extension}"
    return default_storage.save(name, ContentFile(image.content))


def set_thumbnail(*, playlist: Playlist, upload) -> Playlist:
    """Use the owner's image as the thumbnail instead of the first item's."""
    image = validate_image(upload=upload, field="thumbnail")
    name = _store_thumbnail(playlist_id=playlist.id, image=image)
    previous = Playlist._get_collection().find_one_and_update(
        {"_id": playlist.id},
        {"$set": {"thumbnail": name, "updated_at": _now()}},
        projection={"thumbnail": 1},
    )
    if previous is None:
        delete_files.delay([name], PUBLIC)
        raise NotFound()
    if previous.get("thumbnail"):
        delete_files.delay([previous["thumbnail"]], PUBLIC)
    return Playlist.objects.get(id=playlist.id)


def watch_later_for(*, user: User) -> Playlist:
    """The user's Watch later list, created on first use; one per user however many ask at once."""
    query = {"owner_id": user.id, "kind": "watch_later"}
    now = _now()
    fresh = {
        "name": WATCH_LATER_NAME,
        "description": "",
        "visibility": "private",
        "thumbnail": "",
        "items": [],
        "revision": 0,
        "created_at": now,
        "updated_at": now,
    }
    collection = Playlist._get_collection()
    try:
        doc = collection.find_one_and_update(
            query, {"$setOnInsert": fresh}, upsert=True, return_document=ReturnDocument.AFTER
        )
    except DuplicateKeyError:
        doc = collection.find_one(query)
    return Playlist._from_son(doc)


def _edit_items(
    *, playlist: Playlist, change: Callable[[list[dict]], list[dict] | None]
) -> list[dict]:
    """Apply `change` to the current items as one conditioned update, retrying lost races.

    `change` gets the stored items and returns the new array, or None when nothing changes."""
    collection = Playlist._get_collection()
    for attempt in range(EDIT_ATTEMPTS):
        doc = collection.find_one({"_id": playlist.id}, {"items": 1, "revision": 1})
        if doc is None:
            raise NotFound()
        items = doc.get("items", [])
        new_items = change(items)
        if new_items is None:
            return items
        won = collection.update_one(
            {"_id": playlist.id, "revision": doc.get("revision", 0)},
            {"$set": {"items": new_items, "updated_at": _now()}, "$inc": {"revision": 1}},
        )
        if won.matched_count:
            return new_items
        time.sleep(random.uniform(0, 0.002 * 2**attempt))
    raise Conflict(
        "The playlist kept changing while this was applied; try again.", code="concurrent_edit"
    )


class _OwnerView:
    """Which stored items the playlist's owner is shown, looked up once per item across retries."""

    def __init__(self, *, owner_id: ObjectId, shown: ObjectId):
        self.owner_id = owner_id
        self.shown: dict[ObjectId, bool] = {shown: True}

    def hidden(self, items: list[dict]) -> set[ObjectId]:
        unknown = {item["video_id"] for item in items} - set(self.shown)
        if unknown:
            visible = selectors.visible_items(video_ids=unknown, viewer_id=self.owner_id)
            self.shown.update({video_id: video_id in visible for video_id in unknown})
        return {item["video_id"] for item in items if not self.shown[item["video_id"]]}


def _where(items: list[dict], video_id: ObjectId, hidden: set[ObjectId]) -> PlacedItem:
    shown = [item for item in items if item["video_id"] not in hidden]
    position = next(index for index, item in enumerate(shown) if item["video_id"] == video_id)
    return PlacedItem(position=position, added_at=shown[position]["added_at"])


def _placed(
    items: list[dict], entry: dict, position: int | None, hidden: set[ObjectId]
) -> list[dict]:
    """The items with `entry` at `position` among the shown ones (the end when None or past it)."""
    others = [item for item in items if item["video_id"] != entry["video_id"]]
    shown_at = [index for index, item in enumerate(others) if item["video_id"] not in hidden]
    at = len(others)
    if position is not None and position < len(shown_at):
        at = shown_at[position]
    return [*others[:at], entry, *others[at:]]


def put_item(*, playlist: Playlist, video: Video, position: int | None = None) -> PlacedItem:
    """Add an item at the end or at `position`; one already there stays, or moves when a
    position is given. The cap on items is checked against the array the update replaces, and
    an item deleted while it was being added does not stay."""
    view = _OwnerView(owner_id=playlist.owner_id, shown=video.id)
    added = False

    def change(items: list[dict]) -> list[dict] | None:
        nonlocal added
        existing = next((item for item in items if item["video_id"] == video.id), None)
        added = existing is None
        if existing is not None and position is None:
            return None
        if existing is None and len(items) >= settings.PLAYLIST_MAX_ITEMS:
            raise Conflict(
                f"A playlist holds at most {settings.PLAYLIST_MAX_ITEMS} items.",
                code="playlist_full",
            )
        entry = existing or {"video_id": video.id, "added_at": _now()}
        placed = _placed(items, entry, position, view.hidden(items))
        return None if placed == items else placed

    items = _edit_items(playlist=playlist, change=change)
    if added and not Video.objects(id=video.id).only("id").first():
        # Deleted meanwhile, perhaps after its cleanup already ran: take it out again.
        remove_item(playlist=playlist, video_id=video.id)
        raise NotFound()
    placed = _where(items, video.id, view.hidden(items))
    return PlacedItem(position=placed.position, added_at=placed.added_at, added=added)


def move_item(*, playlist: Playlist, video: Video, position: int | None) -> PlacedItem:
    """Move an item to `position` among the shown ones (the others shift to make room), or
    leave it where it is when no position is given."""
    view = _OwnerView(owner_id=playlist.owner_id, shown=video.id)

    def change(items: list[dict]) -> list[dict] | None:
        entry = next((item for item in items if item["video_id"] == video.id), None)
        if entry is None:
            raise NotFound("This item is not in the playlist.")
        if position is None:
            return None
        placed = _placed(items, entry, position, view.hidden(items))
        return None if placed == items else placed

    items = _edit_items(playlist=playlist, change=change)
    return _where(items, video.id, view.hidden(items))


def remove_item(*, playlist: Playlist, video_id: ObjectId) -> None:
    """Take an item out; later ones move up. Removing one that is not there changes nothing."""

    def change(items: list[dict]) -> list[dict] | None:
        kept = [item for item in items if item["video_id"] != video_id]
        return None if len(kept) == len(items) else kept

    _edit_items(playlist=playlist, change=change)


def forget_video(*, video_id: ObjectId) -> int:
    """Take a deleted item out of every playlist; safe to run again. Returns how many changed."""
    return (
        Playlist._get_collection()
        .update_many(
            {"items.video_id": video_id},
            {"$pull": {"items": {"video_id": video_id}}, "$inc": {"revision": 1}},
        )
        .modified_count
    )
