from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Commands for running and filling the platform on a developer's machine."""

    name = "devtools"
