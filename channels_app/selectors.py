"""Channel reads: who is a channel, its figures, and who subscribes to whom."""

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import user_by_username, users_by_ids
from channels_app import counters
from channels_app.documents import Subscription
from common.errors import NotFound
from videos.documents import Video


def channel_by_username(*, username: str) -> User:
    """An active account's channel; unknown and suspended ones are a 404."""
    user = user_by_username(username=username)
    if user is None or not user.is_active:
        raise NotFound("No such channel.")
    return user


def subscription_of(*, subscriber: User, channel: User) -> Subscription | None:
    return Subscription.objects(subscriber_id=subscriber.id, channel_id=channel.id).first()


def subscribers_of(*, channel: User):
    """Subscriptions to a channel by active accounts, newest first once paginated."""
    return Subscription.objects(channel_id=channel.id, subscriber_active=True)


def subscriptions_of(*, user: User):
    """A user's subscriptions to active channels, newest first once paginated."""
    return Subscription.objects(subscriber_id=user.id, channel_active=True)


# Ids a followed-ids answer holds in its first batch: a server stops a batch at 16 MiB, some
# 550,000 of these 29-byte documents, so however many a user follows it is one round-trip.
FOLLOWED_BATCH = 500_000


def followed_channel_ids(*, user: User) -> list[ObjectId]:
    """Ids of the active channels a user subscribes to, in one round-trip however many, read
    from the (subscriber_id, channel_active, channel_id) index alone (a covered query)."""
    found = (
        Subscription._get_collection()
        .find({"subscriber_id": user.id, "channel_active": True}, {"_id": 0, "channel_id": 1})
        .batch_size(FOLLOWED_BATCH)
    )
    return [row["channel_id"] for row in found]


def listed_videos_counts(*, owner_ids: list[ObjectId]) -> dict[ObjectId, int]:
    """Publicly listed items per owner, in one aggregation on the (is_listed, owner_id) index."""
    if not owner_ids:
        return {}
    pipeline = [
        {"$match": {"is_listed": True, "owner_id": {"$in": owner_ids}}},
        {"$group": {"_id": "$owner_id", "n": {"$sum": 1}}},
    ]
    return {row["_id"]: row["n"] for row in Video._get_collection().aggregate(pipeline)}


def channel_context(*, users: list[User], viewer: User | None, request) -> dict:
    """What ChannelSerializer needs for a page of channels, in a constant number of queries."""
    ids = [user.id for user in users]
    return {
        "request": request,
        "figures": counters.channel_figures(users=users),
        "videos_counts": listed_videos_counts(owner_ids=ids),
        "subscribed": subscribed_ids(viewer=viewer, ids=ids),
    }


def subscribed_ids(*, viewer: User | None, ids: list[ObjectId]) -> set[ObjectId]:
    """Which of these channels the viewer subscribes to, in one query."""
    if viewer is None or not ids:
        return set()
    return set(
        Subscription.objects(subscriber_id=viewer.id, channel_id__in=ids).scalar("channel_id")
    )


def subscription_page(*, subscriptions: list[Subscription], side: str) -> dict[ObjectId, User]:
    """The users on one side ("channel_id" or "subscriber_id") of a page, in one query."""
    return users_by_ids(ids=[getattr(subscription, side) for subscription in subscriptions])
