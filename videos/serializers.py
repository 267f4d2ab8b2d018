"""Media payloads in and out."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.serializers import UserSerializer
from common.api.serializers import PatternField, StrictSerializer, image_field
from common.storage import public_url
from videos import chapters, signing
from videos.documents import COMMENTS_POLICIES, KINDS, STATUSES, VISIBILITIES
from videos.storyboard import TRACK_NAME


class TagListField(serializers.ListField):
    """Tags as a JSON list of strings, or form values (repeated, comma-separated); stored
    lower-case and unique. Anything else is refused, never turned into text."""

    # Blanks, one character neither blank nor NUL, then no NUL: one way to match, no backtracking.
    child = PatternField(r"^\s*[^\s\x00][^\x00]*$", max_length=30)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 15)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        # Form values always arrive here as a list of strings, so a bare string is JSON's.
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise serializers.ValidationError("Send tags as a list of strings.")
        if any(not item.strip() for item in data):
            raise serializers.ValidationError("A tag cannot be blank.")
        split = [part for item in data for part in item.split(",")]
        if max(len(data), len(split)) > self.max_length:
            raise serializers.ValidationError(f"At most {self.max_length} tags.")
        tags = list(dict.fromkeys(part.strip().lower() for part in split if part.strip()))
        return super().to_internal_value(tags)


class VideoWriteSerializer(StrictSerializer):
    """Fields an owner sets on an item."""

    title = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    tags = TagListField(
        required=False,
        help_text="Up to 15 tags of 30 characters; a form may repeat the field or use commas.",
    )
    genre = serializers.CharField(max_length=40, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=VISIBILITIES, required=False)
    published = serializers.BooleanField(
        required=False,
        help_text="Publish as soon as processing ends (true), or keep as draft (false).",
    )
    comments_policy = serializers.ChoiceField(
        choices=COMMENTS_POLICIES,
        required=False,
        help_text="enabled (rules may hold some), approval (I approve each), disabled (none).",
    )
    hold_links = serializers.BooleanField(
        required=False, help_text="Hold comments carrying links for my approval."
    )


class VideoCreateSerializer(VideoWriteSerializer):
    kind = serializers.ChoiceField(
        choices=KINDS, required=False, help_text="Inferred from the file when omitted."
    )
    file = serializers.FileField(
        required=False, help_text="Video or audio file; without it the item is a draft."
    )
    thumbnail = image_field(required=False)


class VideoUpdateSerializer(VideoWriteSerializer):
    title = serializers.CharField(max_length=100, required=False)


class MediaFileSerializer(StrictSerializer):
    file = serializers.FileField()


class ThumbnailSerializer(StrictSerializer):
    thumbnail = image_field()


class ThumbnailFrameSerializer(StrictSerializer):
    at = serializers.FloatField(
        min_value=0,
        help_text=(
            "Seconds into the item: its frame there becomes the thumbnail (a candidate's `at` "
            "uses that candidate's picture). Past the end is a 400."
        ),
    )


class ViewInputSerializer(StrictSerializer):
    position = serializers.FloatField(
        required=False,
        min_value=0,
        max_value=10**7,
        help_text="Seconds into the item: resumes it later, and how far the view got.",
    )
    watched_seconds = serializers.FloatField(
        required=False,
        min_value=0,
        max_value=10**7,
        help_text="Seconds watched since the previous call; clamped to the wall time between them.",
    )


class ViewResultSerializer(serializers.Serializer):
    counted = serializers.BooleanField()
    views = serializers.IntegerField()


class RenditionSerializer(serializers.Serializer):
    name = serializers.CharField()
    height = serializers.IntegerField(allow_null=True)
    width = serializers.IntegerField(allow_null=True)
    bandwidth = serializers.IntegerField()


def media_url(video, path: str, request, *, live: bool = False) -> str | None:
    """An absolute URL of one of an item's files, signed unless the item is listed: a ready
    item's, or with `live` a processing one's HLS as it is published."""
    playable = video.status == "ready" or (
        live and video.status == "processing" and bool(video.live_hls_prefix)
    )
    if not playable:
        return None
    prefix = signing.media_prefix(video.id)
    url = request.build_absolute_uri(prefix + path)
    if video.is_listed:
        return url
    query = signing.signed_query(
        prefix=prefix, epoch=video.signing_epoch, ttl=settings.MEDIA_URL_TTL_SECONDS
    )
    return f"{url}?{query}"


class ChapterSerializer(serializers.Serializer):
    start = serializers.FloatField(help_text="Seconds from the start.")
    end = serializers.FloatField(help_text="Where the next chapter starts, or the item's end.")
    title = serializers.CharField()


class ThumbnailCandidateSerializer(serializers.Serializer):
    at = serializers.FloatField(help_text="Seconds into the item; PUT it to /thumbnail to use it.")
    url = serializers.URLField()


class VideoSerializer(serializers.Serializer):
    """An item as its viewers see it; needs the context from selectors.serializer_context."""

    id = serializers.CharField(read_only=True)
    title = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=KINDS)
    genre = serializers.CharField()
    visibility = serializers.ChoiceField(choices=VISIBILITIES)
    published = serializers.BooleanField()
    status = serializers.ChoiceField(choices=STATUSES)
    failure_reason = serializers.CharField()
    progress = serializers.FloatField()
    duration = serializers.FloatField(allow_null=True)
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    thumbnail_url = serializers.SerializerMethodField()
    stream_url = serializers.SerializerMethodField()
    hls_url = serializers.SerializerMethodField(
        help_text=(
            "The HLS master playlist: once ready, and already while processing once the first "
            "segments are out (an EVENT playlist that ends when the item is ready)."
        )
    )
    storyboard_url = serializers.SerializerMethodField(
        help_text="WebVTT thumbnails track for the seek bar (cues point into one sprite sheet)."
    )
    thumbnail_candidates = serializers.SerializerMethodField()
    loudness_lufs = serializers.FloatField(
        allow_null=True, help_text="EBU R128 integrated loudness of the source; null if silent."
    )
    gain_db = serializers.FloatField(
        allow_null=True,
        help_text="Gain to -14 LUFS, held so the true peak stays under -1 dBTP.",
    )
    gain_applied = serializers.BooleanField(
        help_text="The renditions carry gain_db already (audio items); else a player may apply it."
    )
    renditions = RenditionSerializer(many=True)
    views = serializers.SerializerMethodField()
    likes = serializers.SerializerMethodField()
    is_liked = serializers.SerializerMethodField()
    comments_count = serializers.SerializerMethodField()
    comments_policy = serializers.ChoiceField(choices=COMMENTS_POLICIES)
    hold_links = serializers.BooleanField()
    chapters = serializers.SerializerMethodField()
    chapters_source = serializers.SerializerMethodField()
    chapters_url = serializers.SerializerMethodField()
    owner = serializers.SerializerMethodField()
    tags = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, video) -> str | None:
        return public_url(video.thumbnail, self.context.get("request"))

    def _media_url(self, video, path: str, *, live: bool = False) -> str | None:
        return media_url(video, path, self.context["request"], live=live)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_stream_url(self, video) -> str | None:
        return self._media_url(video, "stream")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_hls_url(self, video) -> str | None:
        return self._media_url(video, "hls/master.m3u8", live=True)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_storyboard_url(self, video) -> str | None:
        if not video.storyboard_prefix:
            return None
        return self._media_url(video, f"storyboard/{TRACK_NAME}")

    @extend_schema_field(ThumbnailCandidateSerializer(many=True))
    def get_thumbnail_candidates(self, video) -> list[dict]:
        if video.status != "ready":
            return []
        request = self.context.get("request")
        return [
            {"at": candidate.at, "url": public_url(candidate.name, request)}
            for candidate in video.thumbnail_candidates
        ]

    @extend_schema_field(ChapterSerializer(many=True))
    def get_chapters(self, video) -> list[dict]:
        return chapters.spans(video)

    @extend_schema_field(serializers.ChoiceField(choices=["custom", "description"]))
    def get_chapters_source(self, video) -> str:
        return chapters.source(video)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_chapters_url(self, video) -> str | None:
        """The chapters as a WebVTT chapters track, when there are any."""
        return self._media_url(video, "chapters.vtt") if chapters.marks_of(video) else None

    def get_views(self, video) -> int:
        return self.context["views"].get(video.id, video.views)

    def get_likes(self, video) -> int:
        return self.context.get("likes", {}).get(video.id, video.likes)

    def get_comments_count(self, video) -> int:
        return self.context.get("comments", {}).get(video.id, video.comments_count)

    def get_is_liked(self, video) -> bool:
        return video.id in self.context.get("liked", ())

    @extend_schema_field(UserSerializer)
    def get_owner(self, video) -> dict | None:
        owner = self.context["owners"].get(video.owner_id)
        return UserSerializer(owner, context=self.context).data if owner else None


class HistoryEntrySerializer(serializers.Serializer):
    video = serializers.SerializerMethodField()
    watched_at = serializers.DateTimeField()
    position = serializers.FloatField(allow_null=True)

    @extend_schema_field(VideoSerializer)
    def get_video(self, entry) -> dict:
        return VideoSerializer(self.context["videos"][entry.video_id], context=self.context).data


class ScorePartsSerializer(serializers.Serializer):
    views = serializers.FloatField()
    likes = serializers.FloatField()
    comments = serializers.FloatField()
    recency = serializers.FloatField()


class TrendingVideoSerializer(VideoSerializer):
    """A trending item and why: needs `ranked` ({item id: Ranked}) in the context."""

    score = serializers.SerializerMethodField()
    score_parts = serializers.SerializerMethodField()

    def get_score(self, video) -> float:
        return self.context["ranked"][video.id].score

    @extend_schema_field(ScorePartsSerializer)
    def get_score_parts(self, video) -> dict:
        return self.context["ranked"][video.id].parts


class CaptionUploadSerializer(StrictSerializer):
    file = serializers.FileField(help_text="A WebVTT or SRT file in UTF-8; stored as WebVTT.")
    label = PatternField(
        r'^[^\x00-\x1f\x7f"]+$',
        max_length=60,
        required=False,
        help_text="The name players show for this language (the language tag when omitted).",
    )


class CaptionTrackSerializer(serializers.Serializer):
    """A caption track; needs `video` and `request` in the context."""

    lang = serializers.CharField(help_text="BCP 47 language tag, in its canonical case.")
    label = serializers.CharField()
    format = serializers.CharField(source="source_format", help_text="vtt or srt, as uploaded.")
    cues = serializers.IntegerField(source="cue_count")
    url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, track) -> str | None:
        """The captions as one WebVTT file, for players that take a plain .vtt."""
        return media_url(
            self.context["video"], f"captions/{track.lang}.vtt", self.context["request"]
        )


class ChapterInputSerializer(StrictSerializer):
    start = serializers.FloatField(min_value=0, max_value=10**7, help_text="Seconds.")
    title = PatternField(r"^[^\x00-\x1f\x7f]+$", max_length=100)


class ChaptersInputSerializer(StrictSerializer):
    chapters = serializers.ListField(
        child=ChapterInputSerializer(),
        max_length=100,
        allow_empty=True,
        allow_null=True,
        help_text=(
            "In order, the first at 0, at least three, each 10 s or longer; [] for none; "
            "null to take them from the description again."
        ),
    )
