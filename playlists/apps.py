from django.apps import AppConfig


class PlaylistsConfig(AppConfig):
    """Users' ordered lists of items, Watch later among them."""

    name = "playlists"

    def ready(self) -> None:
        from accounts.signals import account_purging, collecting_account_data
        from playlists import (
            documents,  # noqa: F401  declares the collections and their indexes
            exports,
            purge,
            receivers,
        )
        from videos.signals import video_deleted

        video_deleted.connect(receivers.on_video_deleted, weak=False)
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="playlists.purge")
        collecting_account_data.connect(
            exports.export_parts, weak=False, dispatch_uid="playlists.exports"
        )
