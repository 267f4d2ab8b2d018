"""Notification background work; each task is a thin entry point over a notifications module."""

from smtplib import SMTPException

from bson import ObjectId
from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def announce(kind: str, target_type: str, target_id: str) -> int:
    """Tell a channel's subscribers of its new item or tweet in batches; safe to run again."""
    from notifications import delivery

    return delivery.announce(kind=kind, target_type=target_type, target_id=ObjectId(target_id))


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_email_digest(user_id: str, kind: str) -> int:
    """Mail one user's pending events of one kind, folded into one e-mail."""
    from notifications import delivery

    return delivery.send_email_digest(user_id=ObjectId(user_id), kind=kind)


@shared_task
def send_due_email_digests() -> int:
    """Mail the digests whose quiet window has passed (run on a schedule)."""
    from notifications import delivery

    return delivery.send_due_email_digests()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def forget_target(target_id: str) -> int:
    """Delete notifications about a deleted item or tweet; idempotent."""
    from notifications import visibility

    return visibility.forget_target(target_id=ObjectId(target_id))
