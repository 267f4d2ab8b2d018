"""Subscriber and subscription figures: exact, crash-safe counters on the users collection.

Subscribers are two monotonic counters (gained, lost), so each day's gains and losses can be
folded into ChannelDailyStats; the figure shown is gained - lost. Subscriptions is one net counter.
"""

from collections.abc import Callable
from dataclasses import dataclass

import structlog
from bson import ObjectId

from accounts.documents import User
from channels_app.documents import ChannelDailyStats, Subscription
from common import cache
from common.counters import BufferedCounter, Tally
from common.daily import DayChange, fold_daily, today
from common.reconcile import Repair, reconcile, reconcile_until

logger = structlog.get_logger(__name__)


def _figures_stored(user_ids: list[str]) -> None:
    """A flush or a repair moved channels' stored figures: cached profiles of them are stale."""
    cache.bump_many("channel", user_ids)


subscribers_gained = BufferedCounter(
    name="subscribers_gained",
    collection=User._get_collection,
    field="subscribers_gained",
    group="users",
    on_stored=_figures_stored,
)
subscribers_lost = BufferedCounter(
    name="subscribers_lost",
    collection=User._get_collection,
    field="subscribers_lost",
    group="users",
    on_stored=_figures_stored,
)
subscriptions_made = BufferedCounter(
    name="subscriptions",
    collection=User._get_collection,
    field="subscriptions_count",
    group="users",
    on_stored=_figures_stored,
)
subscribers = Tally(name="subscribers", gained=subscribers_gained, lost=subscribers_lost)
subscriptions = Tally(name="subscriptions", gained=subscriptions_made)


@dataclass(frozen=True)
class ChannelFigures:
    subscribers: int
    subscriptions: int


def _daily(field: str):
    def fold(batch_id: str, counts: dict[str, int]) -> None:
        day = today()
        fold_daily(
            collection=ChannelDailyStats._get_collection(),
            key="channel_id",
            ledger=f"{field}_batches",
            batch_id=batch_id,
            changes=[
                DayChange(key=ObjectId(key), day=day, increments={field: n})
                for key, n in counts.items()
                if ObjectId.is_valid(key)
            ],
        )

    return fold


def flush_subscription_counters() -> int:
    """Fold buffered subscription changes into users and the daily figures; returns how many."""
    return (
        subscribers_gained.flush(on_applied=_daily("gained"))
        + subscribers_lost.flush(on_applied=_daily("lost"))
        + subscriptions_made.flush()
    )


def _subscriptions_by(field: str) -> Callable[[list[ObjectId]], dict[ObjectId, int]]:
    """Subscriptions per user of those asked about, grouped by `field`, in one aggregation."""

    def count(ids: list[ObjectId]) -> dict[ObjectId, int]:
        pipeline = [
            {"$match": {field: {"$in": ids}}},
            {"$group": {"_id": f"${field}", "n": {"$sum": 1}}},
        ]
        return {row["_id"]: row["n"] for row in Subscription._get_collection().aggregate(pipeline)}

    return count


def reconcile_subscription_counters() -> dict[str, Repair]:
    """Recount subscriptions of the users that changed (and of the sweep's next ones) and
    repair figures Redis lost, within the time budget; logs the repair."""
    flush_subscription_counters()
    until = reconcile_until()
    repairs = {
        "subscribers": reconcile(
            tally=subscribers, count=_subscriptions_by("channel_id"), until=until
        ),
        "subscriptions": reconcile(
            tally=subscriptions, count=_subscriptions_by("subscriber_id"), until=until
        ),
    }
    for figure, repair in repairs.items():
        logger.info(
            "subscriptions_reconciled",
            figure=figure,
            checked=repair.checked,
            repaired=repair.repaired,
            amount=repair.amount,
        )
    return repairs


def channel_figures(*, users: list[User]) -> dict[ObjectId, ChannelFigures]:
    """Stored plus buffered subscriber and subscription counts per user; Redis reads only."""
    shown_subscribers = subscribers.current(docs=users)
    shown_subscriptions = subscriptions.current(docs=users)
    return {
        user.id: ChannelFigures(
            subscribers=shown_subscribers[user.id], subscriptions=shown_subscriptions[user.id]
        )
        for user in users
    }
