"""Playlist background work; each task is a thin entry point over a service."""

from bson import ObjectId
from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def forget_deleted_video(video_id: str) -> int:
    """Take a deleted item out of every playlist; idempotent."""
    from playlists import services

    return services.forget_video(video_id=ObjectId(video_id))
