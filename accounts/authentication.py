"""Bearer or cookie JWT authentication against live Mongo sessions, with CSRF for cookie writes."""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import CSRFCheck
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

from accounts import selectors


def _no_response(request):
    return None


def enforce_csrf(request) -> None:
    """Cookie-authenticated writes must carry Django's CSRF token, as a browser form would."""
    check = CSRFCheck(_no_response)
    check.process_request(request)
    reason = check.process_view(request, None, (), {})
    if reason:
        raise exceptions.PermissionDenied(f"CSRF failed: {reason}")


class TokenAuthentication(JWTAuthentication):
    """Accepts `Authorization: Bearer <access>` or the httpOnly access cookie. Built with
    admit_account_being_deleted, it also lets in a user whose deletion waits out its grace
    period: for the one route acting on that (accounts.lifecycle_views)."""

    def __init__(self, *args, admit_account_being_deleted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.admit_account_being_deleted = admit_account_being_deleted

    def authenticate(self, request):
        header = self.get_header(request)
        raw_token = self.get_raw_token(header) if header is not None else None
        from_cookie = raw_token is None
        if from_cookie:
            raw_token = request.COOKIES.get(settings.AUTH_COOKIE_ACCESS)
        if not raw_token:
            return None
        token = self.get_validated_token(raw_token)
        user = self.get_user(token)
        if from_cookie:
            enforce_csrf(request)
        return user, token

    def get_user(self, validated_token):
        find = (
            selectors.own_account_for_session
            if self.admit_account_being_deleted
            else selectors.active_user_for_session
        )
        user = find(
            user_id=str(validated_token.get("user_id", "")),
            session_id=str(validated_token.get("sid", "")),
        )
        if user is None:
            raise InvalidToken("The session has ended or the account is suspended.")
        return user
