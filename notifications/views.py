"""Notification endpoints: my inbox, its unread figure, marking read, and my settings."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from common.api.pagination import KeysetPagination
from common.api.views import validated
from notifications import selectors, services, unread
from notifications.serializers import (
    InboxQuerySerializer,
    MarkedSerializer,
    MarkReadSerializer,
    NotificationSerializer,
    NotificationSettingsPatchSerializer,
    NotificationSettingsSerializer,
    UnreadCountSerializer,
)


def _etag_matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak comparison, or "*")."""
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


class NotificationViewSet(viewsets.GenericViewSet):
    """My notifications."""

    pagination_class = KeysetPagination
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(
        parameters=[InboxQuerySerializer],
        summary="My notifications, newest first",
        tags=["notifications"],
    )
    def list(self, request):
        query = InboxQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(
            selectors.shown_entries(user=request.user, unread=query.validated_data["unread"])
        )
        context = selectors.inbox_page(notifications=page)
        data = NotificationSerializer(page, many=True, context={**context, "request": request})
        return self.get_paginated_response(data.data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "If-None-Match",
                str,
                OpenApiParameter.HEADER,
                description="The ETag of the last answer: 304 while nothing changed.",
            )
        ],
        responses={
            200: UnreadCountSerializer,
            304: OpenApiResponse(description="Not modified since the ETag given."),
        },
        summary="How many unread notifications I have (cheap to poll, with an ETag)",
        tags=["notifications"],
    )
    def unread_count(self, request):
        figure = unread.unread_count(user=request.user)
        headers = {"ETag": figure.etag, "Cache-Control": "private, no-cache"}
        if _etag_matches(request.headers.get("If-None-Match", ""), figure.etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return Response({"unread": figure.count}, headers=headers)

    @extend_schema(
        request=MarkReadSerializer,
        responses={200: MarkedSerializer},
        summary="Mark some of my notifications read",
        tags=["notifications"],
    )
    def read(self, request):
        ids = validated(MarkReadSerializer, request)["ids"]
        marked = services.mark_read(user=request.user, ids=ids)
        return self._marked(request, marked)

    @extend_schema(
        request=None,
        responses={200: MarkedSerializer},
        summary="Mark all my notifications read",
        tags=["notifications"],
    )
    def read_all(self, request):
        return self._marked(request, services.mark_all_read(user=request.user))

    def _marked(self, request, marked: int) -> Response:
        figure = unread.unread_count(user=request.user)
        return Response({"marked": marked, "unread": figure.count})


class NotificationSettingsViewSet(viewsets.GenericViewSet):
    """What I am told about, and how."""

    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSettingsSerializer

    @extend_schema(
        summary="My notification settings: per kind, inbox and e-mail",
        tags=["notifications"],
    )
    def retrieve(self, request):
        return Response(selectors.settings_of(user=request.user))

    @extend_schema(
        request=NotificationSettingsPatchSerializer,
        responses={200: NotificationSettingsSerializer},
        summary="Change some kinds' settings; the others stay as they are",
        tags=["notifications"],
    )
    def partial_update(self, request):
        changes = validated(NotificationSettingsPatchSerializer, request)
        return Response(services.update_settings(user=request.user, changes=changes))
