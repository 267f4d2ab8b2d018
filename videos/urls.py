from django.urls import path
from rest_framework.routers import SimpleRouter

from videos.views import HistoryViewSet, TrendingViewSet, VideoViewSet

router = SimpleRouter(trailing_slash=False)
router.register("videos", VideoViewSet, basename="video")

urlpatterns = [
    path("trending", TrendingViewSet.as_view({"get": "list"}), name="trending"),
    path(
        "users/me/history",
        HistoryViewSet.as_view({"get": "list", "delete": "clear"}),
        name="users-me-history",
    ),
    path(
        "users/me/history/<str:video_id>",
        HistoryViewSet.as_view({"delete": "forget"}),
        name="users-me-history-entry",
    ),
    *router.urls,
]
