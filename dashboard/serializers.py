"""Dashboard payloads: query parameters in, figures out."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from channels_app.serializers import ChannelSerializer
from common.api.serializers import absent_variant, tagged_union, type_tag
from dashboard.search import TYPES
from dashboard.selectors import METRICS, VIDEO_SORTS
from playlists.serializers import PlaylistSummarySerializer
from videos.documents import KINDS
from videos.selectors import DURATIONS, UPLOADED
from videos.serializers import VideoSerializer

MAX_DAYS = 3 * 365 + 1
DEFAULT_DAYS = 28


class StatsSerializer(serializers.Serializer):
    videos = serializers.IntegerField()
    views = serializers.IntegerField()
    subscribers = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    watch_time_seconds = serializers.IntegerField()


class DashboardVideoQuerySerializer(serializers.Serializer):
    sort = serializers.ChoiceField(choices=list(VIDEO_SORTS), required=False, default="newest")


class DashboardVideoSerializer(VideoSerializer):
    """My item with its figures; needs the page's `watch_time` in the context."""

    watch_time_seconds = serializers.SerializerMethodField()

    def get_watch_time_seconds(self, video) -> int:
        return self.context["watch_time"].get(video.id, 0)


class SentimentSerializer(serializers.Serializer):
    positive = serializers.IntegerField()
    neutral = serializers.IntegerField()
    negative = serializers.IntegerField()
    flagged = serializers.IntegerField()


class DailyFiguresSerializer(serializers.Serializer):
    date = serializers.DateField()
    views = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    watch_time_seconds = serializers.IntegerField()


class AnalyticsSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    duration = serializers.FloatField(allow_null=True)
    views = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments = serializers.IntegerField()
    watch_time_seconds = serializers.IntegerField()
    average_view_seconds = serializers.FloatField()
    sentiment = SentimentSerializer()
    daily = DailyFiguresSerializer(many=True, help_text="The last 28 days, oldest first.")
    retention = serializers.ListField(
        child=serializers.FloatField(min_value=0, max_value=1),
        min_length=100,
        max_length=100,
        help_text="Share of counted views still watching at each percent of the duration.",
    )


class TimeseriesQuerySerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=list(METRICS), required=False, default="views")
    days = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_DAYS, help_text="The last N days (default 28)."
    )
    start = serializers.DateField(required=False, help_text="First day; needs end.")
    end = serializers.DateField(required=False, help_text="Last day; needs start.")

    def validate(self, attrs):
        has_start, has_end = "start" in attrs, "end" in attrs
        if has_start != has_end:
            missing = "end" if has_start else "start"
            raise serializers.ValidationError({missing: ["Give start and end together."]})
        if has_start:
            if "days" in attrs:
                raise serializers.ValidationError({"days": ["Give days or start and end."]})
            if attrs["end"] < attrs["start"]:
                raise serializers.ValidationError({"end": ["The end is before the start."]})
            if (attrs["end"] - attrs["start"]).days + 1 > MAX_DAYS:
                raise serializers.ValidationError({"end": ["A range spans at most 3 years."]})
        else:
            attrs["end"] = timezone.now().date()
            attrs["start"] = attrs["end"] - timedelta(days=attrs.get("days", DEFAULT_DAYS) - 1)
        return attrs


class PointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.IntegerField()
    gained = serializers.IntegerField(required=False, help_text="Subscribers only.")
    lost = serializers.IntegerField(required=False, help_text="Subscribers only.")


class TimeseriesSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=list(METRICS))
    start = serializers.DateField()
    end = serializers.DateField()
    total = serializers.IntegerField()
    gained = serializers.IntegerField(required=False, help_text="Subscribers only.")
    lost = serializers.IntegerField(required=False, help_text="Subscribers only.")
    points = PointSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text="Words or beginnings of words.")
    type = serializers.ChoiceField(choices=list(TYPES), required=False, default="all")
    kind = serializers.ChoiceField(choices=list(KINDS), required=False, help_text="Items only.")
    duration = serializers.ChoiceField(
        choices=list(DURATIONS),
        required=False,
        help_text="Items only. short: under 4 minutes; medium: 4 to 20; long: over 20.",
    )
    uploaded = serializers.ChoiceField(
        choices=list(UPLOADED), required=False, help_text="Items published within the last."
    )


class SearchResultSerializer(serializers.Serializer):
    """One hit: its type and, under that name, the item, channel or playlist."""

    type = serializers.ChoiceField(choices=["video", "channel", "playlist"])
    video = serializers.SerializerMethodField()
    channel = serializers.SerializerMethodField()
    playlist = serializers.SerializerMethodField()

    def _one(self, hit, type_name: str, serializer_class):
        if hit["type"] != type_name:
            return None
        return serializer_class(hit["doc"], context=self.context[type_name]).data

    @extend_schema_field(VideoSerializer(allow_null=True))
    def get_video(self, hit) -> dict | None:
        return self._one(hit, "video", VideoSerializer)

    @extend_schema_field(ChannelSerializer(allow_null=True))
    def get_channel(self, hit) -> dict | None:
        return self._one(hit, "channel", ChannelSerializer)

    @extend_schema_field(PlaylistSummarySerializer(allow_null=True))
    def get_playlist(self, hit) -> dict | None:
        return self._one(hit, "playlist", PlaylistSummarySerializer)


class SearchVideoHitSerializer(serializers.Serializer):
    """An item found."""

    type = type_tag("video")
    video = VideoSerializer()
    channel = absent_variant()
    playlist = absent_variant()


class SearchChannelHitSerializer(serializers.Serializer):
    """A channel found."""

    type = type_tag("channel")
    video = absent_variant()
    channel = ChannelSerializer()
    playlist = absent_variant()


class SearchPlaylistHitSerializer(serializers.Serializer):
    """A playlist found."""

    type = type_tag("playlist")
    video = absent_variant()
    channel = absent_variant()
    playlist = PlaylistSummarySerializer()


SEARCH_HITS = tagged_union(
    "SearchResult",
    {
        "video": SearchVideoHitSerializer,
        "channel": SearchChannelHitSerializer,
        "playlist": SearchPlaylistHitSerializer,
    },
    many=True,
)
