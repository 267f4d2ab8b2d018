from django.urls import path

from notifications.views import NotificationSettingsViewSet, NotificationViewSet

urlpatterns = [
    path("notifications", NotificationViewSet.as_view({"get": "list"}), name="notifications"),
    path(
        "notifications/unread-count",
        NotificationViewSet.as_view({"get": "unread_count"}),
        name="notifications-unread-count",
    ),
    path(
        "notifications/read",
        NotificationViewSet.as_view({"post": "read"}),
        name="notifications-read",
    ),
    path(
        "notifications/read-all",
        NotificationViewSet.as_view({"post": "read_all"}),
        name="notifications-read-all",
    ),
    path(
        "users/me/notification-settings",
        NotificationSettingsViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="users-me-notification-settings",
    ),
]
