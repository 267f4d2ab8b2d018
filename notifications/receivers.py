"""How notifications react to what lower apps announce: each receiver calls one service."""

from notifications import services, tasks, unread, visibility


def video_went_live(*, video, **kwargs) -> None:
    services.on_video_went_live(video=video)


def video_processed(*, video, ready: bool, **kwargs) -> None:
    services.on_video_processed(video=video, ready=ready)


def video_deleted(*, video, **kwargs) -> None:
    tasks.forget_target.delay(str(video.id))


def video_listing_refreshed(*, video, **kwargs) -> None:
    visibility.on_item_refreshed(video=video)


def tweet_deleted(*, tweet, **kwargs) -> None:
    tasks.forget_target.delay(str(tweet.id))


def account_status_changed(*, user, active: bool, **kwargs) -> None:
    visibility.on_account_status_changed(user_id=user.id, active=active)


def blocks_changed(*, blocker, **kwargs) -> None:
    """Entries from someone blocked hide at read time: the blocker's unread figure recounts."""
    unread.changed(user_ids=[blocker.id])


def subscribed(*, subscription, **kwargs) -> None:
    services.on_subscribed(subscription=subscription)


def tweet_posted(*, tweet, **kwargs) -> None:
    services.on_tweet_posted(tweet=tweet)


def target_liked(*, user, target_type: str, target, likes: int, **kwargs) -> None:
    services.on_target_liked(user=user, target_type=target_type, target=target, likes=likes)


def comment_published(*, comment, video, **kwargs) -> None:
    services.on_comment_published(comment=comment, video=video)


def comment_held(*, comment, video, **kwargs) -> None:
    services.on_comment_held(comment=comment, video=video)
