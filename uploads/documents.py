"""Resumable uploads: one document per upload; its bytes wait on disk (uploads.parts)."""

from django.utils import timezone
from mongoengine import DateTimeField, Document, IntField, ObjectIdField, StringField


class Upload(Document):
    """A tus upload of one media file for one of its owner's items.

    How many bytes arrived is the size of its file on disk, not a field here: the file is
    written first and survives whatever happens to this document's store. Once complete, the
    file belongs to the item and `completed_at` says so; the document stays until it expires, so
    a client that missed the last answer still learns the upload is whole.
    """

    owner_id = ObjectIdField(required=True)
    video_id = ObjectIdField(required=True)
    filename = StringField(required=True, max_length=255)
    length = IntField(required=True, min_value=1)
    # The Upload-Metadata header as the client sent it (checked), handed back on HEAD: kept as
    # text, since its keys may be anything a MongoDB field name may not.
    metadata = StringField(default="", max_length=4096)
    created_at = DateTimeField(default=timezone.now)
    # Moved on with every write: an upload expires once idle this long (TUS_EXPIRE_SECONDS).
    expires_at = DateTimeField(required=True)
    completed_at = DateTimeField(null=True)

    meta = {
        "collection": "uploads",
        "indexes": [
            # The owner's open uploads, the soonest to expire first: the per-user limit.
            {"fields": ["owner_id", "completed_at", "expires_at"]},
            # A deleted item's open uploads.
            {"fields": ["video_id", "completed_at"]},
            {"fields": ["expires_at"]},
        ],
    }
