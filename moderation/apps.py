from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Reports, and the moderation console staff use in the Django admin."""

    name = "moderation"
