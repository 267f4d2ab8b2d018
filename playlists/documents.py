"""Playlists: a user's ordered lists of media items, one of them the built-in Watch later."""

from django.utils import timezone
from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ObjectIdField,
    StringField,
)

KINDS = ("regular", "watch_later")
VISIBILITIES = ("public", "unlisted", "private")


class PlaylistItem(EmbeddedDocument):
    """One item of a playlist; its place in the playlist's array is its position."""

    video_id = ObjectIdField(required=True)
    added_at = DateTimeField(default=timezone.now)


class Playlist(Document):
    """An ordered list of items; every change to `items` is one update conditioned on `revision`."""

    owner_id = ObjectIdField(required=True)
    kind = StringField(choices=KINDS, default="regular")
    name = StringField(required=True, max_length=150)
    description = StringField(default="", max_length=5000)
    visibility = StringField(choices=VISIBILITIES, default="public")
    thumbnail = StringField(default="")
    items = ListField(EmbeddedDocumentField(PlaylistItem))
    revision = IntField(default=0)
    search_tokens = ListField(StringField())
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(default=timezone.now)

    meta = {
        "collection": "playlists",
        "indexes": [
            {"fields": ["owner_id", "-created_at", "-id"]},
            {"fields": ["owner_id", "visibility", "kind", "-created_at", "-id"]},
            {"fields": ["items.video_id"]},
            {"fields": ["visibility", "kind", "search_tokens", "owner_id"]},
            {
                "fields": ["owner_id", "kind"],
                "unique": True,
                "partialFilterExpression": {"kind": "watch_later"},
                "name": "one_watch_later_per_owner",
            },
        ],
    }
