from django.urls import path

from playlists.views import ChannelPlaylistsViewSet

urlpatterns = [
    path(
        "channels/<str:username>/playlists",
        ChannelPlaylistsViewSet.as_view({"get": "list"}),
        name="channel-playlists",
    ),
]
