"""Media endpoints: catalogue, uploads, metadata, streaming, HLS, views and watch history."""

import mimetypes
import re
import zlib
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from common.api.idempotency import idempotent
from common.api.limits import UploadLimitsMixin
from common.api.openapi import error_responses
from common.api.pagination import KeysetPagination, RankPagination
from common.api.serializers import ErrorSerializer
from common.api.throttling import client_address
from common.api.views import validated, viewer_of
from common.storage import media_storage
from videos import (
    cache,
    captions,
    hls,
    selectors,
    services,
    streaming,
    subtitles,
    thumbnails,
    trending,
)
from videos.documents import Video
from videos.serializers import (
    HistoryEntrySerializer,
    MediaFileSerializer,
    ThumbnailFrameSerializer,
    ThumbnailSerializer,
    TrendingVideoSerializer,
    VideoCreateSerializer,
    VideoSerializer,
    VideoUpdateSerializer,
    ViewInputSerializer,
    ViewResultSerializer,
)
from videos.storyboard import SPRITE_NAME, TRACK_NAME
from videos.uploads import inspect_upload

HLS_PATH = re.compile(
    r"^(?:master\.m3u8|[A-Za-z0-9_]+/(?:index\.m3u8|seg_\d{1,6}\.(?:ts|m4s|aac)))$"
)
HLS_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".aac": "audio/aac",
}
# WebVTT is UTF-8 by definition, so its type names no charset.
STORYBOARD_TYPES = {TRACK_NAME: "text/vtt", SPRITE_NAME: "image/jpeg"}
NO_CONTENT = OpenApiResponse(description="Done.")
NOT_MODIFIED = OpenApiResponse(description="The copy the client has is current.")
MEDIA_BYTES = OpenApiResponse(OpenApiTypes.BINARY, description="The requested bytes.")


def _trending(request, *, window: str, within=None):
    """A page of a trending list with each item's score and parts."""
    if window not in trending.WINDOWS:
        raise _bad_param("window", f"Use one of {', '.join(trending.WINDOWS)}.")
    paginator = RankPagination()

    def fetch(offset, limit):
        return trending.ranked_page(window=window, offset=offset, limit=limit, within=within)

    ranked = paginator.paginate_ranked(fetch, request)
    videos = [entry.video for entry in ranked]
    context = selectors.serializer_context(videos=videos, request=request)
    context["ranked"] = {entry.video.id: entry for entry in ranked}
    data = TrendingVideoSerializer(videos, many=True, context=context).data
    return paginator.get_paginated_response(data)


def _render(request, videos, *, many: bool):
    items = videos if many else [videos]
    context = selectors.serializer_context(videos=items, request=request)
    return VideoSerializer(videos, many=many, context=context).data


class VideoViewSet(UploadLimitsMixin, viewsets.GenericViewSet):
    """Media items: video and audio."""

    pagination_class = KeysetPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = VideoSerializer
    lookup_value_regex = "[^/]+"
    upload_limits = {
        "create": {"file": "MEDIA_MAX_UPLOAD_BYTES", "thumbnail": "IMAGE_MAX_BYTES"},
        "file": {"file": "MEDIA_MAX_UPLOAD_BYTES"},
        "thumbnail": {"thumbnail": "IMAGE_MAX_BYTES"},
    }
    json_too = frozenset({"create", "thumbnail"})
    uploads_to_disk = True

    def get_ordering(self) -> str:
        return selectors.SORTS[self.request.query_params.get("sort") or "newest"]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words from the title, description or tags."),
            OpenApiParameter("channel", str, description="Owner's username."),
            OpenApiParameter("kind", str, enum=["video", "audio"]),
            OpenApiParameter("tag", str),
            OpenApiParameter("sort", str, enum=[*selectors.SORTS, "trending"], default="newest"),
            OpenApiParameter(
                "window",
                str,
                enum=list(trending.WINDOWS),
                default=trending.DEFAULT_WINDOW,
                description="With sort=trending: the trending window.",
            ),
        ],
        summary="Browse and search published items",
        tags=["videos"],
    )
    def list(self, request):
        params = request.query_params
        sorts = [*selectors.SORTS, "trending"]
        if params.get("sort", "newest") not in sorts:
            raise _bad_param("sort", f"Use one of {', '.join(sorts)}.")
        if params.get("window", trending.DEFAULT_WINDOW) not in trending.WINDOWS:
            raise _bad_param("window", f"Use one of {', '.join(trending.WINDOWS)}.")
        if params.get("kind", "") not in ("", "video", "audio"):
            raise _bad_param("kind", "Use video or audio.")
        query = selectors.listed_videos(
            q=params.get("q", ""),
            channel=params.get("channel", ""),
            kind=params.get("kind", ""),
            tag=params.get("tag", ""),
        )
        if params.get("sort") == "trending":
            window = params.get("window", trending.DEFAULT_WINDOW)
            return _trending(request, window=window, within=query)
        page = self.paginate_queryset(query)
        return self.get_paginated_response(_render(request, page, many=True))

    @extend_schema(
        request={
            "multipart/form-data": VideoCreateSerializer,
            "application/json": VideoCreateSerializer,
        },
        responses={202: VideoSerializer, 201: VideoSerializer, **error_responses(503)},
        summary="Upload an item (202, processing) or create a draft without a file (201)",
        tags=["videos"],
    )
    @idempotent
    def create(self, request):
        data = dict(validated(VideoCreateSerializer, request))
        upload, thumbnail = data.pop("file", None), data.pop("thumbnail", None)
        inspected = None
        if upload is not None:
            inspected = inspect_upload(upload=upload, kind=data.pop("kind", None))
        video = services.create_video(
            owner=request.user, data=data, inspected=inspected, thumbnail=thumbnail
        )
        code = status.HTTP_201_CREATED if inspected is None else status.HTTP_202_ACCEPTED
        return Response(_render(request, video, many=False), status=code)

    @extend_schema(responses={200: VideoSerializer}, summary="One item", tags=["videos"])
    def retrieve(self, request, pk=None):
        return Response(cache.item_detail(video_id=pk, request=request))

    @extend_schema(
        request=VideoUpdateSerializer,
        responses={200: VideoSerializer},
        summary="Change metadata, visibility or publishing",
        tags=["videos"],
    )
    def partial_update(self, request, pk=None):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        changes = validated(VideoUpdateSerializer, request)
        video = services.update_video(video=video, changes=changes)
        return Response(_render(request, video, many=False))

    @extend_schema(
        responses={204: NO_CONTENT}, summary="Delete an item and its files", tags=["videos"]
    )
    def destroy(self, request, pk=None):
        services.delete_video(video=selectors.video_for_owner(video_id=pk, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request={"multipart/form-data": MediaFileSerializer},
        responses={202: VideoSerializer, **error_responses(503)},
        summary="Upload or replace the media file",
        tags=["videos"],
    )
    @action(detail=True, methods=["put"], url_path="file")
    def file(self, request, pk=None):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        upload = validated(MediaFileSerializer, request)["file"]
        inspected = inspect_upload(upload=upload, kind=video.kind)
        video = services.replace_media(video=video, inspected=inspected)
        return Response(_render(request, video, many=False), status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request={
            "multipart/form-data": ThumbnailSerializer,
            "application/json": ThumbnailFrameSerializer,
        },
        responses={200: VideoSerializer, **error_responses(409, 503)},
        summary=(
            "Replace the thumbnail with an image (multipart), or with the frame at a time "
            "(JSON {at}: one of thumbnail_candidates, or any moment of a ready video)"
        ),
        tags=["videos"],
    )
    @action(detail=True, methods=["put"], url_path="thumbnail")
    def thumbnail(self, request, pk=None):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        if request.content_type.startswith("application/json"):
            at = validated(ThumbnailFrameSerializer, request)["at"]
            video = thumbnails.set_thumbnail_frame(video=video, at=at)
        else:
            upload = validated(ThumbnailSerializer, request)["thumbnail"]
            video = thumbnails.set_thumbnail(video=video, upload=upload)
        return Response(_render(request, video, many=False))

    @extend_schema(
        request=ViewInputSerializer,
        responses={200: ViewResultSerializer},
        summary=(
            "Player heartbeat: at start, then every ~10 s; a view counts after 10 s watched "
            "(half of an item under 20 s), once per viewer per 30 minutes"
        ),
        tags=["videos"],
    )
    @action(detail=True, methods=["post"], url_path="views", permission_classes=[AllowAny])
    def views(self, request, pk=None):
        viewer = viewer_of(request)
        video = selectors.video_for_viewer(video_id=pk, viewer=viewer)
        heartbeat = validated(ViewInputSerializer, request)
        counted = services.record_view(
            video=video,
            user=viewer,
            address=client_address(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            position=heartbeat.get("position"),
            watched_seconds=heartbeat.get("watched_seconds"),
        )
        views = selectors.current_views(video=video)
        return Response({"counted": counted, "views": views})

    def _media_video(self, request, pk, *, live: bool = False) -> tuple[Video, str]:
        """The item whose files are asked for, and the query that passes on a verified signature.

        `live` also admits an item still processing whose HLS is being published.
        """
        expires, signature = request.query_params.get("exp"), request.query_params.get("sig")
        select = selectors.video_for_playback if live else selectors.video_for_media
        video, signed = select(
            video_id=pk, viewer=viewer_of(request), expires=expires, signature=signature
        )
        return video, urlencode({"exp": expires, "sig": signature}) if signed else ""

    @extend_schema(
        parameters=[OpenApiParameter("exp", int), OpenApiParameter("sig", str)],
        responses={
            (200, "video/*"): MEDIA_BYTES,
            (200, "audio/*"): MEDIA_BYTES,
            (206, "video/*"): MEDIA_BYTES,
            (206, "audio/*"): MEDIA_BYTES,
            (200, "application/octet-stream"): MEDIA_BYTES,
            (206, "application/octet-stream"): MEDIA_BYTES,
            304: NOT_MODIFIED,
            416: OpenApiResponse(ErrorSerializer, description="The range lies outside the file."),
        },
        summary="The source file, with HTTP Range support",
        tags=["media"],
    )
    @action(detail=True, methods=["get"], url_path="stream", permission_classes=[AllowAny])
    def stream(self, request, pk=None):
        video, _ = self._media_video(request, pk)
        return _deliver_source(request, video=video)

    @extend_schema(exclude=True)
    @action(
        detail=True,
        methods=["get"],
        url_path=r"stream\.(?P<extension>[a-z0-9]{1,5})",
        url_name="stream-file",
        permission_classes=[AllowAny],
    )
    def stream_file(self, request, pk=None, extension=""):
        """The source under a name ending in its extension, as podcast apps want enclosures."""
        video, _ = self._media_video(request, pk)
        if PurePosixPath(video.source).suffix.lower() != f".{extension}":
            raise Http404
        return _deliver_source(request, video=video)

    @extend_schema(
        parameters=[OpenApiParameter("exp", int), OpenApiParameter("sig", str)],
        responses={
            (200, "application/vnd.apple.mpegurl"): OpenApiResponse(
                OpenApiTypes.STR, description="HLS master playlist."
            ),
            304: NOT_MODIFIED,
        },
        summary="HLS master playlist; the variant playlists and segments it names follow",
        tags=["media"],
    )
    @action(detail=True, methods=["get"], url_path="hls/master.m3u8", permission_classes=[AllowAny])
    def hls_master(self, request, pk=None):
        return self._hls(request, pk, "master.m3u8")

    @extend_schema(exclude=True)
    @action(
        detail=True,
        methods=["get"],
        url_path=r"hls/(?P<path>[A-Za-z0-9_]+/[A-Za-z0-9_.]+)",
        permission_classes=[AllowAny],
    )
    def hls_file(self, request, pk=None, path=""):
        return self._hls(request, pk, path)

    def _hls(self, request, pk, path):
        if not HLS_PATH.match(path):
            raise Http404
        video, signed_query = self._media_video(request, pk, live=True)
        if video.status != "ready":
            return _live_hls(request, video=video, path=path, signed_query=signed_query)
        name = video.hls_prefix + path
        if name not in video.files:
            raise Http404
        extension = "." + path.rsplit(".", 1)[-1]
        if extension == ".m3u8":
            return _playlist(name, video=video, signed_query=signed_query)
        return _deliver(request, video=video, name=name, content_type=HLS_TYPES[extension])

    @extend_schema(
        parameters=[OpenApiParameter("exp", int), OpenApiParameter("sig", str)],
        responses={
            (200, "text/vtt"): OpenApiResponse(
                OpenApiTypes.STR,
                description="WebVTT thumbnails track: each cue names sprite.jpg#xywh=x,y,w,h.",
            ),
            304: NOT_MODIFIED,
        },
        summary="Storyboard: the seek bar's preview thumbnails as a WebVTT track",
        tags=["media"],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=f"storyboard/{TRACK_NAME}",
        url_name="storyboard-track",
        permission_classes=[AllowAny],
    )
    def storyboard(self, request, pk=None):
        return self._storyboard(request, pk, TRACK_NAME)

    @extend_schema(
        parameters=[OpenApiParameter("exp", int), OpenApiParameter("sig", str)],
        responses={(200, "image/jpeg"): MEDIA_BYTES, 304: NOT_MODIFIED},
        summary="Storyboard: the sprite sheet its track points into",
        tags=["media"],
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=f"storyboard/{SPRITE_NAME}",
        url_name="storyboard-sprite",
        permission_classes=[AllowAny],
    )
    def storyboard_sprite(self, request, pk=None):
        return self._storyboard(request, pk, SPRITE_NAME)

    def _storyboard(self, request, pk, file_name: str):
        video, signed_query = self._media_video(request, pk)
        name = video.storyboard_prefix + file_name
        if not video.storyboard_prefix or name not in video.files:
            raise Http404
        if file_name == TRACK_NAME:
            return _thumbnails_track(hls.read_text(name), signed_query=signed_query)
        return _deliver(request, video=video, name=name, content_type=STORYBOARD_TYPES[file_name])


def _bad_param(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _playlist(name: str, *, video: Video, signed_query: str) -> HttpResponse:
    text = hls.read_text(name)
    master = name == video.hls_prefix + "master.m3u8"
    return _playlist_answer(text, video=video, master=master, signed_query=signed_query)


def _playlist_answer(text: str, *, video: Video, master: bool, signed_query: str) -> HttpResponse:
    """A playlist as served: a master names the item's caption tracks as subtitle renditions."""
    if master:
        text = subtitles.with_subtitle_renditions(
            text, tracks=list(captions.tracks_of(video=video))
        )
    return hls.playlist_response(text, signed_query=signed_query)


def _live_hls(request, *, video: Video, path: str, signed_query: str):
    """A playlist or segment of the HLS an item's processing has published so far.

    Its playlists change as segments are added, so no cache may keep them.
    """
    if path.endswith(".m3u8"):
        text = selectors.live_playlist(video=video, path=path)
        if text is None:
            raise Http404
        response = _playlist_answer(
            text, video=video, master=path == "master.m3u8", signed_query=signed_query
        )
        response["Cache-Control"] = "no-cache"
        return response
    name = selectors.live_segment(video=video, path=path)
    if name is None:
        raise Http404
    content_type = HLS_TYPES["." + path.rsplit(".", 1)[-1]]
    return _deliver(request, video=video, name=name, content_type=content_type)


def _thumbnails_track(text: str, *, signed_query: str) -> HttpResponse:
    """Serve a thumbnails track, a verified signature carried onto its picture's URL (before
    the #xywh fragment)."""
    if signed_query:
        text = "\n".join(
            line.replace("#xywh=", f"?{signed_query}#xywh=", 1) if "#xywh=" in line else line
            for line in text.splitlines()
        )
    response = HttpResponse(text, content_type=STORYBOARD_TYPES[TRACK_NAME])
    response["Cache-Control"] = "private, max-age=60"
    return response


def _deliver_source(request, *, video):
    content_type = mimetypes.guess_type(video.source)[0] or "application/octet-stream"
    return _deliver(request, video=video, name=video.source, content_type=content_type)


def _deliver(request, *, video, name: str, content_type: str):
    """Send a stored file the configured way: from here, via nginx, or from the storage's URL."""
    storage = media_storage()
    etag = f'"{video.id}-{video.version}-{zlib.crc32(name.encode()):08x}"'
    if settings.STREAM_DELIVERY == "redirect":
        return HttpResponseRedirect(storage.url(name))
    last_modified = storage.get_modified_time(name)
    if settings.STREAM_DELIVERY == "accel":
        return streaming.accel_redirect_response(
            request=request,
            internal_uri=settings.STREAM_ACCEL_PREFIX + name,
            size=storage.size(name),
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
        )
    return streaming.file_response(
        request=request,
        open_file=lambda: storage.open(name, "rb"),
        size=storage.size(name),
        content_type=content_type,
        etag=etag,
        last_modified=last_modified,
    )


class TrendingViewSet(viewsets.GenericViewSet):
    """Items rising now, each with the parts of its score."""

    permission_classes = [AllowAny]
    pagination_class = RankPagination
    serializer_class = TrendingVideoSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "window", str, enum=list(trending.WINDOWS), default=trending.DEFAULT_WINDOW
            )
        ],
        summary="Trending items: decayed views, likes and comments plus recency, best first",
        tags=["trending"],
    )
    def list(self, request):
        return _trending(
            request, window=request.query_params.get("window", trending.DEFAULT_WINDOW)
        )


class HistoryViewSet(viewsets.GenericViewSet):
    """The caller's watch history."""

    permission_classes = [IsAuthenticated]
    pagination_class = KeysetPagination
    serializer_class = HistoryEntrySerializer

    def get_ordering(self) -> str:
        return "-watched_at"

    @extend_schema(summary="What I watched, newest first", tags=["users"])
    def list(self, request):
        page = self.paginate_queryset(selectors.history_entries(user=request.user))
        entries, videos = selectors.entry_videos(entries=page)
        context = selectors.serializer_context(videos=list(videos.values()), request=request)
        context["videos"] = videos
        data = HistoryEntrySerializer(entries, many=True, context=context).data
        return self.get_paginated_response(data)

    @extend_schema(responses={204: NO_CONTENT}, summary="Clear my watch history", tags=["users"])
    def clear(self, request):
        services.clear_history(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={204: NO_CONTENT},
        summary="Forget one item I watched (204 whether or not it was in my history)",
        operation_id="users_me_history_entry_destroy",
        tags=["users"],
    )
    def forget(self, request, video_id=None):
        services.forget_watch(user=request.user, video_id=video_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
