"""Engagement background work; each task is a thin entry point over a worker-side module."""

from bson import ObjectId
from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def delete_target_likes(target_type: str, target_id: str) -> int:
    """Delete the likes of a deleted tweet or item; safe to run twice."""
    from engagement import cleanup

    return cleanup.delete_target_likes(target_type=target_type, target_id=ObjectId(target_id))


@shared_task
def flush_like_counters() -> int:
    """Fold buffered likes into Mongo, and pair the items each user liked (run on a schedule)."""
    from engagement import likes

    applied = likes.flush_like_counters()
    likes.flush_co_likes()
    return applied


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def reconcile_like_counters() -> int:
    """Recount likes and repair what Redis lost (run on a schedule, within its time budget;
    safe to run twice); returns how many repaired."""
    from engagement import likes

    repairs = likes.reconcile_like_counters()
    return sum(repair.repaired for repair in repairs.values())


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def delete_comment_replies(root_id: str, video_id: str) -> int:
    """Delete a removed comment's replies and their likes; safe to run twice."""
    from engagement import cleanup

    return cleanup.delete_comment_replies(root_id=ObjectId(root_id), video_id=ObjectId(video_id))


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def delete_video_comments(video_id: str) -> int:
    """Delete a deleted item's comments and their likes; safe to run twice."""
    from engagement import cleanup

    return cleanup.delete_video_comments(video_id=ObjectId(video_id))


@shared_task
def flush_comment_counters() -> int:
    """Fold buffered comment counts into Mongo (run on a schedule)."""
    from engagement import comment_counts

    return comment_counts.flush_comment_counters()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def reconcile_comment_counters() -> int:
    """Recount published comments and repair what Redis lost (run on a schedule, within its
    time budget; safe to run twice)."""
    from engagement import comment_counts

    return comment_counts.reconcile_comment_counters().repaired
