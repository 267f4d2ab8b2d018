"""Moderation documents: reports of content or accounts, with a frozen copy of what was reported."""

from django.utils import timezone
from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ObjectIdField,
    StringField,
)

TARGET_TYPES = ("video", "comment", "tweet", "user")
CATEGORIES = (
    "spam",
    "harassment",
    "hate",
    "violence",
    "sexual",
    "copyright",
    "misinformation",
    "other",
)
STATUSES = ("open", "resolved")
RESOLUTIONS = ("dismissed", "removed", "suspended")
REASON_MAX_LENGTH = 1000


class Snapshot(EmbeddedDocument):
    """The target as the reporter saw it, kept even if it is later edited or deleted."""

    owner_id = ObjectIdField(required=True)
    owner_username = StringField(required=True)
    title = StringField(default="")
    text = StringField(default="")
    created_at = DateTimeField(null=True)

    def name(self) -> str:
        """What the reporter saw the target called: its title, else the start of its text."""
        return self.title or self.text[:100]


class Report(Document):
    """One user reporting one target; at most one open report per (reporter, target)."""

    reporter_id = ObjectIdField(required=True)
    target_type = StringField(required=True, choices=TARGET_TYPES)
    target_id = ObjectIdField(required=True)
    target_owner_id = ObjectIdField(required=True)
    category = StringField(required=True, choices=CATEGORIES)
    reason = StringField(default="", max_length=REASON_MAX_LENGTH)
    status = StringField(choices=STATUSES, default="open")
    # "reporter:type:target" while open, unset once resolved: the sparse unique index allows one
    # open report per reporter and target, and any number of resolved ones.
    open_key = StringField()
    resolution = StringField(choices=RESOLUTIONS, null=True)
    resolution_reason = StringField(default="")
    snapshot = EmbeddedDocumentField(Snapshot, required=True)
    created_at = DateTimeField(default=timezone.now)
    resolved_at = DateTimeField(null=True)
    resolved_by = StringField(null=True)

    meta = {
        "collection": "reports",
        "indexes": [
            {"fields": ["open_key"], "unique": True, "sparse": True},
            {"fields": ["status", "-created_at", "-id"]},
            {"fields": ["target_type", "target_id", "status"]},
            {"fields": ["reporter_id", "-created_at", "-id"]},
            # The console: the open reports of a page of targets, and the resolved ones.
            {"fields": ["status", "target_id", "-id"]},
            {"fields": ["status", "-id"]},
        ],
    }


def open_key(*, reporter_id, target_type: str, target_id) -> str:
    """The key one open report of this reporter on this target holds."""
    return f"{reporter_id}:{target_type}:{target_id}"
