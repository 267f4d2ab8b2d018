"""Channel endpoints: the channel page, its items and subscribers, subscribing, my subscriptions."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from channels_app import cache, selectors, services
from channels_app.serializers import (
    ChannelSerializer,
    ChannelVideoFilters,
    NotifySerializer,
    SubscriberSerializer,
    SubscriptionSerializer,
)
from common.api.openapi import error_responses
from common.api.pagination import KeysetPagination
from common.api.permissions import ReadOrSignedIn
from common.api.views import validated, viewer_of
from videos import selectors as video_selectors
from videos.serializers import VideoSerializer

NO_CONTENT = OpenApiResponse(description="Done.")


def _subscriptions_page(request, page, *, side: str, serializer_class) -> list[dict]:
    users = selectors.subscription_page(subscriptions=page, side=side)
    page = [subscription for subscription in page if getattr(subscription, side) in users]
    context = selectors.channel_context(
        users=list(users.values()), viewer=viewer_of(request), request=request
    )
    context["users"] = users
    return serializer_class(page, many=True, context=context).data


def _subscription_body(request, subscription, channel) -> dict:
    context = selectors.channel_context(users=[channel], viewer=request.user, request=request)
    context["users"] = {channel.id: channel}
    return SubscriptionSerializer(subscription, context=context).data


class ChannelViewSet(viewsets.GenericViewSet):
    """A channel, and subscribing to it."""

    serializer_class = ChannelSerializer
    permission_classes = [ReadOrSignedIn]

    @extend_schema(summary="A channel: the user with its figures", tags=["channels"])
    def retrieve(self, request, username=None):
        return Response(cache.channel_profile(username=username, request=request))

    @extend_schema(
        request=NotifySerializer,
        responses={
            200: SubscriptionSerializer,
            201: SubscriptionSerializer,
            **error_responses(400),
        },
        summary="Subscribe (201; 200 if already subscribed), optionally setting the bell",
        tags=["channels"],
    )
    def subscribe(self, request, username=None):
        channel = selectors.channel_by_username(username=username)
        notify = validated(NotifySerializer, request).get("notify")
        result = services.subscribe(subscriber=request.user, channel=channel, notify=notify)
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(_subscription_body(request, result.subscription, channel), status=code)

    @extend_schema(
        request=NotifySerializer,
        responses={200: SubscriptionSerializer},
        summary="Set the bell of my subscription",
        tags=["channels"],
    )
    def set_notify(self, request, username=None):
        channel = selectors.channel_by_username(username=username)
        notify = validated(NotifySerializer, request).get("notify")
        subscription = services.set_notify(subscriber=request.user, channel=channel, notify=notify)
        return Response(_subscription_body(request, subscription, channel))

    @extend_schema(
        responses={204: NO_CONTENT},
        summary="Unsubscribe (204 whether or not I was subscribed)",
        tags=["channels"],
    )
    def unsubscribe(self, request, username=None):
        channel = selectors.channel_by_username(username=username)
        services.unsubscribe(subscriber=request.user, channel=channel)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChannelVideosViewSet(viewsets.GenericViewSet):
    """A channel's public items."""

    pagination_class = KeysetPagination
    serializer_class = VideoSerializer
    permission_classes = [AllowAny]

    def get_ordering(self) -> str:
        return video_selectors.SORTS[self.filters["sort"]]

    @extend_schema(
        parameters=[ChannelVideoFilters],
        summary="A channel's public items, filtered and sorted like the catalogue",
        tags=["channels"],
    )
    def list(self, request, username=None):
        channel = selectors.channel_by_username(username=username)
        filters = ChannelVideoFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        self.filters = filters.validated_data
        query = video_selectors.listed_videos(
            q=self.filters.get("q", ""),
            kind=self.filters.get("kind", ""),
            tag=self.filters.get("tag", ""),
        ).filter(owner_id=channel.id)
        page = self.paginate_queryset(query)
        context = video_selectors.serializer_context(videos=page, request=request)
        return self.get_paginated_response(VideoSerializer(page, many=True, context=context).data)


class ChannelSubscribersViewSet(viewsets.GenericViewSet):
    """Who subscribes to a channel."""

    pagination_class = KeysetPagination
    serializer_class = SubscriberSerializer
    permission_classes = [AllowAny]

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(summary="A channel's subscribers, newest first", tags=["channels"])
    def list(self, request, username=None):
        channel = selectors.channel_by_username(username=username)
        page = self.paginate_queryset(selectors.subscribers_of(channel=channel))
        data = _subscriptions_page(
            request, page, side="subscriber_id", serializer_class=SubscriberSerializer
        )
        return self.get_paginated_response(data)


class MySubscriptionsViewSet(viewsets.GenericViewSet):
    """The channels I subscribe to."""

    pagination_class = KeysetPagination
    serializer_class = SubscriptionSerializer
    permission_classes = [IsAuthenticated]

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(summary="Channels I subscribe to, newest first", tags=["users"])
    def list(self, request):
        page = self.paginate_queryset(selectors.subscriptions_of(user=request.user))
        data = _subscriptions_page(
            request, page, side="channel_id", serializer_class=SubscriptionSerializer
        )
        return self.get_paginated_response(data)
