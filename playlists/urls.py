from django.urls import path

from playlists.selectors import WATCH_LATER
from playlists.views import ChannelPlaylistViewSet, PlaylistViewSet

ITEM_ACTIONS = {"put": "put_item", "patch": "move_item", "delete": "remove_item"}
THUMBNAIL_ACTIONS = {"put": "thumbnail"}
# The caller's Watch later list: the literal routes come first so they win over {pk}.
WATCH_LATER_KWARGS = {"pk": WATCH_LATER}

urlpatterns = [
    path(
        "playlists",
        PlaylistViewSet.as_view({"get": "list", "post": "create"}),
        name="playlist-list",
    ),
    path(
        "playlists/watch-later",
        PlaylistViewSet.as_view({"get": "retrieve", "patch": "update_watch_later"}),
        WATCH_LATER_KWARGS,
        name="playlist-watch-later",
    ),
    path(
        "playlists/watch-later/videos/<str:video_id>",
        PlaylistViewSet.as_view(ITEM_ACTIONS),
        WATCH_LATER_KWARGS,
        name="playlist-watch-later-item",
    ),
    path(
        "playlists/watch-later/thumbnail",
        PlaylistViewSet.as_view(THUMBNAIL_ACTIONS),
        WATCH_LATER_KWARGS,
        name="playlist-watch-later-thumbnail",
    ),
    path(
        "playlists/<str:pk>",
        PlaylistViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="playlist-detail",
    ),
    path(
        "playlists/<str:pk>/videos/<str:video_id>",
        PlaylistViewSet.as_view(ITEM_ACTIONS),
        name="playlist-item",
    ),
    path(
        "playlists/<str:pk>/thumbnail",
        PlaylistViewSet.as_view(THUMBNAIL_ACTIONS),
        name="playlist-thumbnail",
    ),
    path(
        "channels/<str:username>/playlists",
        ChannelPlaylistViewSet.as_view({"get": "list"}),
        name="channel-playlists",
    ),
]
