from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Opens the MongoDB connection, bounds image decoding and follows Celery tasks in logs."""

    name = "config"
    label = "streamsphere"
    verbose_name = "StreamSphere"

    def ready(self) -> None:
        from common.images import bound_image_decoding
        from config import observability  # noqa: F401  connects the Celery signal handlers
        from config.mongo import connect_mongo

        connect_mongo()
        bound_image_decoding()
