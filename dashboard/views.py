"""Dashboard endpoints: the signed-in creator's own channel, items and their figures."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from common.api.pagination import KeysetPagination
from dashboard import selectors
from dashboard.serializers import (
    AnalyticsSerializer,
    DashboardVideoQuerySerializer,
    DashboardVideoSerializer,
    StatsSerializer,
    TimeseriesQuerySerializer,
    TimeseriesSerializer,
)
from videos.selectors import serializer_context


def _query(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class DashboardViewSet(viewsets.GenericViewSet):
    """The creator's dashboard; everything here is the caller's own."""

    permission_classes = [IsAuthenticated]
    pagination_class = KeysetPagination
    serializer_class = DashboardVideoSerializer
    lookup_value_regex = "[^/]+"

    def get_ordering(self) -> str:
        return selectors.VIDEO_SORTS[self.sort]

    @extend_schema(
        responses={200: StatsSerializer},
        summary="Totals of my channel: items, views, subscribers, likes, comments, watch time",
        tags=["dashboard"],
    )
    def stats(self, request):
        return Response(StatsSerializer(selectors.channel_stats(user=request.user)).data)

    @extend_schema(
        parameters=[DashboardVideoQuerySerializer],
        summary="My items, private, drafts and processing ones included, with their figures",
        tags=["dashboard"],
    )
    def videos(self, request):
        self.sort = _query(DashboardVideoQuerySerializer, request)["sort"]
        page = self.paginate_queryset(selectors.my_videos(user=request.user))
        context = serializer_context(videos=page, request=request)
        context["watch_time"] = selectors.watch_time_of(video_ids=[video.id for video in page])
        data = DashboardVideoSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

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
