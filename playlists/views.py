"""Playlist endpoints."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from channels_app.selectors import channel_by_username
from playlists import selectors

PLAYLIST_PAGE = inline_serializer(
    "PlaylistPage",
    {
        "results": serializers.ListField(child=serializers.DictField()),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
    },
)


class ChannelPlaylistsViewSet(viewsets.ViewSet):
    """A channel's public playlists."""

    permission_classes = []

    @extend_schema(
        responses={200: PLAYLIST_PAGE},
        summary="A channel's public playlists, newest first",
        tags=["channels"],
    )
    def list(self, request, username=None):
        channel = channel_by_username(username=username)
        playlists = selectors.public_playlists(owner=channel)
        return Response({"results": playlists, "next": None, "previous": None})
