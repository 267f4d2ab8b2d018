"""What an account's purge removes from videos: its items with every stored file (source, HLS
renditions, thumbnail), what hangs off them, their Redis state, its watch history, others'
history of its items, and what up next kept of its watching and liking."""

from accounts.documents import User
from common.counters import registered_tallies
from common.keyspace import delete_keys_naming
from common.removal import CHUNK, delete_in_batches
from common.storage import MEDIA, PUBLIC, delete_stored
from videos import cooccurrence, trending, watch
from videos.cleanup import purge_video_records
from videos.documents import Video, VideoDailyStats, WatchEntry
from videos.signals import video_deleted
from videos.thumbnails import pictures_of
from videos.uploads import discard_incoming


def purge_account(*, user: User, **kwargs) -> None:
    """Remove the user's items and watching; safe to run again after a crash."""
    # Fold every watch session first: the user's watching of others' items is in their figures.
    watch.flush_watch()
    item_ids = list(Video.objects(owner_id=user.id).scalar("id"))
    if item_ids:
        _forget_in_redis(item_ids=item_ids)
    while chunk := list(Video.objects(owner_id=user.id).limit(CHUNK)):
        for video in chunk:
            _remove_item(video=video)
    for field in ("user_id", "owner_id"):
        delete_in_batches(collection=WatchEntry._get_collection(), where={field: user.id})
    for signal in cooccurrence.SIGNALS:
        cooccurrence.forget_viewer(signal=signal, viewer_id=user.id)
    delete_in_batches(collection=VideoDailyStats._get_collection(), where={"owner_id": user.id})


def _forget_in_redis(*, item_ids: list) -> None:
    """The items' waiting counter hits, places in trending lists and every key naming them
    (view windows, watch sessions, cached pages, stamps); before the items go, so nothing
    names an item that no longer exists."""
    for tally in registered_tallies():
        if tally.gained.collection == Video._get_collection:
            tally.forget(doc_ids=item_ids)
    trending.forget(video_ids=item_ids)
    cooccurrence.forget_in_viewer_sets(item_ids=item_ids)
    delete_keys_naming(ids=item_ids)


def _remove_item(*, video: Video) -> None:
    """One item: its files in both stores, then what hangs off it (through video_deleted, as
    any deleted item's), then its document, so a run killed half-way finds it again."""
    delete_stored(names=list(dict.fromkeys([video.source, *video.files])), store=MEDIA)
    delete_stored(names=pictures_of(video), store=PUBLIC)
    discard_incoming(video_id=str(video.id))
    video_deleted.send(sender=Video, video=video)
    purge_video_records(video_id=video.id)
    video.delete()
