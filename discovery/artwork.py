"""Podcast artwork: Apple wants a square JPEG or PNG of 1400 to 3000 px in RGB, whose URL changes
whenever the picture does. A channel's is made from its avatar (else its cover image, else a
plain square of a colour of its own), cropped to the centre and scaled to 1400 px. Its version,
part of its URL, is a digest of the picture it is made from."""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.storage import storages
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.documents import User
from common.storage import PUBLIC

SIDE = 1400
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Artwork:
    source: str  # the stored picture it is made from, "" for the plain square
    version: str


def artwork_of(*, channel: User) -> Artwork:
    """Which picture the channel's artwork is made from, and its version."""
    source = channel.avatar or channel.cover_image
    seed = source or f"plain:{channel.id}"
    return Artwork(source=source, version=hashlib.sha256(seed.encode()).hexdigest()[:16])


def render(*, channel: User, artwork: Artwork) -> bytes:
    """The artwork as JPEG bytes; a stored picture that is gone or unreadable gives the plain
    square."""
    picture = _picture(artwork.source) if artwork.source else None
    if picture is None:
        digest = hashlib.sha256(str(channel.id).encode()).digest()
        square = Image.new("RGB", (SIDE, SIDE), tuple(64 + byte // 2 for byte in digest[:3]))
    else:
        square = ImageOps.fit(picture, (SIDE, SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    square.save(out, "JPEG", quality=JPEG_QUALITY, dpi=(72, 72))
    return out.getvalue()


def _picture(name: str) -> Image.Image | None:
    """A stored picture (checked when it was uploaded), upright, in RGB, transparent parts
    white."""
    try:
        with storages[PUBLIC].open(name, "rb") as handle, Image.open(handle) as image:
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGBA")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    flat = Image.new("RGB", upright.size, "white")
    flat.paste(upright, mask=upright.getchannel("A"))
    return flat
