"""Playlist payloads in and out."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.serializers import UserSerializer
from common.api.serializers import (
    PatternField,
    StrictSerializer,
    TimestampField,
    cursor_field,
    image_field,
)
from common.storage import public_url
from playlists.documents import KINDS, VISIBILITIES
from videos.serializers import VideoSerializer

# Items a playlist payload carries at most; videos_next links to the rest.
ITEMS_PAGE_SIZE = 100
# Blanks (what trimming removes: Python's whitespace and the schema regex's \s differ on a few,
# all of which are listed), then one character that is neither blank nor NUL, then no NUL: a name
# the schema allows is never blank once trimmed, and each value has one way to match, so the
# pattern never backtracks.
BLANK = r"\s\x1c-\x1f\x85\ufeff"
NAME_PATTERN = rf"^[{BLANK}]*[^{BLANK}\x00][^\x00]*$"
NAME_HELP = "1 to 150 characters, not all blank; leading and trailing spaces are trimmed."


def name_field(**kwargs) -> PatternField:
    """A playlist name: at least one character that is neither blank nor NUL."""
    return PatternField(NAME_PATTERN, max_length=150, help_text=NAME_HELP, **kwargs)


class PlaylistCreateSerializer(StrictSerializer):
    name = name_field()
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(
        choices=VISIBILITIES,
        required=False,
        help_text="public (listed on the channel), unlisted (by link only) or private; "
        "public when omitted.",
    )
    thumbnail = image_field(required=False)


class PlaylistUpdateSerializer(StrictSerializer):
    name = name_field(required=False)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=VISIBILITIES, required=False)


class WatchLaterUpdateSerializer(StrictSerializer):
    """Watch later keeps its name and visibility; only its description changes."""

    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class PlaylistThumbnailSerializer(StrictSerializer):
    thumbnail = image_field()


class ItemPutSerializer(StrictSerializer):
    position = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="0-based place among the items; omitted or past the end means last. "
        "An item already in the playlist moves there, or stays put when omitted.",
    )


class ItemMoveSerializer(StrictSerializer):
    position = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="0-based place among the items; past the end means last. Omitted: the item "
        "stays where it is.",
    )


class ItemsPageSerializer(serializers.Serializer):
    """Which page of a playlist's items to include (query parameters)."""

    limit = serializers.IntegerField(required=False, min_value=1, max_value=ITEMS_PAGE_SIZE)
    cursor = cursor_field(required=False)


class PlaylistEntrySerializer(serializers.Serializer):
    """One item of a playlist, at its position among what the caller is shown."""

    position = serializers.IntegerField()
    added_at = TimestampField()
    video = serializers.SerializerMethodField()

    @extend_schema_field(VideoSerializer)
    def get_video(self, entry) -> dict:
        return VideoSerializer(entry.video, context=self.context).data


class PlaylistFieldsSerializer(serializers.Serializer):
    """What every playlist payload carries, counted over what the caller may see."""

    id = serializers.SerializerMethodField()
    name = serializers.CharField(source="playlist.name")
    description = serializers.CharField(source="playlist.description")
    kind = serializers.ChoiceField(choices=KINDS, source="playlist.kind")
    visibility = serializers.ChoiceField(choices=VISIBILITIES, source="playlist.visibility")
    thumbnail_url = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    videos_count = serializers.IntegerField(help_text="Items the caller may see.")
    created_at = TimestampField(source="playlist.created_at")
    updated_at = TimestampField(source="playlist.updated_at")

    def get_id(self, summary) -> str:
        return str(summary.playlist.id)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, summary) -> str | None:
        return public_url(summary.thumbnail, self.context.get("request"))

    @extend_schema_field(UserSerializer(allow_null=True))
    def get_owner(self, summary) -> dict | None:
        if summary.owner is None:
            return None
        return UserSerializer(summary.owner, context=self.context).data


class PlaylistSummarySerializer(PlaylistFieldsSerializer):
    """A playlist in a list, without its items."""

    contains_video = serializers.BooleanField(
        allow_null=True, help_text="With ?contains=: whether that item is in this playlist."
    )


class PlaylistSerializer(PlaylistFieldsSerializer):
    """A playlist with one page of its items, in position order, and the next page's link."""

    videos = serializers.SerializerMethodField()
    videos_next = serializers.SerializerMethodField(
        help_text="This playlist with the next page of its items, or null."
    )

    @extend_schema_field(PlaylistEntrySerializer(many=True))
    def get_videos(self, page) -> list[dict]:
        return PlaylistEntrySerializer(page.entries, many=True, context=self.context).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_videos_next(self, page) -> str | None:
        return self.context["videos_next"]
