from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Opens the MongoDB connection and bounds image decoding once Django is ready."""

    name = "config"
    label = "streamsphere"
    verbose_name = "StreamSphere"

    def ready(self) -> None:
        from common.images import bound_image_decoding
        from config.mongo import connect_mongo

        connect_mongo()
        bound_image_decoding()
