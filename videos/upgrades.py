"""Stored-document upgrades of media items and watch history."""

from pymongo import DeleteOne, UpdateOne

from common.upgrades import batches, upgrade
from videos.documents import Video, WatchEntry
from videos.listing import is_open


@upgrade("videos.history-shown-flags")
def fill_history_flags() -> int:
    """History entries stored before the history filtered by flags get them, as a heartbeat
    sets them now; entries of items deleted since are deleted."""
    collection = WatchEntry._get_collection()
    changed = 0
    for rows in batches(collection, {"video_open": {"$exists": False}}):
        videos = {video.id: video for video in Video.objects(id__in=[r["video_id"] for r in rows])}
        writes = []
        for row in rows:
            video = videos.get(row["video_id"])
            if video is None:
                writes.append(DeleteOne({"_id": row["_id"]}))
                continue
            owns = video.owner_id == row["user_id"]
            flags = {
                "owner_id": video.owner_id,
                "video_open": owns or is_open(video),
                "owner_active": owns or video.owner_active,
            }
            writes.append(UpdateOne({"_id": row["_id"]}, {"$set": flags}))
        collection.bulk_write(writes, ordered=False)
        changed += len(writes)
    return changed
