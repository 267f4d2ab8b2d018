"""Engagement documents: tweets, comments, likes of any target type, and the moderation log."""

from django.utils import timezone
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    FloatField,
    IntField,
    ListField,
    ObjectIdField,
    StringField,
)

TWEET_MAX_LENGTH = 280
COMMENT_MAX_LENGTH = 1000
COMMENT_STATUSES = ("published", "held", "removed")
LIKE_TARGET_TYPES = ("video", "tweet", "comment")
MODERATION_ROLES = ("creator", "staff")
# What a list of an item's top-level comments fixes by equality.
LISTED = ("video_id", "parent_id", "pinned", "status", "author_active")


class Tweet(Document):
    """A short post on its author's channel."""

    author_id = ObjectIdField(required=True)
    # False while the author is suspended, kept by a receiver so lists need no join.
    author_active = BooleanField(default=True)
    content = StringField(required=True, max_length=TWEET_MAX_LENGTH)
    edited = BooleanField(default=False)
    likes = IntField(default=0)
    likes_batches = ListField(StringField())
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "tweets",
        "indexes": [
            {"fields": ["author_active", "-created_at", "-id", "author_id"]},
            {"fields": ["author_id", "author_active", "-created_at", "-id"]},
        ],
    }


class Like(Document):
    """One user liking one target; the unique index makes liking idempotent."""

    user_id = ObjectIdField(required=True)
    target_type = StringField(required=True, choices=LIKE_TARGET_TYPES)
    target_id = ObjectIdField(required=True)
    created_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "likes",
        "shard_key": ("user_id",),
        "indexes": [
            {"fields": ["user_id", "target_type", "target_id"], "unique": True},
            {"fields": ["target_type", "target_id"]},
            {"fields": ["user_id", "target_type", "-created_at", "-id"]},
        ],
    }


class Comment(Document):
    """A comment on an item, or a reply in its thread (one visible level: parent is the root)."""

    video_id = ObjectIdField(required=True)
    # The item's owner, copied so the creator's queue and moderation checks need no join.
    video_owner_id = ObjectIdField(required=True)
    author_id = ObjectIdField(required=True)
    # False while the author is suspended, kept by a receiver so lists need no join.
    author_active = BooleanField(default=True)
    parent_id = ObjectIdField(null=True)
    reply_to_user_id = ObjectIdField(null=True)
    content = StringField(required=True, max_length=COMMENT_MAX_LENGTH)
    sentiment = FloatField(default=0.0)
    is_flagged = BooleanField(default=False)
    status = StringField(choices=COMMENT_STATUSES, default="published")
    held_reason = StringField(default="")
    # Orders the creator's queue: held before published, then newest first (see queue_key).
    queue_key = StringField(required=True)
    pinned = BooleanField(default=False)
    # When it was pinned: of two pins racing on one item, the later one stays (see set_pinned).
    pinned_at = DateTimeField(null=True)
    edited = BooleanField(default=False)
    likes = IntField(default=0)
    likes_batches = ListField(StringField())
    replies_count = IntField(default=0)
    # Removals counted exactly once however often they run (engagement.counters.comment_replies).
    replies_count_batches = ListField(StringField())
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "comments",
        "shard_key": ("video_id",),
        "indexes": [
            # Top-level lists (newest and top) without the pinned one, blocked authors out.
            {"fields": [*LISTED, "-created_at", "-id", "author_id"]},
            {"fields": [*LISTED, "-likes", "-id", "author_id"]},
            # Replies, oldest first.
            {
                "fields": [
                    "video_id",
                    "parent_id",
                    "status",
                    "author_active",
                    "created_at",
                    "id",
                    "author_id",
                ]
            },
            # The pinned comment, and the pins racing it (by pin time, then id).
            {"fields": ["video_id", "pinned", "pinned_at", "id"]},
            # The creator's queue: one status, or held and published merged; blocked authors out.
            {
                "fields": [
                    "video_owner_id",
                    "author_active",
                    "status",
                    "-queue_key",
                    "-id",
                    "author_id",
                ]
            },
            # Suspensions, counter recounts, sentiment breakdowns; a purge's threads by id and
            # replies.
            {"fields": ["author_id", "parent_id", "id"]},
            {"fields": ["status", "video_id"]},
            # Owners' own comments, which trending takes out.
            {"fields": ["author_id", "status", "video_id", "created_at"]},
            # The staff console's held queue across all items, newest first, by hold rule.
            {"fields": ["status", "author_active", "-id", "held_reason"]},
            # Replies naming a purged account as whom they answer.
            {"fields": ["reply_to_user_id"], "sparse": True},
        ],
    }


class ModerationDecision(Document):
    """One moderation decision, by an item's creator or by staff: who, what, on what, why."""

    # A creator's platform id; staff are Django (SQL) users and have none.
    actor_id = ObjectIdField(null=True)
    # Who decided, as shown in the log: the creator's username or the staff login.
    actor_name = StringField(default="", max_length=150)
    actor_role = StringField(required=True, choices=MODERATION_ROLES)
    action = StringField(required=True, max_length=40)
    target_type = StringField(required=True, max_length=20)
    target_id = ObjectIdField(required=True)
    video_id = ObjectIdField(null=True)
    reason = StringField(default="", max_length=1000)
    created_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "moderation_decisions",
        "indexes": [
            {"fields": ["-created_at", "-id"]},
            {"fields": ["actor_id", "-created_at", "-id"]},
            {"fields": ["action", "-created_at", "-id"]},
            {"fields": ["target_type", "target_id"]},
            # The console's log, newest first by id, filtered by one of these.
            {"fields": ["action", "-id"]},
            {"fields": ["actor_role", "-id"]},
            {"fields": ["actor_name", "-id"]},
        ],
    }
