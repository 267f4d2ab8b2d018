"""Small builders for account tests."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

CODE_SUBJECT = re.compile(r"code: (\d{6})$")


def image_upload(
    name: str = "avatar.png", *, size=(64, 64), fmt: str = "PNG"
) -> SimpleUploadedFile:
    """A real, small image file as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=fmt)
    content_type = f"image/{fmt.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def codes_mailed(outbox, email: str) -> list[str]:
    """Every code mailed to an address, newest first; mails without a code are skipped."""
    codes = []
    for message in reversed(outbox):
        found = CODE_SUBJECT.search(message.subject)
        if email in message.to and found:
            codes.append(found.group(1))
    return codes


def otp_from_mail(outbox, email: str) -> str:
    """The last code mailed to an address."""
    codes = codes_mailed(outbox, email)
    assert codes, f"no code mailed to {email}"
    return codes[0]
