from django.apps import AppConfig


class VideosConfig(AppConfig):
    """Media items, their processing and delivery."""

    name = "videos"

    def ready(self) -> None:
        from accounts.signals import (
            account_purging,
            account_status_changed,
            collecting_account_data,
        )
        from videos import exports, metrics, purge, services

        account_status_changed.connect(services.on_account_status_changed, weak=False)
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="videos.purge")
        collecting_account_data.connect(
            exports.export_parts, weak=False, dispatch_uid="videos.exports"
        )
        metrics.register()
