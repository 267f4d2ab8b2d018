from django.apps import AppConfig


class VideosConfig(AppConfig):
    """Media items, their processing and delivery."""

    name = "videos"

    def ready(self) -> None:
        from accounts.signals import (
            account_purging,
            account_status_changed,
        )
        from videos import metrics, purge, services

        account_status_changed.connect(services.on_account_status_changed, weak=False)
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="videos.purge")
        metrics.register()
