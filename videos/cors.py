"""CORS for the playback routes: any origin may read them, never with credentials."""

import re

from django.conf import settings
from django.http import HttpResponse

ALLOW_METHODS = "GET, HEAD, OPTIONS"
ALLOW_HEADERS = "range, if-none-match, if-modified-since, if-range, x-request-id"
EXPOSE_HEADERS = "Content-Range, Accept-Ranges, Content-Length, ETag, X-Request-ID"
PREFLIGHT_MAX_AGE = "86400"


class MediaCorsMiddleware:
    """Opens `stream` and `hls/...` to every origin with `Access-Control-Allow-Origin: *`.

    What authorises these routes is the item's visibility or the signature in the URL, not
    cookies, so a player on any site may fetch them and none needs (or gets) credentials.
    django-cors-headers answers one policy per request (its allowlist with credentials for the
    rest of /api/v1, whose CORS_URLS_REGEX leaves these paths out), hence this separate
    middleware rather than a `check_request_enabled` signal, which could only add origins to
    that credentialed policy. The headers are the same whatever the Origin, so caches may share
    the responses; error responses carry them too, so players see the real status.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = re.compile(settings.MEDIA_CORS_URLS_REGEX)

    def __call__(self, request):
        if not self.paths.match(request.path_info):
            return self.get_response(request)
        preflight = (
            request.method == "OPTIONS" and "access-control-request-method" in request.headers
        )
        if preflight:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOW_METHODS
            response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response
