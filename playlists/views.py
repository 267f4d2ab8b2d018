"""Playlist endpoints: lists and their items, Watch later, and a channel's public playlists."""

from urllib.parse import urlencode

from bson import ObjectId
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from common import cursors
from common.api.idempotency import idempotent
from common.api.limits import UploadLimitsMixin
from common.api.openapi import error_responses
from common.api.pagination import KeysetPagination
from common.api.permissions import ReadOrSignedIn
from common.api.serializers import CURSOR_MAX_LENGTH, CURSOR_PATTERN
from common.api.views import validated, viewer_of
from common.cursors import KeysetCursor
from common.errors import AuthenticationFailed
from common.ids import object_id
from playlists import selectors, services
from playlists.selectors import WATCH_LATER, PlaylistEntry
from playlists.serializers import (
    ITEMS_PAGE_SIZE,
    ItemMoveSerializer,
    ItemPutSerializer,
    ItemsPageSerializer,
    PlaylistCreateSerializer,
    PlaylistEntrySerializer,
    PlaylistSerializer,
    PlaylistSummarySerializer,
    PlaylistThumbnailSerializer,
    PlaylistUpdateSerializer,
    WatchLaterUpdateSerializer,
)
from videos import selectors as video_selectors

NO_CONTENT = OpenApiResponse(description="Done.")

ITEMS_PAGE_PARAMETERS = [
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": ITEMS_PAGE_SIZE},
        description=f"Items of the playlist to include, 1 to {ITEMS_PAGE_SIZE} "
        f"(default {ITEMS_PAGE_SIZE}).",
    ),
    OpenApiParameter(
        "cursor",
        {"type": "string", "pattern": CURSOR_PATTERN, "maxLength": CURSOR_MAX_LENGTH},
        description="Opaque cursor from videos_next: the page of items after it.",
    ),
]


def _signed_in(request):
    viewer = viewer_of(request)
    if viewer is None:
        raise AuthenticationFailed("Sign in to see your playlists.", code="not_authenticated")
    return viewer


def _seen(request, pk: str):
    """The playlist the path names, with its owner, if the caller may see it."""
    if pk == WATCH_LATER:
        user = _signed_in(request)
        return services.watch_later_for(user=user), user
    return selectors.playlist_with_owner(playlist_id=pk, viewer=viewer_of(request))


def _owned(request, pk: str):
    """The playlist the path names, if the caller may change it."""
    if pk == WATCH_LATER:
        return services.watch_later_for(user=request.user)
    return selectors.playlist_for_owner(playlist_id=pk, user=request.user)


def _items_after(request) -> tuple[int, tuple[int, ObjectId] | None]:
    # A plain dict, so a parameter sent empty is refused rather than taken as left out.
    params = {
        name: request.query_params[name]
        for name in ("limit", "cursor")
        if name in request.query_params
    }
    checker = ItemsPageSerializer(data=params)
    checker.is_valid(raise_exception=True)
    limit = checker.validated_data.get("limit", ITEMS_PAGE_SIZE)
    token = checker.validated_data.get("cursor")
    if token is None:
        return limit, None
    cursor = cursors.decode_keyset(token, value_types=(int,))
    return limit, (cursor.value, cursor.id)


def _render_page(request, playlist, owner, *, code: int = status.HTTP_200_OK) -> Response:
    limit, after = _items_after(request)
    page = selectors.playlist_page(
        playlist=playlist, owner=owner, viewer=viewer_of(request), limit=limit, after=after
    )
    videos = [entry.video for entry in page.entries]
    context = video_selectors.serializer_context(videos=videos, request=request)
    context["videos_next"] = None
    if page.next_after is not None:
        position, video_id = page.next_after
        token = cursors.encode(KeysetCursor(value=position, id=video_id))
        query = {"limit": limit, "cursor": token} if limit != ITEMS_PAGE_SIZE else {"cursor": token}
        detail = reverse("playlist-detail", kwargs={"pk": str(playlist.id)})
        context["videos_next"] = request.build_absolute_uri(f"{detail}?{urlencode(query)}")
    return Response(PlaylistSerializer(page, context=context).data, status=code)


def _render_entry(request, *, placed, video, code: int) -> Response:
    entry = PlaylistEntry(position=placed.position, added_at=placed.added_at, video=video)
    context = video_selectors.serializer_context(videos=[video], request=request)
    return Response(PlaylistEntrySerializer(entry, context=context).data, status=code)


def _contains(request) -> ObjectId | None:
    raw = request.query_params.get("contains")
    if raw is None:
        return None
    if not ObjectId.is_valid(raw):
        raise ValidationError({"contains": ["A media item id is required."]})
    return ObjectId(raw)


class PlaylistViewSet(UploadLimitsMixin, viewsets.GenericViewSet):
    """Playlists: ordered lists of items. `/playlists/watch-later` names the caller's own
    Watch later list (private, created on first use) wherever a playlist id stands."""

    pagination_class = KeysetPagination
    permission_classes = [ReadOrSignedIn]
    upload_limits = {
        "create": {"thumbnail": "IMAGE_MAX_BYTES"},
        "thumbnail": {"thumbnail": "IMAGE_MAX_BYTES"},
    }
    json_too = frozenset({"create"})
    serializer_class = PlaylistSerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "owner",
                str,
                description="A username: that channel's public playlists (all of them when "
                "it is the caller's own). Omitted: the caller's own, private ones included.",
            ),
            OpenApiParameter(
                "contains",
                str,
                pattern="^[0-9a-fA-F]{24}$",
                description="A media item id: each playlist says in contains_video whether "
                "it holds that item.",
            ),
        ],
        responses={200: PlaylistSummarySerializer(many=True)},
        summary="My playlists, or a channel's public ones",
        tags=["playlists"],
    )
    def list(self, request):
        owner = request.query_params.get("owner")
        contains = _contains(request)
        viewer = viewer_of(request) if owner is not None else _signed_in(request)
        query = selectors.playlists_for_listing(viewer=viewer, owner_username=owner)
        page = self.paginate_queryset(query)
        found = selectors.summaries(playlists=page, viewer=viewer, contains=contains)
        context = {"request": request}
        return self.get_paginated_response(
            PlaylistSummarySerializer(found, many=True, context=context).data
        )

    @extend_schema(
        request={
            "application/json": PlaylistCreateSerializer,
            "multipart/form-data": PlaylistCreateSerializer,
        },
        responses={201: PlaylistSerializer},
        summary="Create a playlist (multipart to send a thumbnail along)",
        tags=["playlists"],
    )
    @idempotent
    def create(self, request):
        playlist = services.create_playlist(
            owner=request.user, **validated(PlaylistCreateSerializer, request)
        )
        return _render_page(request, playlist, request.user, code=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=ITEMS_PAGE_PARAMETERS,
        responses={200: PlaylistSerializer},
        summary="One playlist with its items in order (the first page; videos_next for more)",
        tags=["playlists"],
    )
    def retrieve(self, request, pk=None):
        playlist, owner = _seen(request, pk)
        return _render_page(request, playlist, owner)

    @extend_schema(
        request=PlaylistUpdateSerializer,
        responses={200: PlaylistSerializer, **error_responses(409)},
        summary="Rename, describe or change visibility (Watch later: description only)",
        tags=["playlists"],
    )
    def partial_update(self, request, pk=None):
        playlist = _owned(request, pk)
        changes = validated(PlaylistUpdateSerializer, request)
        playlist = services.update_playlist(playlist=playlist, changes=changes)
        return _render_page(request, playlist, request.user)

    @extend_schema(
        request=WatchLaterUpdateSerializer,
        responses={200: PlaylistSerializer},
        summary="Describe my Watch later list (its name and visibility stay)",
        tags=["playlists"],
    )
    def update_watch_later(self, request, pk=None):
        playlist = services.watch_later_for(user=request.user)
        changes = validated(WatchLaterUpdateSerializer, request)
        playlist = services.update_playlist(playlist=playlist, changes=changes)
        return _render_page(request, playlist, request.user)

    @extend_schema(
        responses={204: NO_CONTENT, **error_responses(409)},
        summary="Delete a playlist (Watch later cannot be deleted: 409)",
        tags=["playlists"],
    )
    def destroy(self, request, pk=None):
        services.delete_playlist(playlist=_owned(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request={"multipart/form-data": PlaylistThumbnailSerializer},
        responses={200: PlaylistSerializer},
        summary="Replace the thumbnail with an image (else the first item's is shown)",
        tags=["playlists"],
    )
    def thumbnail(self, request, pk=None):
        playlist = _owned(request, pk)
        upload = validated(PlaylistThumbnailSerializer, request)["thumbnail"]
        playlist = services.set_thumbnail(playlist=playlist, upload=upload)
        return _render_page(request, playlist, request.user)

    @extend_schema(
        request=ItemPutSerializer,
        responses={
            201: PlaylistEntrySerializer,
            200: PlaylistEntrySerializer,
            **error_responses(409),
        },
        summary="Add an item at the end or at a position (201); already there: 200",
        description="Idempotent: an item is in a playlist once. Given a position, an item "
        "already there moves to it. A full playlist (PLAYLIST_MAX_ITEMS) answers 409 "
        "playlist_full.",
        tags=["playlists"],
    )
    def put_item(self, request, pk=None, video_id=None):
        playlist = _owned(request, pk)
        video = video_selectors.video_for_viewer(video_id=video_id, viewer=request.user)
        position = validated(ItemPutSerializer, request).get("position")
        placed = services.put_item(playlist=playlist, video=video, position=position)
        code = status.HTTP_201_CREATED if placed.added else status.HTTP_200_OK
        return _render_entry(request, placed=placed, video=video, code=code)

    @extend_schema(
        request=ItemMoveSerializer,
        responses={200: PlaylistEntrySerializer, **error_responses(409)},
        summary="Move an item to a position; the others shift (no position: it stays)",
        tags=["playlists"],
    )
    def move_item(self, request, pk=None, video_id=None):
        playlist = _owned(request, pk)
        video = video_selectors.video_for_viewer(video_id=video_id, viewer=request.user)
        position = validated(ItemMoveSerializer, request).get("position")
        placed = services.move_item(playlist=playlist, video=video, position=position)
        return _render_entry(request, placed=placed, video=video, code=status.HTTP_200_OK)

    @extend_schema(
        responses={204: NO_CONTENT, **error_responses(409)},
        summary="Remove an item; later ones move up (204 whether or not it was there)",
        tags=["playlists"],
    )
    def remove_item(self, request, pk=None, video_id=None):
        playlist = _owned(request, pk)
        services.remove_item(playlist=playlist, video_id=object_id(video_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChannelPlaylistViewSet(viewsets.GenericViewSet):
    """A channel's public playlists."""

    pagination_class = KeysetPagination
    permission_classes = [AllowAny]
    serializer_class = PlaylistSummarySerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(
        responses={200: PlaylistSummarySerializer(many=True)},
        summary="A channel's public playlists, newest first",
        tags=["playlists"],
    )
    def list(self, request, username=None):
        owner = selectors.active_owner(username=username)
        page = self.paginate_queryset(selectors.public_playlists_of(owner=owner))
        found = selectors.summaries(playlists=page, viewer=viewer_of(request))
        context = {"request": request}
        return self.get_paginated_response(
            PlaylistSummarySerializer(found, many=True, context=context).data
        )
