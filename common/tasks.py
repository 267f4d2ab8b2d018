"""Background work every app shares."""

from celery import shared_task

from common.storage import delete_stored


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def delete_files(names: list[str], store: str = "default") -> None:
    """Remove replaced or orphaned files from one store; safe to run twice."""
    delete_stored(names=names, store=store)
