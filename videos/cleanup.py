"""What a deleted item leaves behind, removed after the fact by a task."""

from bson import ObjectId

from videos import cooccurrence, live
from videos.documents import CaptionTrack, VideoDailyStats, WatchEntry
from videos.uploads import discard_incoming


def purge_video_records(*, video_id: ObjectId) -> None:
    """Delete stashed uploads, live playlists, history entries, daily figures, captions and
    up-next neighbours of a deleted item; idempotent."""
    discard_incoming(video_id=str(video_id))
    live.forget(video_id=video_id)
    cooccurrence.forget_item(item_id=video_id)
    CaptionTrack.objects(video_id=video_id).delete()
    WatchEntry.objects(video_id=video_id).delete()
    VideoDailyStats.objects(video_id=video_id).delete()
