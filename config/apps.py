from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Opens the MongoDB connection once Django is ready."""

    name = "config"
    label = "streamsphere"
    verbose_name = "StreamSphere"

    def ready(self) -> None:
        from config.mongo import connect_mongo

        connect_mongo()
