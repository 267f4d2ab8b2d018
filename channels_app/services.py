"""Channel writes: subscribing, unsubscribing, the notification bell; counted exactly once."""

from dataclasses import dataclass

from django.utils import timezone
from mongoengine import NotUniqueError

from accounts.documents import User
from accounts.selectors import has_blocked
from channels_app import counters
from channels_app.cache import CHANNEL_ACTIVITY
from channels_app.documents import Subscription
from channels_app.signals import subscribed
from common import cache
from common.errors import Conflict, NotAllowed, NotFound, RuleViolation
from common.turns import in_turn


@dataclass(frozen=True)
class Subscribed:
    subscription: Subscription
    created: bool


def _turn(*, subscriber: User, channel: User):
    """Changes of one subscription count one at a time, in the order made."""
    return in_turn(
        record=f"subscription:{subscriber.id}:{channel.id}",
        touching=[(counters.subscribers, channel.id), (counters.subscriptions, subscriber.id)],
    )


def _refuse_blocked(*, subscriber: User, channel: User) -> None:
    """A user the channel blocked may not subscribe to it, nor keep a bell on it."""
    if has_blocked(blocker_id=channel.id, blocked_id=subscriber.id):
        raise NotAllowed("You cannot subscribe to this channel.")


def _insert_subscription(
    *, subscriber: User, channel: User, notify: str | None
) -> tuple[Subscription, bool]:
    """The new subscription, or the one already there (True when this call created it). An
    unsubscribe racing between our failed insert and our read just means we insert again."""
    for _ in range(5):
        subscription = Subscription(
            subscriber_id=subscriber.id,
            channel_id=channel.id,
            notify=notify or "all",
            subscriber_active=subscriber.is_active,
            channel_active=channel.is_active,
            created_at=timezone.now(),
        )
        try:
            subscription.save(force_insert=True)
        except NotUniqueError:
            existing = Subscription.objects(
                subscriber_id=subscriber.id, channel_id=channel.id
            ).first()
            if existing is not None:
                return existing, False
        else:
            return subscription, True
    raise Conflict("The subscription kept changing; try again.", code="concurrent_edit")


def subscribe(*, subscriber: User, channel: User, notify: str | None = None) -> Subscribed:
    """Subscribe (durable when this returns); a repeat changes nothing but the bell, if given."""
    if subscriber.id == channel.id:
        raise RuleViolation("You cannot subscribe to yourself.", code="own_channel")
    _refuse_blocked(subscriber=subscriber, channel=channel)
    with _turn(subscriber=subscriber, channel=channel) as change:
        subscription, created = _insert_subscription(
            subscriber=subscriber, channel=channel, notify=notify
        )
        if created:
            change.count(counters.subscribers_gained, doc_id=channel.id)
            change.count(counters.subscriptions_made, doc_id=subscriber.id)
    if created:
        cache.bump(("following", subscriber.id))
    if not created:
        if notify is not None and subscription.notify != notify:
            subscription.update(set__notify=notify)
            subscription.notify = notify
        return Subscribed(subscription=subscription, created=False)
    # A block that landed after the first check: its receiver may have run before our insert,
    # so undo it here (counted once, by whichever delete removes it).
    if has_blocked(blocker_id=channel.id, blocked_id=subscriber.id):
        unsubscribe(subscriber=subscriber, channel=channel)
        raise NotAllowed("You cannot subscribe to this channel.")
    subscribed.send(sender=Subscription, subscription=subscription)
    return Subscribed(subscription=subscription, created=True)


def set_notify(*, subscriber: User, channel: User, notify: str | None) -> Subscription:
    """Set the bell of an existing subscription (none given: leave it); without one, 404."""
    _refuse_blocked(subscriber=subscriber, channel=channel)
    mine = Subscription.objects(subscriber_id=subscriber.id, channel_id=channel.id)
    subscription = mine.first() if notify is None else mine.modify(set__notify=notify, new=True)
    if subscription is None:
        raise NotFound("You do not subscribe to this channel.")
    return subscription


def unsubscribe(*, subscriber: User, channel: User) -> bool:
    """Unsubscribe; only the request that removed the subscription counts it."""
    with _turn(subscriber=subscriber, channel=channel) as change:
        removed = Subscription._get_collection().delete_one(
            {"subscriber_id": subscriber.id, "channel_id": channel.id}
        )
        if removed.deleted_count == 1:
            change.count(counters.subscribers_lost, doc_id=channel.id)
            change.count(counters.subscriptions_made, doc_id=subscriber.id, amount=-1)
    if removed.deleted_count == 1:
        cache.bump(("following", subscriber.id))
    return removed.deleted_count == 1


def on_user_blocked(*, blocker: User, blocked: User, **kwargs) -> None:
    """A block ends the blocked user's subscription to the blocker, counted as an unsubscribe."""
    unsubscribe(subscriber=blocked, channel=blocker)


def on_account_status_changed(*, user: User, active: bool, **kwargs) -> None:
    """A suspended account drops out of subscriber lists and subscription lists, and comes back."""
    Subscription.objects(subscriber_id=user.id).update(set__subscriber_active=active)
    Subscription.objects(channel_id=user.id).update(set__channel_active=active)
    cache.bump(CHANNEL_ACTIVITY)
