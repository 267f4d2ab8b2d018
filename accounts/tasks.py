"""Account e-mail, sent by workers so a slow mail server never holds a request."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_verification_code(email: str, code: str, username: str) -> None:
    """Mail the sign-up code, naming the account it creates; a retry sends the same code."""
    minutes = settings.OTP_TTL_SECONDS // 60
    send_mail(
        subject=f"Your StreamSphere code: {code}",
        message=(
            f"Your verification code is {code}.\n"
            f"It creates the StreamSphere account @{username} for this address and expires in "
            f"{minutes} minutes.\n"
            f"If you did not sign up as @{username}, ignore this e-mail: without the code no "
            "account is created."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_registration_notice(email: str, minutes_left: int) -> None:
    """Tell an address a sign-up for it is already waiting; no code, since the asker chose none."""
    send_mail(
        subject="Your StreamSphere sign-up is already waiting",
        message=(
            "Someone asked to sign up with this address again, but a sign-up for it is already "
            "waiting for its code.\n"
            "If you started it, use the code we sent you then, or ask for a new one.\n"
            "If you did not, ignore every code from us: no account is created without one. "
            f"The waiting sign-up lapses within {minutes_left} minutes; register after that."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


@shared_task
def purge_due_accounts() -> int:
    """Queue the purge of every account whose deletion's grace period has passed (on a schedule;
    a purge cut short is queued again by the next run)."""
    from accounts import purge

    due = purge.due_account_ids(limit=settings.ACCOUNT_PURGE_BATCH)
    for user_id in due:
        purge_account.delay(str(user_id))
    return len(due)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def purge_account(user_id: str) -> bool:
    """Remove a deleted account and everything of it; idempotent, finishes a killed run's job."""
    from bson import ObjectId

    from accounts import purge

    return purge.purge_account(user_id=ObjectId(user_id))


def _export_failed(task, exc, task_id, args, kwargs, einfo) -> None:
    """The last attempt failed: the export says so, and its owner may ask again at once."""
    from bson import ObjectId

    from accounts import exports

    exports.mark_failed(export_id=ObjectId(args[0]))


@shared_task(
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=900,
    max_retries=3,
    on_failure=_export_failed,
)
def build_export(export_id: str) -> None:
    """Write a user's data export; a failed run is tried again, then the export says failed."""
    from bson import ObjectId

    from accounts import exports

    exports.build_export(export_id=ObjectId(export_id))


@shared_task
def delete_expired_exports() -> int:
    """Delete the zips whose download link expired (on a schedule)."""
    from accounts import exports

    return exports.delete_expired()
