from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """Resumable uploads (tus 1.0) whose last byte attaches the file to a media item."""

    name = "uploads"

    def ready(self) -> None:
        from uploads import services
        from videos.signals import video_deleted

        video_deleted.connect(services.on_video_deleted, weak=False)
