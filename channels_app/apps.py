from django.apps import AppConfig


class ChannelsAppConfig(AppConfig):
    """Channels and subscriptions."""

    name = "channels_app"

    def ready(self) -> None:
        from accounts.signals import (
            account_purging,
            account_status_changed,
            collecting_account_data,
            user_blocked,
        )
        from channels_app import exports, purge, services

        account_status_changed.connect(
            services.on_account_status_changed, weak=False, dispatch_uid="channels_app.status"
        )
        user_blocked.connect(
            services.on_user_blocked, weak=False, dispatch_uid="channels_app.blocks"
        )
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="channels_app.purge")
        collecting_account_data.connect(
            exports.export_parts, weak=False, dispatch_uid="channels_app.exports"
        )
