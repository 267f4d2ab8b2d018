"""Tasks that belong to the storage wiring rather than to one app."""

from celery import shared_task

from config.storage import delete_stored


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def delete_files(names: list[str]) -> None:
    """Remove replaced or orphaned media; safe to run twice."""
    delete_stored(names)
