"""Request ids: echo a sane incoming X-Request-ID or mint one, bind it to every log line.

Each request then logs one "request" line: id, signed-in user, method, route, status, duration.
Also the headers every response gets: its Content-Security-Policy, and the caching rules of
answers that depend on who asks.
"""

import re
import time
import uuid
from contextvars import ContextVar

import structlog
from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject

from common import metrics

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id: ContextVar[str] = ContextVar("request_id", default="")
logger = structlog.get_logger("streamsphere.request")


def current_request_id() -> str:
    """The id of the request being served, or an empty string outside one."""
    return _request_id.get()


def _credentials_read(request) -> bool:
    """Whether an API view read the request's credentials: DRF puts the user it found (None
    for nobody) where Django's lazy session user was."""
    found = vars(request)
    return "user" in found and not isinstance(found["user"], SimpleLazyObject)


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


class PrivateAnswersMiddleware:
    """Keeps shared caches from storing one caller's answer or handing it to another.

    An API answer depends on the credentials of its request, a bearer token or the session
    cookies, so it names both in Vary. One given to a signed-in caller is private and
    revalidated by its ETag (no-cache) unless its view chose a policy; one that sets cookies
    (a sign-in, a refresh, a sign-out) carries tokens and is not stored at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _credentials_read(request):
            return response
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        elif _platform_user_id(request) is None:
            return response
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        elif "public" not in response["Cache-Control"]:
            patch_cache_control(response, private=True)
        return response
