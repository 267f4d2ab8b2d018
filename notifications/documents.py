"""Notification documents: inbox entries, per-user settings, and pending e-mail digests."""

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

KINDS = (
    "new_video",
    "new_tweet",
    "comment",
    "reply",
    "mention",
    "like_milestone",
    "new_subscriber",
    "report_resolved",
    "comment_held",
    "video_ready",
    "video_failed",
)
TARGET_TYPES = ("video", "tweet", "channel", "comment", "user")
INBOX_DAYS = 90
# An entry shows only while all of these are True.
SHOWN_FLAGS = ("actor_active", "target_owner_active", "target_open")


class Notification(Document):
    """One thing one user is told; `key` is unique per (recipient, kind, object): told once.

    The flags say whether the inbox shows it now (notifications.visibility keeps them current),
    so its query leaves hidden entries out and every page is full.
    """

    recipient_id = ObjectIdField(required=True)
    kind = StringField(required=True, choices=KINDS)
    key = StringField(required=True)
    actor_id = ObjectIdField(null=True)
    target_type = StringField(required=True, choices=TARGET_TYPES)
    target_id = ObjectIdField(required=True)
    target_title = StringField(default="")
    # The owner of the item or tweet it is about, when someone other than the recipient: their
    # suspension, or the item closing, hides it. Unset when nothing about the target hides it.
    target_owner_id = ObjectIdField(null=True)
    comment_id = ObjectIdField(null=True)
    # False when the recipient wants this kind by e-mail only: kept as the told-once record.
    web = BooleanField(default=True)
    read = BooleanField(default=False)
    # False while the actor is suspended.
    actor_active = BooleanField(default=True)
    # False while the target's owner (target_owner_id) is suspended.
    target_owner_active = BooleanField(default=True)
    # False while the item is unpublished, not ready or private (only with target_owner_id).
    target_open = BooleanField(default=True)
    created_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "notifications",
        "shard_key": ("recipient_id",),
        "indexes": [
            {"fields": ["recipient_id", "kind", "key"], "unique": True},
            # The inbox and its unread figure; actor_id last for the blocked actors left out.
            {"fields": ["recipient_id", "web", *SHOWN_FLAGS, "-created_at", "-id", "actor_id"]},
            {
                "fields": [
                    "recipient_id",
                    "web",
                    "read",
                    *SHOWN_FLAGS,
                    "-created_at",
                    "-id",
                    "actor_id",
                ]
            },
            # Keeping the flags current, and forgetting a deleted target.
            {"fields": ["target_id", "target_owner_id", "target_open", "kind", "recipient_id"]},
            {"fields": ["actor_id", "actor_active", "recipient_id"]},
            {"fields": ["target_owner_id", "target_owner_active", "recipient_id"]},
            {"fields": ["created_at"], "expireAfterSeconds": INBOX_DAYS * 24 * 3600},
        ],
    }


class NotificationSettings(Document):
    """A user's choices, stored only once they change one: the kinds shown and e-mailed."""

    user_id = ObjectIdField(required=True)
    web = ListField(StringField(choices=KINDS))
    email = ListField(StringField(choices=KINDS))

    meta = {
        "collection": "notification_settings",
        "indexes": [{"fields": ["user_id"], "unique": True}],
    }


class EmailDigest(Document):
    """Events waiting to be e-mailed to one user about one kind, and when the last mail went."""

    user_id = ObjectIdField(required=True)
    kind = StringField(required=True, choices=KINDS)
    pending = ListField(StringField())
    seq = IntField(default=0)
    due_at = DateTimeField(null=True)
    last_sent_at = DateTimeField(null=True)

    meta = {
        "collection": "notification_email_digests",
        "indexes": [
            {"fields": ["user_id", "kind"], "unique": True},
            {"fields": ["due_at"]},
        ],
    }
