from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """What users are told about: the in-app inbox, its settings, e-mail digests."""

    name = "notifications"

    def ready(self) -> None:
        from accounts.signals import (
            account_purging,
            account_status_changed,
            collecting_account_data,
            user_blocked,
            user_unblocked,
        )
        from channels_app.signals import subscribed
        from engagement.signals import (
            comment_held,
            comment_published,
            target_liked,
            tweet_deleted,
            tweet_posted,
        )
        from notifications import exports, purge, receivers
        from videos.signals import (
            video_deleted,
            video_listing_refreshed,
            video_processed,
            video_went_live,
        )

        for signal, receiver in (
            (video_went_live, receivers.video_went_live),
            (video_processed, receivers.video_processed),
            (video_deleted, receivers.video_deleted),
            (video_listing_refreshed, receivers.video_listing_refreshed),
            (subscribed, receivers.subscribed),
            (tweet_posted, receivers.tweet_posted),
            (tweet_deleted, receivers.tweet_deleted),
            (target_liked, receivers.target_liked),
            (comment_published, receivers.comment_published),
            (comment_held, receivers.comment_held),
            (account_status_changed, receivers.account_status_changed),
            (user_blocked, receivers.blocks_changed),
            (user_unblocked, receivers.blocks_changed),
        ):
            signal.connect(receiver, weak=False, dispatch_uid=f"notifications.{receiver.__name__}")
        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="notifications.purge")
        collecting_account_data.connect(
            exports.export_parts, weak=False, dispatch_uid="notifications.exports"
        )
