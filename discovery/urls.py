from django.urls import path

from discovery.views import ChannelFeedViewSet, RelatedViewSet

urlpatterns = [
    path("videos/<str:pk>/related", RelatedViewSet.as_view({"get": "list"}), name="video-related"),
    path(
        "channels/<str:username>/feed.xml",
        ChannelFeedViewSet.as_view({"get": "atom"}),
        name="channel-feed",
    ),
    path(
        "channels/<str:username>/podcast.xml",
        ChannelFeedViewSet.as_view({"get": "podcast"}),
        name="channel-podcast",
    ),
    path(
        "channels/<str:username>/artwork/<str:version>.jpg",
        ChannelFeedViewSet.as_view({"get": "artwork"}),
        name="channel-artwork",
    ),
]
