from django.apps import AppConfig


class ChannelsAppConfig(AppConfig):
    """Channels and subscriptions."""

    name = "channels_app"

    def ready(self) -> None:
        from accounts.signals import account_status_changed
        from channels_app import services

        account_status_changed.connect(
            services.on_account_status_changed, weak=False, dispatch_uid="channels_app.status"
        )
