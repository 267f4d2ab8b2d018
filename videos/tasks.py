"""Media background work; each task is a thin entry point over a worker-side module."""

from bson import ObjectId
from celery import shared_task


@shared_task(bind=True, acks_late=True, max_retries=None)
def process_upload(self, video_id: str, version: int):
    """Process one upload; the pipeline decides whether and when to try again."""
    from videos import processing

    retry_in = processing.run_processing(video_id=ObjectId(video_id), version=version)
    if retry_in is not None:
        # Returned, not raised: an eager run (tests, and the embedded worker's callers) re-applies
        # a returned Retry, while a raised one would propagate to whoever queued the task.
        return self.retry(countdown=retry_in, throw=False)
    return None


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def purge_video(video_id: str) -> None:
    """Delete what hangs off a deleted item; idempotent."""
    from videos import cleanup

    cleanup.purge_video_records(video_id=ObjectId(video_id))


@shared_task
def flush_view_counters() -> int:
    """Fold buffered views and watch sessions into Mongo, and pair the items viewers finished
    (run on a schedule)."""
    from videos import cooccurrence, counters, watch

    applied = counters.flush_views()
    watch.flush_watch()
    cooccurrence.flush(signal=cooccurrence.CO_WATCH)
    return applied


@shared_task
def sweep_stale_processing() -> int:
    """Requeue uploads whose worker went quiet, or fail them once out of attempts."""
    from videos import failures

    sweep = failures.sweep_stale()
    for video_id, version in sweep.requeue:
        process_upload.delay(video_id, version)
    return len(sweep.requeue) + sweep.failed
