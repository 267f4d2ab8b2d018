"""Signed, expiring URLs so HLS players can fetch media without sending auth headers."""

import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "streamsphere.media"
DEFAULT_TTL_SECONDS = 6 * 3600
_EXPIRES = re.compile(r"[0-9]{1,12}")


def media_prefix(video_id) -> str:
    """The URL prefix one signature covers: every file of one item."""
    return reverse("video-detail", kwargs={"pk": str(video_id)}) + "/"


def sign(*, prefix: str, epoch: int, expires: int) -> str:
    """Shared by a playlist and its segments (one prefix); a new item epoch revokes it at once."""
    return salted_hmac(SALT, f"{prefix}\n{epoch}\n{expires}", algorithm="sha256").hexdigest()


def signed_query(*, prefix: str, epoch: int, ttl: int | None = None) -> str:
    """The query string to append to any URL under `prefix`, valid while the epoch stands."""
    if ttl is None:
        ttl = getattr(settings, "MEDIA_URL_TTL_SECONDS", DEFAULT_TTL_SECONDS)
    expires = int(time.time()) + ttl
    return urlencode({"exp": expires, "sig": sign(prefix=prefix, epoch=epoch, expires=expires)})


def verify(
    *,
    prefix: str,
    epoch: int,
    expires: str | None,
    signature: str | None,
    now: float | None = None,
) -> bool:
    """Accept only an unexpired, untampered signature; query values arrive as raw strings."""
    if not expires or not signature or not _EXPIRES.fullmatch(expires):
        return False
    if int(expires) <= (time.time() if now is None else now):
        return False
    return constant_time_compare(sign(prefix=prefix, epoch=epoch, expires=int(expires)), signature)
