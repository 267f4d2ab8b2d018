"""Fixed-window throttles counted in Redis, keyed by scope and by what the scope limits."""

import hashlib
import re

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from common.redis import get_redis

_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """Turn "5/15m" into (5, 900)."""
    match = _RATE.match(rate.strip())
    if not match:
        raise ValueError(f"Bad throttle rate {rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNIT_SECONDS[unit]


def client_address(request) -> str:
    """The caller's address, trusting only the configured number of proxies."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if settings.TRUSTED_PROXY_COUNT and len(hops) >= settings.TRUSTED_PROXY_COUNT:
        return hops[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "unknown")


def _bucket(*, scope: str, ident: str) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def hit(*, scope: str, ident: str) -> int | None:
    """Count one hit; return seconds to wait when over the limit, else None."""
    limit, window = parse_rate(settings.THROTTLE_RATES[scope])
    key = _bucket(scope=scope, ident=ident)
    pipe = get_redis().pipeline()
    pipe.set(key, 0, ex=window, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = pipe.execute()
    if count > limit:
        return ttl if ttl and ttl > 0 else window
    return None


def forget(*, scope: str, ident: str) -> None:
    """Drop one bucket, for a subject that no longer exists."""
    get_redis().delete(_bucket(scope=scope, ident=ident))


class ScopedThrottle(BaseThrottle):
    """Limit a scope by an identity each subclass extracts; no identity means no limit."""

    scope = ""

    def identity(self, request, view) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        ident = self.identity(request, view)
        if not ident:
            return True
        self.retry_after = hit(scope=self.scope, ident=ident)
        return self.retry_after is None

    def wait(self) -> float | None:
        return self.retry_after


class AddressThrottle(ScopedThrottle):
    """Limit by client address."""

    def identity(self, request, view) -> str | None:
        return client_address(request)


class DataFieldThrottle(ScopedThrottle):
    """Limit by a normalised field of the request body (an e-mail, a login).

    The field is read as DRF's CharField reads it (a string or a JSON number turned into one),
    so a value the view accepts never slips past its bucket by arriving as another JSON type.
    """

    field = ""

    def identity(self, request, view) -> str | None:
        value = request.data.get(self.field) if hasattr(request.data, "get") else None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None
        return str(value).strip().lower() or None
