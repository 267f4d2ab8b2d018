from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """Finding more to watch: up next, and each channel's feeds for readers and podcast apps."""

    name = "discovery"
