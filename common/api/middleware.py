"""Request ids: echo a sane incoming X-Request-ID or mint one, bind it to every log line.

Each request then logs one "request" line: id, signed-in user, method, route, status, duration.
"""

import re
import time
import uuid
from contextvars import ContextVar

import structlog
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from common import metrics

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id: ContextVar[str] = ContextVar("request_id", default="")
logger = structlog.get_logger("streamsphere.request")


def current_request_id() -> str:
    """The id of the request being served, or an empty string outside one."""
    return _request_id.get()


def _platform_user_id(request) -> str | None:
    """The id of the API user the view authenticated, if any.

    DRF puts the user it authenticated on the request; otherwise Django's lazy session user is
    still there, a staff account of the admin console, not looked up just for the log.
    """
    user = vars(request).get("user")
    if user is None or isinstance(user, SimpleLazyObject) or not user.is_authenticated:
        return None
    return str(user.pk)


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
            user_id=_platform_user_id(request),
            method=request.method,
            route=route,
            path=request.path,
            status=response.status_code,
            duration_ms=round(elapsed * 1000, 1),
        )
        return response


class ContentSecurityPolicyMiddleware:
    """Gives every response a Content-Security-Policy: the API's, or the HTML pages' one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            page = response.get("Content-Type", "").startswith("text/html")
            response["Content-Security-Policy"] = (
                settings.CONTENT_SECURITY_POLICY_PAGES
                if page
                else settings.CONTENT_SECURITY_POLICY_API
            )
        return response
