"""Engagement documents: tweets, and likes of any target type."""

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

TWEET_MAX_LENGTH = 280
LIKE_TARGET_TYPES = ("video", "tweet")


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
            {"fields": ["author_active", "-created_at", "-id"]},
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
        "indexes": [
            {"fields": ["user_id", "target_type", "target_id"], "unique": True},
            {"fields": ["target_type", "target_id"]},
            {"fields": ["user_id", "target_type", "-created_at", "-id"]},
        ],
    }
