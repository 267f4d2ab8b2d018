"""Account documents: users, pending registrations, refresh-token sessions, blocks and data
exports."""

from bson import ObjectId
from django.utils import timezone
from mongoengine import (
    BinaryField,
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    ListField,
    ObjectIdField,
    StringField,
)

# No account has this id: what a purged account's kept traces (a comment others replied to)
# name as their author.
DELETED_ACCOUNT_ID = ObjectId("0" * 24)
EXPORT_STATUSES = ("queued", "running", "ready", "failed", "expired")


class User(Document):
    """A person on the platform; also their channel."""

    username = StringField(required=True, max_length=30)
    username_lower = StringField()
    email = StringField(required=True, max_length=254)
    full_name = StringField(required=True, max_length=100)
    password = StringField(required=True)
    avatar = StringField(default="")
    cover_image = StringField(default="")
    is_active = BooleanField(default=True)
    email_verified = BooleanField(default=False)
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)
    # Channel figures, written only by channels_app's buffered counters (never by save()).
    subscribers_gained = IntField(default=0)
    subscribers_gained_batches = ListField(StringField())
    subscribers_lost = IntField(default=0)
    subscribers_lost_batches = ListField(StringField())
    subscriptions_count = IntField(default=0)
    subscriptions_count_batches = ListField(StringField())
    search_tokens = ListField(StringField())
    # Set while the owner's deletion waits out its grace period (the account is inactive
    # meanwhile); the purge starts once it has passed.
    deletion_due_at = DateTimeField(null=True)

    meta = {
        "collection": "users",
        "indexes": [
            {"fields": ["username_lower"], "unique": True},
            {"fields": ["email"], "unique": True},
            {"fields": ["-created_at"]},
            # The moderation console's suspended-accounts count and list (not the ones being
            # deleted).
            {"fields": ["is_active", "deletion_due_at", "-id"]},
            {"fields": ["is_active", "search_tokens"]},
            # The purge's sweep for deletions whose grace period has passed.
            {"fields": ["deletion_due_at"], "sparse": True},
        ],
    }

    is_authenticated = True
    is_anonymous = False

    def clean(self) -> None:
        """Derive the lookup key and the change time, so no caller has to."""
        self.username_lower = self.username.lower()
        self.updated_at = timezone.now()

    def __str__(self) -> str:
        return self.username


class PendingRegistration(Document):
    """A sign-up waiting for its e-mailed code; expires on its own through a TTL index.

    Its credentials are fixed when it is created and its lifetime never grows: see
    accounts.services.start_registration for why.
    """

    email = StringField(required=True)
    username = StringField(required=True)
    full_name = StringField(required=True)
    password = StringField(required=True)
    avatar_content = BinaryField()
    avatar_extension = StringField(default="")
    cover_image_content = BinaryField()
    cover_image_extension = StringField(default="")
    otp_hash = StringField(required=True)
    otp_expires_at = DateTimeField(required=True)
    attempts = IntField(default=0)
    sent_at = DateTimeField(required=True)
    notice_sent_at = DateTimeField(null=True)
    expires_at = DateTimeField(required=True)

    meta = {
        "collection": "pending_registrations",
        "indexes": [
            {"fields": ["email"], "unique": True},
            {"fields": ["expires_at"], "expireAfterSeconds": 0},
        ],
    }


class AuthSession(Document):
    """One signed-in device: the refresh token family it may rotate, until revoked or expired."""

    user_id = ObjectIdField(required=True)
    refresh_jti = StringField(required=True)
    created_at = DateTimeField(default=timezone.now)
    last_used_at = DateTimeField(default=timezone.now)
    expires_at = DateTimeField(required=True)
    revoked_at = DateTimeField(null=True)
    revoked_reason = StringField(default="")
    user_agent = StringField(default="", max_length=300)
    ip = StringField(default="")

    meta = {
        "collection": "auth_sessions",
        "indexes": [
            {"fields": ["user_id", "revoked_at"]},
            {"fields": ["expires_at"], "expireAfterSeconds": 0},
        ],
    }


class Block(Document):
    """One user blocking another; private to the blocker, unique per pair."""

    blocker_id = ObjectIdField(required=True)
    blocked_id = ObjectIdField(required=True)
    created_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "blocks",
        "indexes": [
            {"fields": ["blocker_id", "blocked_id"], "unique": True},
            {"fields": ["blocker_id", "-created_at", "-id"]},
            {"fields": ["blocked_id"]},
        ],
    }


class DataExport(Document):
    """A user's latest data export (one a day): its state and, once written, its zip's name in
    the media store, kept until its download link expires."""

    user_id = ObjectIdField(required=True)
    status = StringField(choices=EXPORT_STATUSES, default="queued")
    requested_at = DateTimeField(required=True)
    finished_at = DateTimeField(null=True)
    file = StringField(default="")
    size = IntField(default=0)

    meta = {
        "collection": "data_exports",
        "indexes": [
            {"fields": ["user_id"], "unique": True},
            # The cleanup of zips whose link expired.
            {"fields": ["status", "finished_at"]},
        ],
    }
