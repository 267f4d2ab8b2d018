"""Image upload validation: a real, decodable picture of an allowed format, size and dimension.

Dimensions are checked from the header before any pixel is decoded, so a small file declaring a
huge picture (a decompression bomb) never reaches memory.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from common.errors import RuleViolation, TooLarge

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


def bound_image_decoding() -> None:
    """Make Pillow refuse, on any decode path, pictures with more pixels than the platform takes."""
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_DIMENSION**2


def _refuse_dimensions(field: str) -> RuleViolation:
    low, high = settings.IMAGE_MIN_DIMENSION, settings.IMAGE_MAX_DIMENSION
    return RuleViolation.on_field(
        field, f"Image dimensions must be between {low} and {high} pixels per side."
    )


def _checked_header(content: bytes, field: str) -> tuple[str, int, int]:
    """Format and size from the header alone: Image.open decodes no pixel data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                fmt, (width, height) = image.format, image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse_dimensions(field) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise RuleViolation.on_field(field, "The file is not a valid image.") from exc
    if fmt not in settings.IMAGE_FORMATS:
        allowed = ", ".join(settings.IMAGE_FORMATS)
        raise RuleViolation.on_field(field, f"Unsupported image format {fmt}; use {allowed}.")
    low, high = settings.IMAGE_MIN_DIMENSION, settings.IMAGE_MAX_DIMENSION
    if not (low <= width <= high and low <= height <= high):
        raise _refuse_dimensions(field)
    return fmt, width, height


def _decode(content: bytes, field: str) -> None:
    """Check the structure, then decode the pixels of a picture already known to be small enough."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise RuleViolation.on_field(field, "The file is not a valid image.") from exc


def validate_image(*, upload, field: str) -> ValidatedImage:
    """Check an uploaded image, its header before any pixel is decoded; failures name the field."""
    if upload is None or not hasattr(upload, "read"):
        raise RuleViolation.on_field(field, "An image file is required.")
    if upload.size > settings.IMAGE_MAX_BYTES:
        limit_mb = settings.IMAGE_MAX_BYTES / (1024 * 1024)
        raise TooLarge.on_field(field, f"The image is larger than {limit_mb:g} MB.")
    content = upload.read()
    fmt, width, height = _checked_header(content, field)
    _decode(content, field)
    return ValidatedImage(content=content, format=fmt, width=width, height=height)
