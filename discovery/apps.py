from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """Finding more to watch: up next."""

    name = "discovery"
