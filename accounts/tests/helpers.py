"""Small builders for account tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(
    name: str = "avatar.png", *, size=(64, 64), fmt: str = "PNG"
) -> SimpleUploadedFile:
    """A real, small image file as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=fmt)
    content_type = f"image/{fmt.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def otp_from_mail(outbox, email: str) -> str:
    """The last code mailed to an address."""
    for message in reversed(outbox):
        if email in message.to:
            return message.subject.rsplit(" ", 1)[-1]
    raise AssertionError(f"no code mailed to {email}")
