"""What an account's purge removes from channels: its subscriptions both ways, each counted off
the other side's figure as an unsubscribe is, its daily figures, and its cached profile."""

from accounts.documents import User
from channels_app import cache, counters
from channels_app.documents import ChannelDailyStats, Subscription
from common.removal import Move, Rows, delete_in_batches, remove_records


def _subscribers_lost(rows: Rows) -> list[Move]:
    """The user's subscriptions: each channel loses a subscriber."""
    return [
        Move(
            counter=counters.subscribers_lost,
            doc_id=row["channel_id"],
            amount=1,
            tally=counters.subscribers,
        )
        for row in rows
    ]


def _subscriptions_ended(rows: Rows) -> list[Move]:
    """Subscriptions to the user: each subscriber follows one channel less."""
    return [
        Move(
            counter=counters.subscriptions_made,
            doc_id=row["subscriber_id"],
            amount=-1,
            tally=counters.subscriptions,
        )
        for row in rows
    ]


def purge_account(*, user: User, **kwargs) -> None:
    """Remove the user's subscriptions and channel figures; safe to run again after a crash."""
    for name, side, moves, field in (
        ("subscriptions", "subscriber_id", _subscribers_lost, "channel_id"),
        ("subscribers", "channel_id", _subscriptions_ended, "subscriber_id"),
    ):
        remove_records(
            name=f"channels.{name}:{user.id}",
            collection=Subscription._get_collection(),
            where={side: user.id},
            fields=(field,),
            moves=moves,
        )
    delete_in_batches(collection=ChannelDailyStats._get_collection(), where={"channel_id": user.id})
    for tally in (counters.subscribers, counters.subscriptions):
        tally.forget(doc_ids=[user.id])
    cache.forget_profile(username=user.username)
