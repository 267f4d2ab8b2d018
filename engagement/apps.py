from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """Tweets, likes and the feed."""

    name = "engagement"

    def ready(self) -> None:
        from accounts.signals import (
            account_purging,
            account_status_changed,
            collecting_account_data,
        )
        from engagement import exports, purge, receivers
        from videos.signals import video_deleted, video_page_context

        video_page_context.connect(
            receivers.video_page_context, weak=False, dispatch_uid="engagement.likes"
        )
        video_deleted.connect(receivers.video_deleted, weak=False, dispatch_uid="engagement.likes")
        account_status_changed.connect(
            receivers.account_status_changed, weak=False, dispatch_uid="engagement.tweets"
        )
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="engagement.purge")
        collecting_account_data.connect(
            exports.export_parts, weak=False, dispatch_uid="engagement.exports"
        )
