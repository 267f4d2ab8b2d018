"""Background work of resumable uploads; thin entry points over the services."""

from celery import shared_task


@shared_task
def expire_uploads() -> int:
    """Delete uploads idle past their expiry and their bytes (run on a schedule); idempotent."""
    from uploads import services

    return services.expire_uploads()
