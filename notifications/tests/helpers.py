"""Builders for notification tests: subscriptions, blocks and stand-in comments in the store."""

from types import SimpleNamespace

from bson import ObjectId

from accounts.documents import Block
from channels_app.documents import Subscription
from notifications.documents import Notification

INBOX = "/api/v1/notifications"
UNREAD_COUNT = f"{INBOX}/unread-count"
SETTINGS = "/api/v1/users/me/notification-settings"


def follow(subscriber, channel, notify: str = "all") -> Subscription:
    """A subscription straight in the store (no signal: the channel is not told)."""
    subscription = Subscription(
        subscriber_id=subscriber.id,
        channel_id=channel.id,
        notify=notify,
        subscriber_active=subscriber.is_active,
    )
    subscription.save(force_insert=True)
    return subscription


def block(blocker, blocked) -> None:
    Block(blocker_id=blocker.id, blocked_id=blocked.id).save(force_insert=True)


def comment(video, author, content: str = "Nice", *, parent=None, reply_to=None):
    """A stand-in Comment with the fields its signals carry, for rules HTTP cannot reach."""
    return SimpleNamespace(
        id=ObjectId(),
        video_id=video.id,
        video_owner_id=video.owner_id,
        author_id=author.id,
        parent_id=parent.id if parent else None,
        reply_to_user_id=reply_to.id if reply_to else None,
        content=content,
        status="published",
    )


def kinds_of(client) -> list[str]:
    """The kinds in the client's inbox, newest first."""
    response = client.get(INBOX, {"limit": 100})
    assert response.status_code == 200, response.content
    return [entry["kind"] for entry in response.json()["results"]]


def stored(user, kind: str | None = None) -> list[Notification]:
    query = Notification.objects(recipient_id=user.id)
    return list(query.filter(kind=kind) if kind else query)
