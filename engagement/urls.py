from django.urls import path
from rest_framework.routers import SimpleRouter

from engagement.views import (
    ChannelTweetsViewSet,
    FeedViewSet,
    LikedVideosViewSet,
    TweetLikeViewSet,
    TweetViewSet,
    VideoLikeViewSet,
)

router = SimpleRouter(trailing_slash=False)
router.register("tweets", TweetViewSet, basename="tweet")

LIKE_ACTIONS = {"put": "like", "delete": "unlike"}

urlpatterns = [
    path("videos/<str:pk>/like", VideoLikeViewSet.as_view(LIKE_ACTIONS), name="video-like"),
    path("tweets/<str:pk>/like", TweetLikeViewSet.as_view(LIKE_ACTIONS), name="tweet-like"),
    path(
        "channels/<str:username>/tweets",
        ChannelTweetsViewSet.as_view({"get": "list"}),
        name="channel-tweets",
    ),
    path("feed", FeedViewSet.as_view({"get": "list"}), name="feed"),
    path(
        "users/me/liked-videos",
        LikedVideosViewSet.as_view({"get": "list"}),
        name="users-me-liked-videos",
    ),
    *router.urls,
]
