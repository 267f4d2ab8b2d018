from django.apps import AppConfig


class PlaylistsConfig(AppConfig):
    """Users' ordered lists of items, Watch later among them."""

    name = "playlists"

    def ready(self) -> None:
        from playlists import (
            documents,  # noqa: F401  declares the collections and their indexes
            receivers,
        )
        from videos.signals import video_deleted

        video_deleted.connect(receivers.on_video_deleted, weak=False)
