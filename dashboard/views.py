"""Dashboard endpoints: the signed-in creator's own channel, items and their figures."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from channels_app.selectors import channel_context
from common.api.pagination import KeysetPagination, RankPagination
from common.api.views import viewer_of
from dashboard import search, selectors
from dashboard.serializers import (
    SEARCH_HITS,
    AnalyticsSerializer,
    DashboardVideoQuerySerializer,
    DashboardVideoSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    StatsSerializer,
    TimeseriesQuerySerializer,
    TimeseriesSerializer,
)
from playlists.selectors import summaries
from videos.selectors import serializer_context


def _query(serializer_class, request) -> dict:
    """Query parameters checked like a JSON body: a parameter sent empty is refused, not taken
    for one left out; parameters of other layers (cursor, limit) are left to them."""
    names = serializer_class().fields
    data = {name: request.query_params[name] for name in names if name in request.query_params}
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class DashboardViewSet(viewsets.GenericViewSet):
    """The creator's dashboard; everything here is the caller's own."""

    permission_classes = [IsAuthenticated]
    serializer_class = StatsSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        responses={200: StatsSerializer},
        summary="Totals of my channel: items, views, subscribers, likes, comments, watch time",
        tags=["dashboard"],
    )
    def stats(self, request):
        return Response(StatsSerializer(selectors.channel_stats(user=request.user)).data)

    @extend_schema(
        responses={200: AnalyticsSerializer},
        summary="One of my items: figures, comment moods, daily series, watch time, retention",
        tags=["dashboard"],
    )
    def analytics(self, request, pk=None):
        video = selectors.video_of_owner(video_id=pk, user=request.user)
        return Response(AnalyticsSerializer(selectors.video_analytics(video=video)).data)

    @extend_schema(
        parameters=[
            TimeseriesQuerySerializer,
            OpenApiParameter("metric", str, enum=list(selectors.METRICS), default="views"),
        ],
        responses={200: TimeseriesSerializer},
        summary="One of my figures per day, zero-filled, oldest first (days, or start and end)",
        tags=["dashboard"],
    )
    def timeseries(self, request):
        query = _query(TimeseriesQuerySerializer, request)
        series = selectors.timeseries(
            user=request.user, metric=query["metric"], start=query["start"], end=query["end"]
        )
        return Response(TimeseriesSerializer(series).data)


class DashboardVideoViewSet(viewsets.GenericViewSet):
    """My items with their figures."""

    permission_classes = [IsAuthenticated]
    pagination_class = KeysetPagination
    serializer_class = DashboardVideoSerializer

    def get_ordering(self) -> str:
        return selectors.VIDEO_SORTS[self.sort]

    @extend_schema(
        parameters=[DashboardVideoQuerySerializer],
        summary="My items, private, drafts and processing ones included, with their figures",
        tags=["dashboard"],
    )
    def list(self, request):
        self.sort = _query(DashboardVideoQuerySerializer, request)["sort"]
        page = self.paginate_queryset(selectors.my_videos(user=request.user))
        context = serializer_context(videos=page, request=request)
        context["watch_time"] = selectors.watch_time_of(video_ids=[video.id for video in page])
        data = DashboardVideoSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class SearchViewSet(viewsets.GenericViewSet):
    """Search over what the caller may see: items, channels, playlists."""

    permission_classes = [AllowAny]
    pagination_class = RankPagination
    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[SearchQuerySerializer],
        responses=SEARCH_HITS,
        summary=(
            "Search items (titles, descriptions, tags), channels (usernames, full names) and "
            "playlists (names): whole words first, then popularity and recency"
        ),
        tags=["search"],
    )
    def list(self, request):
        query = _query(SearchQuerySerializer, request)
        paginator = self.paginator

        def fetch(offset, limit):
            return search.search(**query, offset=offset, limit=limit)

        hits = paginator.paginate_ranked(fetch, request)
        viewer = viewer_of(request)
        of = {name: [doc for kind, doc in hits if kind == name] for name in search.TYPES[1:]}
        playlists = summaries(playlists=of["playlists"], viewer=viewer)
        context = {
            "video": serializer_context(videos=of["videos"], request=request),
            "channel": channel_context(users=of["channels"], viewer=viewer, request=request),
            "playlist": {"request": request},
        }
        by_playlist = {summary.playlist.id: summary for summary in playlists}
        rows = [
            {
                "type": kind[:-1],
                "doc": by_playlist[doc.id] if kind == "playlists" else doc,
            }
            for kind, doc in hits
        ]
        data = SearchResultSerializer(rows, many=True, context=context).data
        return paginator.get_paginated_response(data)
