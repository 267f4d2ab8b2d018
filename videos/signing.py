"""Signed, expiring URLs so HLS players can fetch media without sending auth headers."""

import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "streamsphere.media"
DEFAULT_TTL_SECONDS = 6 * 3600
_EXPIRES = re.compile(r"[0-9]{1,12}")


def sign(*, prefix: str, expires: int) -> str:
    """One signature per path prefix, so a playlist and all its segments share it."""
    return salted_hmac(SALT, f"{prefix}\n{expires}", algorithm="sha256").hexdigest()


def signed_query(*, prefix: str, ttl: int | None = None) -> str:
    """The query string to append to any URL under `prefix`."""
    if ttl is None:
        ttl = getattr(settings, "MEDIA_URL_TTL_SECONDS", DEFAULT_TTL_SECONDS)
    expires = int(time.time()) + ttl
    return urlencode({"exp": expires, "sig": sign(prefix=prefix, expires=expires)})


def verify(
    *, prefix: str, expires: str | None, signature: str | None, now: float | None = None
) -> bool:
    """Accept only an unexpired, untampered signature; query values arrive as raw strings."""
    if not expires or not signature or not _EXPIRES.fullmatch(expires):
        return False
    if int(expires) <= (time.time() if now is None else now):
        return False
    return constant_time_compare(sign(prefix=prefix, expires=int(expires)), signature)
