"""Account endpoints: sign-up, sign-in, token rotation, sign-out and the caller's own profile."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts import selectors, services, throttles
from accounts.authentication import enforce_csrf
from accounts.cookies import (
    COOKIES_HEADER,
    NO_COOKIES,
    clear_auth_cookies,
    set_auth_cookies,
    wants_cookies,
)
from accounts.serializers import (
    AuthResultSerializer,
    AvatarUploadSerializer,
    BlockSerializer,
    CoverImageUploadSerializer,
    LoginSerializer,
    MeSerializer,
    PasswordChangeSerializer,
    ProfileUpdateSerializer,
    RefreshSerializer,
    RegisterSerializer,
    RegistrationStartedSerializer,
    ResendSerializer,
    TokenPairSerializer,
    VerifySerializer,
)
from common.api.limits import UploadLimitsMixin
from common.api.openapi import error_responses
from common.api.pagination import KeysetPagination
from common.api.throttling import client_address
from common.api.views import validated

NO_CONTENT = OpenApiResponse(description="Done.")


def _auth_response(request, pair, *, status_code: int, user=None) -> Response:
    body = {"access": pair.access, "refresh": pair.refresh}
    if user is not None:
        body["user"] = MeSerializer(user, context={"request": request}).data
    response = Response(body, status=status_code)
    if wants_cookies(request):
        set_auth_cookies(
            response=response, request=request, access=pair.access, refresh=pair.refresh
        )
    return response


COOKIES_PARAMETER = OpenApiParameter(
    COOKIES_HEADER,
    str,
    OpenApiParameter.HEADER,
    enum=[NO_COOKIES],
    description=(
        f"`{NO_COOKIES}`: answer the tokens in the body only, set no cookie (for clients that "
        "send `Authorization: Bearer`). Without it the httpOnly auth cookies are set too."
    ),
)


def _open_session(request, user):
    return services.open_session(
        user=user,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        ip=client_address(request),
    )


class AuthViewSet(UploadLimitsMixin, viewsets.ViewSet):
    """Registration with an e-mailed code, login and the refresh-token session lifecycle."""

    authentication_classes = []
    permission_classes = [AllowAny]
    upload_limits = {"register": {"avatar": "IMAGE_MAX_BYTES", "cover_image": "IMAGE_MAX_BYTES"}}
    json_too = frozenset({"register"})
    action_throttles = {
        "register": [throttles.RegisterThrottle],
        "verify": [throttles.OtpVerifyThrottle],
        "resend": [throttles.OtpResendThrottle],
        "login": [throttles.LoginAddressThrottle, throttles.LoginAccountThrottle],
    }

    def get_throttles(self):
        return [throttle() for throttle in self.action_throttles.get(self.action, [])]

    def get_authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'

    @extend_schema(
        request=RegisterSerializer,
        responses={202: RegistrationStartedSerializer, **error_responses(409)},
        summary="Start a registration; a 6-digit code is e-mailed",
        tags=["auth"],
    )
    def register(self, request):
        email = services.start_registration(**validated(RegisterSerializer, request))
        body = {"email": email, "expires_in": settings.OTP_TTL_SECONDS}
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=VerifySerializer,
        parameters=[COOKIES_PARAMETER],
        responses={201: AuthResultSerializer, **error_responses(409)},
        summary="Confirm the e-mailed code; creates the account and signs in",
        tags=["auth"],
    )
    def verify(self, request):
        user = services.verify_registration(**validated(VerifySerializer, request))
        pair = _open_session(request, user)
        return _auth_response(request, pair, status_code=status.HTTP_201_CREATED, user=user)

    @extend_schema(
        request=ResendSerializer,
        responses={202: NO_CONTENT},
        summary="E-mail a fresh code (once per cooldown)",
        tags=["auth"],
    )
    def resend(self, request):
        services.resend_registration_code(**validated(ResendSerializer, request))
        return Response(status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=LoginSerializer,
        parameters=[COOKIES_PARAMETER],
        responses={200: AuthResultSerializer, **error_responses(401, 403)},
        summary="Sign in with username or e-mail",
        tags=["auth"],
    )
    def login(self, request):
        user = services.authenticate_credentials(**validated(LoginSerializer, request))
        pair = _open_session(request, user)
        return _auth_response(request, pair, status_code=status.HTTP_200_OK, user=user)

    @extend_schema(
        request=RefreshSerializer,
        parameters=[COOKIES_PARAMETER],
        responses={200: TokenPairSerializer, **error_responses(401, 403)},
        summary="Rotate the refresh token; a reused one revokes its session",
        tags=["auth"],
    )
    def refresh(self, request):
        raw = validated(RefreshSerializer, request).get("refresh")
        if not raw:
            raw = request.COOKIES.get(settings.AUTH_COOKIE_REFRESH, "")
            if raw:
                enforce_csrf(request)
        pair = services.rotate_refresh_token(raw_token=raw)
        return _auth_response(request, pair, status_code=status.HTTP_200_OK)


class SessionViewSet(viewsets.ViewSet):
    """Sign-out and password change for the signed-in caller."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={204: NO_CONTENT}, summary="Sign out this session", tags=["auth"]
    )
    def logout(self, request):
        services.revoke_session(session_id=request.auth["sid"], reason="logout")
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_auth_cookies(response=response)
        return response

    @extend_schema(
        request=None, responses={204: NO_CONTENT}, summary="Sign out every session", tags=["auth"]
    )
    def logout_all(self, request):
        services.revoke_user_sessions(user=request.user, reason="logout_all")
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_auth_cookies(response=response)
        return response

    @extend_schema(
        request=PasswordChangeSerializer,
        responses={204: NO_CONTENT},
        summary="Change the password; other sessions are signed out",
        tags=["auth"],
    )
    def change_password(self, request):
        data = validated(PasswordChangeSerializer, request)
        services.change_password(user=request.user, session_id=request.auth["sid"], **data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeViewSet(UploadLimitsMixin, viewsets.ViewSet):
    """The caller's own profile."""

    permission_classes = [IsAuthenticated]
    upload_limits = {
        "avatar": {"avatar": "IMAGE_MAX_BYTES"},
        "cover_image": {"cover_image": "IMAGE_MAX_BYTES"},
    }

    def _me(self, request, user) -> Response:
        return Response(MeSerializer(user, context={"request": request}).data)

    @extend_schema(responses={200: MeSerializer}, summary="My profile", tags=["users"])
    def retrieve(self, request):
        return self._me(request, request.user)

    @extend_schema(
        request=ProfileUpdateSerializer,
        responses={200: MeSerializer, **error_responses(409)},
        summary="Update my profile",
        tags=["users"],
    )
    def partial_update(self, request):
        changes = validated(ProfileUpdateSerializer, request)
        return self._me(request, services.update_profile(user=request.user, changes=changes))

    @extend_schema(
        request={"multipart/form-data": AvatarUploadSerializer},
        responses={200: MeSerializer},
        summary="Replace my avatar",
        tags=["users"],
    )
    def avatar(self, request):
        upload = validated(AvatarUploadSerializer, request)["avatar"]
        return self._me(request, services.set_avatar(user=request.user, upload=upload))

    @extend_schema(
        request={"multipart/form-data": CoverImageUploadSerializer},
        responses={200: MeSerializer},
        summary="Replace my cover image",
        tags=["users"],
    )
    def cover_image(self, request):
        upload = validated(CoverImageUploadSerializer, request)["cover_image"]
        return self._me(request, services.set_cover_image(user=request.user, upload=upload))


def _blocks_body(request, blocks: list) -> list[dict]:
    """A page of my blocks with their users, in one query; suspended users drop out."""
    users = selectors.users_by_ids(ids=[block.blocked_id for block in blocks])
    shown = [block for block in blocks if users[block.blocked_id].is_active]
    return BlockSerializer(shown, many=True, context={"request": request, "users": users}).data


class MyBlocksViewSet(viewsets.GenericViewSet):
    """The users I blocked: they cannot subscribe to me and I do not see their tweets.

    Blocking is private: the blocked user is not told."""

    pagination_class = KeysetPagination
    permission_classes = [IsAuthenticated]
    serializer_class = BlockSerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(summary="Users I blocked, newest block first", tags=["users"])
    def list(self, request):
        page = self.paginate_queryset(selectors.blocks_of(user=request.user))
        return self.get_paginated_response(_blocks_body(request, page))

    @extend_schema(
        request=None,
        responses={200: BlockSerializer, **error_responses(400)},
        summary="Block a user (idempotent: 200 with the block, new or not)",
        description=(
            "Their subscription to me ends, they cannot subscribe again, and their tweets are "
            "hidden from me. They are not told. Blocking myself is a 400."
        ),
        tags=["users"],
    )
    def block(self, request, username=None):
        blocked = selectors.active_user_by_username(username=username)
        block = services.block_user(blocker=request.user, blocked=blocked)
        context = {"request": request, "users": {blocked.id: blocked}}
        return Response(BlockSerializer(block, context=context).data)

    @extend_schema(
        responses={204: NO_CONTENT},
        summary="Unblock a user (204 whether or not they were blocked)",
        tags=["users"],
    )
    def unblock(self, request, username=None):
        blocked = selectors.active_user_by_username(username=username)
        services.unblock_user(blocker=request.user, blocked=blocked)
        return Response(status=status.HTTP_204_NO_CONTENT)
