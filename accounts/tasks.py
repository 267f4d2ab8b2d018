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
def send_verification_code(email: str, code: str) -> None:
    """Mail the sign-up code; a retry sends the same code, so repeats are harmless."""
    minutes = settings.OTP_TTL_SECONDS // 60
    send_mail(
        subject=f"Your StreamSphere code: {code}",
        message=(
            f"Your verification code is {code}.\n"
            f"It expires in {minutes} minutes. If you did not sign up, ignore this e-mail."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
