"""Staff actions: each calls the service the API uses, then writes the decision to the log."""

from bson import ObjectId

from accounts import services as account_services
from accounts.documents import User
from engagement import services as engagement_services
from engagement.documents import Comment, Tweet
from engagement.services import Actor, record_decision
from videos import services as video_services
from videos.documents import Video


def staff(user) -> Actor:
    """The log's name for a Django staff user: their admin login."""
    return Actor.staff(user.get_username())


def _log(
    by: Actor,
    action: str,
    *,
    target_type: str,
    target_id: ObjectId,
    reason: str,
    video_id: ObjectId | None = None,
) -> None:
    record_decision(
        actor=by,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason,
        video_id=video_id,
    )


def set_account_state(*, by: Actor, account: User, active: bool, reason: str) -> None:
    """Suspend (sessions revoked, content hidden) or reinstate an account."""
    account_services.set_user_active(user=account, active=active)
    action = "reinstate" if active else "suspend"
    _log(by, action, target_type="user", target_id=account.id, reason=reason)


def unpublish(*, by: Actor, item: Video, reason: str) -> None:
    """Hide an item from everyone but its owner (signed links revoked) without deleting it."""
    video_services.update_video(video=item, changes={"published": False})
    _log(by, "unpublish", target_type="video", target_id=item.id, reason=reason, video_id=item.id)


def take_down(*, by: Actor, item: Video, reason: str) -> None:
    """Delete an item with its files, comments and likes."""
    video_services.delete_video(video=item)
    _log(by, "take_down", target_type="video", target_id=item.id, reason=reason, video_id=item.id)


def reprocess(*, by: Actor, item: Video, reason: str) -> None:
    """Queue a failed item again from its stored source."""
    video_services.reprocess_video(video=item)
    _log(by, "reprocess", target_type="video", target_id=item.id, reason=reason, video_id=item.id)


def remove_tweet(*, by: Actor, tweet: Tweet, reason: str) -> None:
    """Delete a tweet and its likes."""
    engagement_services.delete_tweet(tweet=tweet)
    _log(by, "remove", target_type="tweet", target_id=tweet.id, reason=reason)


def approve_comments(*, by: Actor, comments: list[Comment], reason: str) -> int:
    """Publish held comments; the engagement service logs each one it published."""
    held = [comment for comment in comments if comment.status == "held"]
    for comment in held:
        engagement_services.approve_comment(comment=comment, by=by, reason=reason)
    return len(held)


def remove_comments(*, by: Actor, comments: list[Comment], reason: str) -> int:
    """Remove comments with their threads; the engagement service logs each removal."""
    live = [comment for comment in comments if comment.status != "removed"]
    for comment in live:
        engagement_services.delete_comment(comment=comment, by=by, reason=reason)
    return len(live)


def log_resolution(*, by: Actor, target_type: str, target_id: ObjectId, action: str, reason: str):
    """A report resolution is a decision of its own, beside whatever it did to the target."""
    _log(by, f"resolve_{action}", target_type=target_type, target_id=target_id, reason=reason)
