from django.urls import path

from channels_app.views import (
    ChannelSubscribersViewSet,
    ChannelVideosViewSet,
    ChannelViewSet,
    MySubscriptionsViewSet,
)

urlpatterns = [
    path(
        "channels/<str:username>",
        ChannelViewSet.as_view({"get": "retrieve"}),
        name="channel-detail",
    ),
    path(
        "channels/<str:username>/subscription",
        ChannelViewSet.as_view(
            {"put": "subscribe", "patch": "set_notify", "delete": "unsubscribe"}
        ),
        name="channel-subscription",
    ),
    path(
        "channels/<str:username>/videos",
        ChannelVideosViewSet.as_view({"get": "list"}),
        name="channel-videos",
    ),
    path(
        "channels/<str:username>/subscribers",
        ChannelSubscribersViewSet.as_view({"get": "list"}),
        name="channel-subscribers",
    ),
    path(
        "users/me/subscriptions",
        MySubscriptionsViewSet.as_view({"get": "list"}),
        name="users-me-subscriptions",
    ),
]
