"""Dashboard background work; thin entry points over the modules that do it."""

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def refresh_trending() -> dict[str, int]:
    """Recompute the trending lists of every window (run on a schedule); idempotent."""
    from dashboard import trending

    return trending.refresh_trending()
