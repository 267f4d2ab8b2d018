"""Engagement payloads in and out."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from accounts.serializers import UserSerializer
from common.api.pagination import KeysetPagination
from common.api.serializers import StrictSerializer
from engagement.documents import TWEET_MAX_LENGTH
from videos.serializers import VideoSerializer


class TweetWriteSerializer(StrictSerializer):
    content = serializers.CharField(
        max_length=TWEET_MAX_LENGTH,
        help_text=f"1 to {TWEET_MAX_LENGTH} characters after trimming.",
    )


class TweetSerializer(serializers.Serializer):
    """A tweet as its readers see it; needs the context from selectors.tweet_context."""

    id = serializers.CharField(read_only=True)
    content = serializers.CharField()
    author = serializers.SerializerMethodField()
    likes = serializers.SerializerMethodField()
    is_liked = serializers.SerializerMethodField()
    edited = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(UserSerializer)
    def get_author(self, tweet) -> dict | None:
        author = self.context["authors"].get(tweet.author_id)
        return UserSerializer(author, context=self.context).data if author else None

    def get_likes(self, tweet) -> int:
        return self.context["likes"].get(tweet.id, tweet.likes)

    def get_is_liked(self, tweet) -> bool:
        return tweet.id in self.context["liked"]


class LikeStateSerializer(serializers.Serializer):
    """Whether I like the target now, and its like figure."""

    liked = serializers.BooleanField()
    likes = serializers.IntegerField()


class LikedVideoSerializer(serializers.Serializer):
    video = serializers.SerializerMethodField()
    liked_at = serializers.DateTimeField(source="created_at")

    @extend_schema_field(VideoSerializer)
    def get_video(self, like) -> dict:
        return VideoSerializer(self.context["videos"][like.target_id], context=self.context).data


class FeedEntrySerializer(serializers.Serializer):
    """One feed entry: `type` names which of `video` and `tweet` it carries."""

    type = serializers.ChoiceField(choices=["video", "tweet"])
    video = VideoSerializer(required=False)
    tweet = TweetSerializer(required=False)


@extend_schema_serializer(many=False)
class FeedPageSerializer(serializers.Serializer):
    results = FeedEntrySerializer(many=True)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class FeedQuerySerializer(serializers.Serializer):
    cursor = serializers.RegexField(
        r"^[A-Za-z0-9_-]+$",
        required=False,
        help_text="Opaque cursor from a previous page's next or previous link.",
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=KeysetPagination.max_page_size,
        default=KeysetPagination.page_size,
        help_text=f"Entries per page, 1 to {KeysetPagination.max_page_size}.",
    )
