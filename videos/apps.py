from django.apps import AppConfig


class VideosConfig(AppConfig):
    """Media items, their processing and delivery."""

    name = "videos"

    def ready(self) -> None:
        from accounts.signals import account_status_changed
        from videos import metrics, services

        account_status_changed.connect(services.on_account_status_changed, weak=False)
        metrics.register()
