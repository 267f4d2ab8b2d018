"""Engagement payloads in and out."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from accounts.serializers import UserSerializer
from common.api.pagination import KeysetPagination
from common.api.serializers import (
    PatternField,
    StrictSerializer,
    TimestampField,
    cursor_field,
    tagged_union,
    type_tag,
)
from engagement.documents import COMMENT_MAX_LENGTH, COMMENT_STATUSES, TWEET_MAX_LENGTH
from engagement.selectors import COMMENT_SORTS
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
    likes_count = serializers.SerializerMethodField(help_text="The same figure as likes.")
    is_liked = serializers.SerializerMethodField()
    edited = serializers.BooleanField()
    created_at = TimestampField()
    updated_at = TimestampField()

    @extend_schema_field(UserSerializer)
    def get_author(self, tweet) -> dict | None:
        author = self.context["authors"].get(tweet.author_id)
        return UserSerializer(author, context=self.context).data if author else None

    def get_likes(self, tweet) -> int:
        return self.context["likes"].get(tweet.id, tweet.likes)

    def get_likes_count(self, tweet) -> int:
        return self.get_likes(tweet)

    def get_is_liked(self, tweet) -> bool:
        return tweet.id in self.context["liked"]


class LikeStateSerializer(serializers.Serializer):
    """Whether I like the target now, and its like figure."""

    liked = serializers.BooleanField()
    likes = serializers.IntegerField()
    likes_count = serializers.IntegerField(source="likes", help_text="The same figure as likes.")


class LikedVideoSerializer(serializers.Serializer):
    video = serializers.SerializerMethodField()
    liked_at = TimestampField(source="created_at")

    @extend_schema_field(VideoSerializer)
    def get_video(self, like) -> dict:
        return VideoSerializer(self.context["videos"][like.target_id], context=self.context).data


class FeedVideoEntrySerializer(serializers.Serializer):
    """A new item of a channel I subscribe to."""

    type = type_tag("video")
    video = VideoSerializer()


class FeedTweetEntrySerializer(serializers.Serializer):
    """A new tweet of a channel I subscribe to."""

    type = type_tag("tweet")
    tweet = TweetSerializer()


FEED_ENTRY = {"video": FeedVideoEntrySerializer, "tweet": FeedTweetEntrySerializer}


@extend_schema_field(tagged_union("FeedEntry", FEED_ENTRY, many=True))
class FeedEntriesField(serializers.ListField):
    """Feed entries: `type` names which of `video` and `tweet` each carries."""


@extend_schema_serializer(many=False)
class FeedPageSerializer(serializers.Serializer):
    results = FeedEntriesField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class FeedQuerySerializer(serializers.Serializer):
    cursor = cursor_field(
        required=False,
        help_text="Opaque cursor from a previous page's next or previous link.",
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=KeysetPagination.max_page_size,
        default=KeysetPagination.page_size,
        help_text=f"Entries per page, 1 to {KeysetPagination.max_page_size}.",
    )


class CommentWriteSerializer(StrictSerializer):
    content = serializers.CharField(
        max_length=COMMENT_MAX_LENGTH,
        help_text=f"1 to {COMMENT_MAX_LENGTH} characters after trimming.",
    )


class CommentCreateSerializer(CommentWriteSerializer):
    parent = PatternField(
        r"^[0-9a-f]{24}$",
        max_length=24,
        required=False,
        help_text="Id of the comment this replies to; a reply to a reply joins its thread.",
    )


class CommentListQuerySerializer(serializers.Serializer):
    sort = serializers.ChoiceField(choices=list(COMMENT_SORTS), default="newest")


class CreatorCommentsQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["held", "published"],
        required=False,
        help_text="Only held or only published comments; both (held first) when omitted.",
    )


class CommentSerializer(serializers.Serializer):
    """A comment as the caller sees it; needs the context from selectors.comment_context."""

    id = serializers.CharField(read_only=True)
    video = serializers.CharField(source="video_id")
    content = serializers.CharField()
    author = serializers.SerializerMethodField()
    parent = serializers.CharField(source="parent_id", allow_null=True)
    reply_to = serializers.SerializerMethodField()
    replies_count = serializers.IntegerField()
    likes = serializers.SerializerMethodField()
    likes_count = serializers.SerializerMethodField(help_text="The same figure as likes.")
    is_liked = serializers.SerializerMethodField()
    sentiment = serializers.FloatField(help_text="VADER compound score, -1 to 1.")
    is_flagged = serializers.BooleanField(help_text="The score is below the hold threshold.")
    status = serializers.ChoiceField(choices=COMMENT_STATUSES)
    held_reason = serializers.SerializerMethodField()
    pinned = serializers.BooleanField()
    edited = serializers.BooleanField()
    created_at = TimestampField()
    updated_at = TimestampField()

    def _user(self, user_id) -> dict | None:
        user = self.context["users"].get(user_id)
        return UserSerializer(user, context=self.context).data if user else None

    @extend_schema_field(UserSerializer(allow_null=True))
    def get_author(self, comment) -> dict | None:
        """None once its author's account is deleted (others' replies stay)."""
        return self._user(comment.author_id)

    @extend_schema_field(UserSerializer(allow_null=True))
    def get_reply_to(self, comment) -> dict | None:
        return self._user(comment.reply_to_user_id) if comment.reply_to_user_id else None

    def get_likes(self, comment) -> int:
        return self.context["likes"].get(comment.id, comment.likes)

    def get_likes_count(self, comment) -> int:
        return self.get_likes(comment)

    def get_is_liked(self, comment) -> bool:
        return comment.id in self.context["liked"]

    @extend_schema_field(
        serializers.CharField(
            allow_null=True, help_text="Why it is held; only to its author and the item's owner."
        )
    )
    def get_held_reason(self, comment) -> str | None:
        viewer = self.context["viewer"]
        if viewer is None or viewer.id not in (comment.author_id, comment.video_owner_id):
            return None
        return comment.held_reason or None


class CreatorCommentSerializer(CommentSerializer):
    """A comment in the creator's queue, with the title of the item it is on."""

    video_title = serializers.SerializerMethodField()

    def get_video_title(self, comment) -> str:
        return self.context["titles"].get(comment.video_id, "")
