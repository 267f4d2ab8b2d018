"""`Idempotency-Key` on creating POSTs: a retried request gets the first answer, creates nothing.

Put `@idempotent` on a viewset action (under its extend_schema). A signed-in caller may send
`Idempotency-Key: <1-255 visible ASCII characters>`; keys are per user. The first 2xx answer is
kept in Redis for IDEMPOTENCY_KEY_SECONDS (24 h) with a fingerprint of the method, path and body:
- the same key and body again: that answer again (`Idempotent-Replayed: true`), nothing runs;
- the same key with another body or route: 422 `idempotency_key_reused`;
- the same key while its first request still runs: 409 `idempotency_key_in_flight`.
Failed requests keep nothing, so the retry runs anew. The schema documents the header and these
answers on every decorated operation (common.api.openapi).
"""

import hashlib
import json
import re
from functools import wraps

from django.conf import settings
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from common.api.errors import error_body
from common.api.views import viewer_of
from common.redis import get_redis

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
# The in-flight lock outlives the longest request gunicorn lets run (its 120 s timeout).
LOCK_SECONDS = 180
REPLAYED_HEADER = "Idempotent-Replayed"


def _error(code: int, name: str, message: str, fields: dict | None = None) -> Response:
    return Response(
        error_body(status_code=code, code=name, message=message, fields=fields), status=code
    )


def _fingerprint(request) -> str:
    """What makes two requests the same: method, path and body (uploaded files by content)."""
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    data = request.data
    if not hasattr(data, "lists"):  # a parsed JSON body
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
        return digest.hexdigest()
    for name, values in sorted(data.lists(), key=lambda pair: pair[0]):
        digest.update(f"\n{json.dumps(name)}:".encode())
        for value in values:
            if not hasattr(value, "chunks"):
                digest.update(json.dumps(value, default=str).encode())
                continue
            digest.update(f"file {json.dumps(value.name)} {value.size}:".encode())
            value.seek(0)
            for chunk in value.chunks():
                digest.update(chunk)
            value.seek(0)
    return digest.hexdigest()


def idempotent(action):
    """Make a creating action answer a retried `Idempotency-Key` request with its first answer."""

    @wraps(action)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        user = viewer_of(request)
        if key is None or user is None:
            return action(self, request, *args, **kwargs)
        if not re.fullmatch(KEY_PATTERN, key):
            message = "Use 1 to 255 visible ASCII characters."
            return _error(400, "validation_error", message, {HEADER: [message]})
        fingerprint = _fingerprint(request)
        redis = get_redis()
        name = f"idempotency:{user.id}:{hashlib.sha256(key.encode()).hexdigest()}"
        kept = redis.get(name)
        if kept is None:
            if not redis.set(f"{name}:lock", "1", nx=True, ex=LOCK_SECONDS):
                return _error(
                    status.HTTP_409_CONFLICT,
                    "idempotency_key_in_flight",
                    "A request with this Idempotency-Key is still running; retry shortly.",
                )
            try:
                kept = redis.get(name)
                if kept is None:
                    response = action(self, request, *args, **kwargs)
                    if not 200 <= response.status_code < 300:
                        return response
                    record = {
                        "fingerprint": fingerprint,
                        "status": response.status_code,
                        "body": JSONRenderer().render(response.data).decode(),
                    }
                    redis.set(name, json.dumps(record), ex=settings.IDEMPOTENCY_KEY_SECONDS)
                    return response
            finally:
                redis.delete(f"{name}:lock")
        record = json.loads(kept)
        if record["fingerprint"] != fingerprint:
            return _error(
                status.HTTP_422_UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for another request; use a new key.",
            )
        response = Response(json.loads(record["body"]), status=record["status"])
        response[REPLAYED_HEADER] = "true"
        return response

    wrapper.idempotent = True
    return wrapper
