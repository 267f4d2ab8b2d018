from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Instant updates: each signed-in user's server-sent event stream, fed through Redis."""

    name = "events"

    def ready(self) -> None:
        from events import schema  # noqa: F401  registers the OpenAPI ticket extension
