"""Image upload validation: a real, decodable picture of an allowed format, size and dimension."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from common.errors import RuleViolation

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


@dataclass(frozen=True)
class ValidatedImage:
    content: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def validate_image(*, upload, field: str) -> ValidatedImage:
    """Read and check an uploaded image; any failure is a RuleViolation naming the field."""
    if upload is None or not hasattr(upload, "read"):
        raise RuleViolation.on_field(field, "An image file is required.")
    if upload.size > settings.IMAGE_MAX_BYTES:
        limit_mb = settings.IMAGE_MAX_BYTES / (1024 * 1024)
        raise RuleViolation.on_field(field, f"The image is larger than {limit_mb:g} MB.")
    content = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                fmt, (width, height) = image.format, image.size
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise RuleViolation.on_field(field, "The file is not a valid image.") from exc
    if fmt not in settings.IMAGE_FORMATS:
        allowed = ", ".join(settings.IMAGE_FORMATS)
        raise RuleViolation.on_field(field, f"Unsupported image format {fmt}; use {allowed}.")
    low, high = settings.IMAGE_MIN_DIMENSION, settings.IMAGE_MAX_DIMENSION
    if not (low <= width <= high and low <= height <= high):
        raise RuleViolation.on_field(
            field, f"Image dimensions must be between {low} and {high} pixels per side."
        )
    return ValidatedImage(content=content, format=fmt, width=width, height=height)
