"""Discovery endpoints: up next, and each channel's Atom feed, podcast feed and artwork."""

from django.http import HttpResponse
from django.utils.http import parse_etags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny

from common.api.pagination import RankPagination
from common.api.views import viewer_of
from discovery import related, selectors
from discovery.serializers import RelatedVideoSerializer
from videos.selectors import serializer_context, video_for_viewer

FEED_CACHE_CONTROL = "public, max-age=300"
ARTWORK_CACHE_CONTROL = "public, max-age=31536000, immutable"
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="The ETag of the copy the client has: 304 while it is current.",
)
NOT_MODIFIED = OpenApiResponse(description="The copy the client has is current.")


class AnyAccept(BaseContentNegotiation):
    """Feeds and pictures answer whatever the client says it accepts (feed readers name XML
    types, players images); errors come in the one JSON error shape."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _conditional(request, *, etag: str, cache_control: str, content_type: str, body):
    """The body with its validators, or a bodiless 304 when If-None-Match names its ETag (weak
    comparison); `body` is bytes or a callable making them, called only for a 200."""
    sent = parse_etags(request.headers.get("If-None-Match", ""))
    current = "*" in sent or etag in {tag.removeprefix("W/") for tag in sent}
    if current:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body() if callable(body) else body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


class RelatedViewSet(viewsets.GenericViewSet):
    """What to watch after an item."""

    permission_classes = [AllowAny]
    pagination_class = RankPagination
    serializer_class = RelatedVideoSerializer

    @extend_schema(
        summary=(
            "Up next: what this item's viewers also finished, then what its likers also liked, "
            "then items sharing its tags, then its channel's; each with its reason and score"
        ),
        tags=["videos"],
    )
    def list(self, request, pk=None):
        viewer = viewer_of(request)
        video = video_for_viewer(video_id=pk, viewer=viewer)
        paginator = self.paginator

        def fetch(offset, limit):
            return related.related_page(video=video, viewer=viewer, offset=offset, limit=limit)

        page = paginator.paginate_ranked(fetch, request)
        videos = [entry.video for entry in page]
        context = serializer_context(videos=videos, request=request)
        context["related"] = {entry.video.id: entry for entry in page}
        data = RelatedVideoSerializer(videos, many=True, context=context).data
        return paginator.get_paginated_response(data)


class ChannelFeedViewSet(viewsets.GenericViewSet):
    """A channel's public items for feed readers and podcast apps."""

    permission_classes = [AllowAny]
    content_negotiation_class = AnyAccept

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "application/atom+xml"): OpenApiResponse(
                OpenApiTypes.STR, description="Atom 1.0 feed of the newest public items and tweets."
            ),
            304: NOT_MODIFIED,
        },
        summary="The channel's Atom feed: its newest public items and tweets",
        tags=["channels"],
    )
    def atom(self, request, username=None):
        feed = selectors.atom_feed(username=username, request=request)
        return _conditional(
            request,
            etag=feed.etag,
            cache_control=FEED_CACHE_CONTROL,
            content_type="application/atom+xml; charset=utf-8",
            body=feed.body,
        )

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "application/rss+xml"): OpenApiResponse(
                OpenApiTypes.STR,
                description="RSS 2.0 with the iTunes podcast namespace: the newest public audio.",
            ),
            304: NOT_MODIFIED,
        },
        summary="The channel's podcast: RSS 2.0 with the iTunes tags podcast apps require",
        tags=["channels"],
    )
    def podcast(self, request, username=None):
        feed = selectors.podcast_feed(username=username, request=request)
        return _conditional(
            request,
            etag=feed.etag,
            cache_control=FEED_CACHE_CONTROL,
            content_type="application/rss+xml; charset=utf-8",
            body=feed.body,
        )

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "image/jpeg"): OpenApiResponse(
                OpenApiTypes.BINARY, description="1400 x 1400 px RGB JPEG."
            ),
            304: NOT_MODIFIED,
        },
        summary="The channel's podcast artwork, as its podcast feed names it",
        tags=["channels"],
    )
    def artwork(self, request, username=None, version=None):
        picture = selectors.podcast_artwork(username=username, version=version)
        return _conditional(
            request,
            etag=f'"{picture.version}"',
            cache_control=ARTWORK_CACHE_CONTROL,
            content_type="image/jpeg",
            body=picture.render,
        )
