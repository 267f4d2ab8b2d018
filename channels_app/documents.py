"""Channel documents: who subscribes to whom, and each channel's daily subscriber figures."""

from django.utils import timezone
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    ListField,
    ObjectIdField,
    StringField,
)

NOTIFY = ("all", "none")


class Subscription(Document):
    """One subscriber following one channel; the unique index makes subscribing idempotent."""

    subscriber_id = ObjectIdField(required=True)
    channel_id = ObjectIdField(required=True)
    notify = StringField(choices=NOTIFY, default="all")
    # Whether each side is not suspended, kept by a receiver so lists need no join.
    subscriber_active = BooleanField(default=True)
    channel_active = BooleanField(default=True)
    created_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "subscriptions",
        "shard_key": ("subscriber_id",),
        "indexes": [
            {"fields": ["subscriber_id", "channel_id"], "unique": True},
            {"fields": ["channel_id", "subscriber_active", "-created_at", "-id"]},
            {"fields": ["subscriber_id", "channel_active", "-created_at", "-id"]},
            # A channel's fan-out reads only this index (bell on, subscriber ids), and the
            # feed's followed ids only this one.
            {"fields": ["channel_id", "subscriber_active", "notify", "subscriber_id"]},
            {"fields": ["subscriber_id", "channel_active", "channel_id"]},
        ],
    }


class ChannelDailyStats(Document):
    """Per-channel, per-day subscribers gained and lost, folded in once per flushed batch."""

    channel_id = ObjectIdField(required=True)
    day = StringField(required=True)
    gained = IntField(default=0)
    gained_batches = ListField(StringField())
    lost = IntField(default=0)
    lost_batches = ListField(StringField())

    meta = {
        "collection": "channel_daily_stats",
        "indexes": [{"fields": ["channel_id", "day"], "unique": True}],
    }
