"""Request ids: echo a sane incoming X-Request-ID or mint one, bind it to every log line."""

import re
import time
import uuid
from contextvars import ContextVar

import structlog

from common import metrics

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id: ContextVar[str] = ContextVar("request_id", default="")
logger = structlog.get_logger("streamsphere.request")


def current_request_id() -> str:
    """The id of the request being served, or an empty string outside one."""
    return _request_id.get()


class RequestIDMiddleware:
    """Tags the request, its logs and its response with one id and records its timing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            _request_id.reset(token)
        elapsed = time.perf_counter() - started
        response[REQUEST_ID_HEADER] = request_id
        route = getattr(getattr(request, "resolver_match", None), "route", "") or "unmatched"
        metrics.observe_request(
            method=request.method, route=route, status=response.status_code, seconds=elapsed
        )
        logger.info(
            "request",
            request_id=request_id,
            method=request.method,
            path=request.path,
            status=response.status_code,
            ms=round(elapsed * 1000, 1),
        )
        return response
