from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from videos.text_track_views import CaptionViewSet, ChapterViewSet
from videos.views import HistoryViewSet, TrendingViewSet, VideoViewSet

router = SimpleRouter(trailing_slash=False)
router.register("videos", VideoViewSet, basename="video")

# A language tag as a path segment: loose here, so a malformed one is a 400 from the view.
LANG = r"(?P<lang>[^/.]{1,100})"
ITEM = r"^videos/(?P<pk>[^/]+)"

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
    re_path(rf"{ITEM}/captions$", CaptionViewSet.as_view({"get": "list"}), name="video-captions"),
    re_path(
        rf"{ITEM}/captions/{LANG}\.vtt$",
        CaptionViewSet.as_view({"get": "caption_file"}),
        name="video-caption-file",
    ),
    re_path(
        rf"{ITEM}/captions/{LANG}$",
        CaptionViewSet.as_view({"put": "upload", "delete": "remove"}),
        name="video-caption",
    ),
    re_path(
        rf"{ITEM}/hls/subtitles/{LANG}/index\.m3u8$",
        CaptionViewSet.as_view({"get": "subtitle_playlist"}),
        name="video-subtitle-playlist",
    ),
    re_path(
        rf"{ITEM}/hls/subtitles/{LANG}/seg_(?P<index>[0-9]{{1,6}})\.vtt$",
        CaptionViewSet.as_view({"get": "subtitle_segment"}),
        name="video-subtitle-segment",
    ),
    re_path(
        rf"{ITEM}/chapters$", ChapterViewSet.as_view({"put": "set_chapters"}), name="video-chapters"
    ),
    re_path(
        rf"{ITEM}/chapters\.vtt$",
        ChapterViewSet.as_view({"get": "chapters_file"}),
        name="video-chapters-file",
    ),
    *router.urls,
]
