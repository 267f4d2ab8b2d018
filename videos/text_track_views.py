"""Captions and chapters: the owner's writes, the caption list, and the WebVTT files and HLS
subtitle playlists players fetch (open like the item's other media: its visibility or a
signed URL)."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from common.api.limits import UploadLimitsMixin
from common.api.openapi import error_responses
from common.api.pagination import KeysetPagination
from common.api.permissions import ReadOrSignedIn
from common.api.views import validated, viewer_of
from videos import captions, chapters, hls, selectors, subtitles
from videos.serializers import (
    CaptionTrackSerializer,
    CaptionUploadSerializer,
    ChaptersInputSerializer,
    VideoSerializer,
)

VTT_TYPE = "text/vtt; charset=utf-8"
SIGNATURE = [OpenApiParameter("exp", int), OpenApiParameter("sig", str)]
VTT_FILE = OpenApiResponse(OpenApiTypes.STR, description="A WebVTT file.")
LANG = OpenApiParameter(
    "lang", str, OpenApiParameter.PATH, description="A BCP 47 language tag: en, pt-BR, zh-Hant."
)


def _media_video(request, pk):
    """The item whose files are asked for, and the query that passes on a verified signature."""
    expires, signature = request.query_params.get("exp"), request.query_params.get("sig")
    video, signed = selectors.video_for_media(
        video_id=pk, viewer=viewer_of(request), expires=expires, signature=signature
    )
    return video, urlencode({"exp": expires, "sig": signature}) if signed else ""


def _vtt(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type=VTT_TYPE)
    response["Cache-Control"] = "private, max-age=60"
    return response


class CaptionViewSet(UploadLimitsMixin, viewsets.GenericViewSet):
    """An item's caption tracks, one per language."""

    permission_classes = [ReadOrSignedIn]
    pagination_class = KeysetPagination
    serializer_class = CaptionTrackSerializer
    upload_limits = {"upload": {"file": "CAPTIONS_MAX_BYTES"}}

    def get_ordering(self) -> str:
        return "lang"

    @extend_schema(summary="The item's caption tracks, by language tag", tags=["videos"])
    def list(self, request, pk=None):
        video = selectors.video_for_viewer(video_id=pk, viewer=viewer_of(request))
        page = self.paginate_queryset(captions.tracks_of(video=video))
        context = {"video": video, "request": request}
        data = CaptionTrackSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=[LANG],
        request={"multipart/form-data": CaptionUploadSerializer},
        responses={
            200: CaptionTrackSerializer,
            201: CaptionTrackSerializer,
            **error_responses(409),
        },
        summary=(
            "Set the captions of one language from a WebVTT or SRT file (201 new, 200 replaced); "
            "every cue must end within the item"
        ),
        tags=["videos"],
    )
    def upload(self, request, pk=None, lang=""):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        data = validated(CaptionUploadSerializer, request)
        result = captions.set_track(
            video=video, lang=lang, label=data.get("label", ""), data=data["file"].read()
        )
        body = CaptionTrackSerializer(result.track, context={"video": video, "request": request})
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(body.data, status=code)

    @extend_schema(
        parameters=[LANG],
        responses={204: OpenApiResponse(description="Done."), **error_responses(400)},
        summary="Remove the captions of one language (400 when the tag is no language tag)",
        tags=["videos"],
    )
    def remove(self, request, pk=None, lang=""):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        captions.delete_track(video=video, lang=lang)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[LANG, *SIGNATURE],
        responses={(200, "text/vtt"): VTT_FILE},
        summary="One language's captions as a WebVTT file, for players without HLS",
        tags=["media"],
    )
    def caption_file(self, request, pk=None, lang=""):
        video, _ = _media_video(request, pk)
        return _vtt(captions.whole_file(captions.track_with_cues(video=video, lang=lang)))

    @extend_schema(exclude=True)
    def subtitle_playlist(self, request, pk=None, lang=""):
        video, signed_query = _media_video(request, pk)
        captions.track_with_cues(video=video, lang=lang)
        playlist = subtitles.media_playlist(duration=video.duration)
        return hls.playlist_response(playlist, signed_query=signed_query)

    @extend_schema(exclude=True)
    def subtitle_segment(self, request, pk=None, lang="", index=""):
        video, _ = _media_video(request, pk)
        if int(index) >= subtitles.segment_count(duration=video.duration):
            raise Http404
        cues = captions.cues_of(captions.track_with_cues(video=video, lang=lang))
        return _vtt(subtitles.segment(cues=cues, index=int(index), video=video))


class ChapterViewSet(viewsets.GenericViewSet):
    """An item's chapters."""

    permission_classes = [ReadOrSignedIn]
    serializer_class = VideoSerializer

    @extend_schema(
        request=ChaptersInputSerializer,
        responses={200: VideoSerializer, **error_responses(409)},
        summary=(
            "Set the item's chapters, which win over the description's; [] for none, "
            "null to take them from the description again"
        ),
        tags=["videos"],
    )
    def set_chapters(self, request, pk=None):
        video = selectors.video_for_owner(video_id=pk, user=request.user)
        wanted = validated(ChaptersInputSerializer, request)["chapters"]
        video = chapters.set_chapters(video=video, chapters=wanted)
        context = selectors.serializer_context(videos=[video], request=request)
        return Response(VideoSerializer(video, context=context).data)

    @extend_schema(
        parameters=SIGNATURE,
        responses={(200, "text/vtt"): VTT_FILE},
        summary="The item's chapters as a WebVTT chapters track",
        tags=["media"],
    )
    def chapters_file(self, request, pk=None):
        video, _ = _media_video(request, pk)
        if not chapters.marks_of(video):
            raise Http404
        return _vtt(chapters.chapters_track(video))
