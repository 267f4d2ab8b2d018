"""Keeping each entry's shown flags true to its actor, its target's owner and its item, so the
inbox's query (selectors.shown_entries) leaves hidden entries out and every page is full.

Every change writes only the entries whose flag it flips, and has their recipients' unread
figures recounted. Entries about a deleted item or tweet are deleted instead.
"""

from bson import ObjectId
from mongoengine import QuerySet

from accounts.documents import User
from engagement.documents import Tweet
from notifications import unread
from notifications.documents import Notification
from videos.documents import Video
from videos.listing import is_open

# Kinds that outlive the deletion of their target: removing the reported thing is what a
# report's resolution usually announces.
KEPT_AFTER_DELETION = ("report_resolved",)


def _recipients(entries: QuerySet) -> list[ObjectId]:
    """Whose entries these are, streamed by an aggregation (a distinct answer is capped at 16 MB,
    about a million ids)."""
    return [row["_id"] for row in entries.aggregate([{"$group": {"_id": "$recipient_id"}}])]


def _apply(entries: QuerySet, **update) -> None:
    """Update these entries, then have their recipients' unread figures recounted."""
    recipients = _recipients(entries)
    if recipients:
        entries.update(**update)
        unread.changed(user_ids=recipients)


def on_item_refreshed(*, video: Video) -> None:
    """Entries about an item (to anyone but its owner) open and close with it."""
    now_open = is_open(video)
    entries = Notification.objects(
        target_id=video.id, target_owner_id=video.owner_id, target_open=not now_open
    )
    _apply(entries, set__target_open=now_open)


def on_account_status_changed(*, user_id: ObjectId, active: bool) -> None:
    """A suspended user's actions and items hide the entries about them; reinstating shows them."""
    _apply(
        Notification.objects(actor_id=user_id, actor_active=not active),
        set__actor_active=active,
    )
    _apply(
        Notification.objects(target_owner_id=user_id, target_owner_active=not active),
        set__target_owner_active=active,
    )


def forget_target(*, target_id: ObjectId) -> int:
    """Delete the entries about a deleted item or tweet (KEPT_AFTER_DELETION kinds stay)."""
    about = Notification.objects(target_id=target_id, kind__nin=KEPT_AFTER_DELETION)
    recipients = _recipients(about)
    deleted = about.delete()
    unread.changed(user_ids=recipients)
    return deleted


def settle(*, target_type: str, target_id: ObjectId) -> None:
    """Make every entry about one item or tweet, and its owner's, true to them as they are now,
    for writes that may have raced a change (a fan-out that went on while it happened)."""
    if target_type == "video":
        target = Video.objects(id=target_id).first()
        owner_id = target.owner_id if target else None
    else:
        target = Tweet.objects(id=target_id).first()
        owner_id = target.author_id if target else None
    if target is None:
        forget_target(target_id=target_id)
        return
    owner = User.objects(id=owner_id).only("is_active").first()
    on_account_status_changed(user_id=owner_id, active=owner is not None and owner.is_active)
    if target_type == "video":
        on_item_refreshed(video=target)
