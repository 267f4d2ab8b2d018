"""The httpOnly auth cookies that browser clients use instead of the Authorization header."""

from django.conf import settings
from django.middleware.csrf import get_token

REFRESH_COOKIE_PATH = "/api/v1/auth/"
# A client that keeps its tokens itself (Bearer) sends this header with the value below, and
# sign-in, verify and refresh then answer the tokens in the body only: no cookie is set.
COOKIES_HEADER = "X-Auth-Cookies"
NO_COOKIES = "omit"


def wants_cookies(request) -> bool:
    """Browsers get the cookies unless they ask otherwise."""
    return request.headers.get(COOKIES_HEADER, "").strip().lower() != NO_COOKIES


def set_auth_cookies(*, response, request, access: str, refresh: str) -> None:
    """Attach both tokens as httpOnly cookies and make sure a CSRF cookie exists."""
    jwt = settings.SIMPLE_JWT
    common = {
        "httponly": True,
        "secure": settings.AUTH_COOKIE_SECURE,
        "samesite": settings.AUTH_COOKIE_SAMESITE,
        "domain": settings.AUTH_COOKIE_DOMAIN,
    }
    response.set_cookie(
        settings.AUTH_COOKIE_ACCESS,
        access,
        max_age=int(jwt["ACCESS_TOKEN_LIFETIME"].total_seconds()),
        path="/",
        **common,
    )
    response.set_cookie(
        settings.AUTH_COOKIE_REFRESH,
        refresh,
        max_age=int(jwt["REFRESH_TOKEN_LIFETIME"].total_seconds()),
        path=REFRESH_COOKIE_PATH,
        **common,
    )
    get_token(request)


def clear_auth_cookies(*, response) -> None:
    """Drop both auth cookies."""
    response.delete_cookie(
        settings.AUTH_COOKIE_ACCESS, path="/", domain=settings.AUTH_COOKIE_DOMAIN
    )
    response.delete_cookie(
        settings.AUTH_COOKIE_REFRESH, path=REFRESH_COOKIE_PATH, domain=settings.AUTH_COOKIE_DOMAIN
    )
