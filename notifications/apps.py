from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """What users are told about: the in-app inbox, its settings, e-mail digests."""

    name = "notifications"
