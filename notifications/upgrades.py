"""Stored-document upgrades of the inbox."""

from pymongo import DeleteOne, UpdateOne

from accounts.selectors import users_by_ids
from common.upgrades import batches, upgrade
from engagement.documents import Tweet
from notifications import unread
from notifications.documents import Notification
from notifications.visibility import KEPT_AFTER_DELETION
from videos.documents import Video
from videos.listing import is_open


@upgrade("notifications.shown-flags")
def fill_shown_flags() -> int:
    """Entries stored before the inbox filtered by flags get them, worked out as delivery does;
    entries about an item or tweet deleted since are deleted, as forget_target does now."""
    collection = Notification._get_collection()
    changed = 0
    for rows in batches(collection, {"actor_active": {"$exists": False}}):
        writes = _flag_writes(rows)
        collection.bulk_write(writes, ordered=False)
        unread.changed(user_ids=list({row["recipient_id"] for row in rows}))
        changed += len(writes)
    return changed


def _flag_writes(rows: list[dict]) -> list:
    """One write per entry: its flags, or its deletion; four reads for the whole batch."""
    videos = Video.objects(id__in=[r["target_id"] for r in rows if r["target_type"] == "video"])
    tweets = Tweet.objects(id__in=[r["target_id"] for r in rows if r["target_type"] == "tweet"])
    targets = {video.id: (video.owner_id, is_open(video)) for video in videos}
    targets.update({tweet.id: (tweet.author_id, True) for tweet in tweets})
    users = users_by_ids(
        ids=[r.get("actor_id") for r in rows] + [owner for owner, _ in targets.values()]
    )
    writes = []
    for row in rows:
        gone = row["target_type"] in ("video", "tweet") and row["target_id"] not in targets
        if gone and row["kind"] not in KEPT_AFTER_DELETION:
            writes.append(DeleteOne({"_id": row["_id"]}))
            continue
        owner_id, now_open = targets.get(row["target_id"], (None, True))
        if owner_id == row["recipient_id"]:
            owner_id = None
        actor = users.get(row.get("actor_id"))
        owner = users.get(owner_id)
        flags = {
            "target_owner_id": owner_id,
            "actor_active": row.get("actor_id") is None or (actor is not None and actor.is_active),
            "target_owner_active": owner_id is None or (owner is not None and owner.is_active),
            "target_open": owner_id is None or now_open,
        }
        writes.append(UpdateOne({"_id": row["_id"]}, {"$set": flags}))
    return writes
