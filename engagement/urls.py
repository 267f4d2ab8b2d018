from django.urls import path
from rest_framework.routers import SimpleRouter

from engagement.views import (
    ChannelTweetsViewSet,
    CommentLikeViewSet,
    CommentRepliesViewSet,
    CommentViewSet,
    CreatorCommentsViewSet,
    FeedViewSet,
    LikedVideosViewSet,
    TweetLikeViewSet,
    TweetViewSet,
    VideoCommentsViewSet,
    VideoLikeViewSet,
)

router = SimpleRouter(trailing_slash=False)
router.register("tweets", TweetViewSet, basename="tweet")

LIKE_ACTIONS = {"put": "like", "delete": "unlike"}

urlpatterns = [
    path("videos/<str:pk>/like", VideoLikeViewSet.as_view(LIKE_ACTIONS), name="video-like"),
    path("tweets/<str:pk>/like", TweetLikeViewSet.as_view(LIKE_ACTIONS), name="tweet-like"),
    path("comments/<str:pk>/like", CommentLikeViewSet.as_view(LIKE_ACTIONS), name="comment-like"),
    path(
        "videos/<str:pk>/comments",
        VideoCommentsViewSet.as_view({"get": "list", "post": "create"}),
        name="video-comments",
    ),
    path(
        "comments/<str:pk>",
        CommentViewSet.as_view({"patch": "partial_update", "delete": "destroy"}),
        name="comment-detail",
    ),
    path(
        "comments/<str:pk>/replies",
        CommentRepliesViewSet.as_view({"get": "list"}),
        name="comment-replies",
    ),
    path(
        "comments/<str:pk>/approve",
        CommentViewSet.as_view({"post": "approve"}),
        name="comment-approve",
    ),
    path(
        "comments/<str:pk>/pin",
        CommentViewSet.as_view({"post": "pin", "delete": "unpin"}),
        name="comment-pin",
    ),
    path(
        "dashboard/comments",
        CreatorCommentsViewSet.as_view({"get": "list"}),
        name="dashboard-comments",
    ),
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
