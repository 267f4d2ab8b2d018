"""Engagement endpoints: tweets, comments and their moderation, likes, the feed and the videos I
like."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from channels_app.selectors import channel_by_username
from common.api.idempotency import idempotent
from common.api.pagination import KeysetPagination
from common.api.permissions import ReadOrSignedIn
from common.api.views import validated, viewer_of
from common.cursors import encode
from engagement import selectors, services
from engagement.feed import decode_cursor, feed_page
from engagement.serializers import (
    CommentCreateSerializer,
    CommentListQuerySerializer,
    CommentSerializer,
    CommentWriteSerializer,
    CreatorCommentSerializer,
    CreatorCommentsQuerySerializer,
    FeedPageSerializer,
    FeedQuerySerializer,
    LikedVideoSerializer,
    LikeStateSerializer,
    TweetSerializer,
    TweetWriteSerializer,
)
from engagement.throttles import CommentThrottle, TweetThrottle
from videos.selectors import serializer_context, video_for_viewer
from videos.serializers import VideoSerializer

NO_CONTENT = OpenApiResponse(description="Done.")


def _render_tweets(request, tweets: list) -> list[dict]:
    context = selectors.tweet_context(tweets=tweets, viewer=viewer_of(request), request=request)
    return TweetSerializer(tweets, many=True, context=context).data


class TweetViewSet(viewsets.GenericViewSet):
    """Tweets: short posts on their author's channel."""

    pagination_class = KeysetPagination
    permission_classes = [ReadOrSignedIn]
    serializer_class = TweetSerializer
    lookup_value_regex = "[^/]+"

    def get_throttles(self):
        return [TweetThrottle()] if self.action == "create" else []

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(
        parameters=[OpenApiParameter("author", str, description="The author's username.")],
        summary="Tweets, newest first",
        tags=["tweets"],
    )
    def list(self, request):
        query = selectors.listed_tweets(
            author=request.query_params.get("author", ""), viewer=viewer_of(request)
        )
        page = self.paginate_queryset(query)
        return self.get_paginated_response(_render_tweets(request, page))

    @extend_schema(
        request=TweetWriteSerializer,
        responses={201: TweetSerializer},
        summary="Post a tweet",
        tags=["tweets"],
    )
    @idempotent
    def create(self, request):
        content = validated(TweetWriteSerializer, request)["content"]
        tweet = services.create_tweet(author=request.user, content=content)
        return Response(_render_tweets(request, [tweet])[0], status=status.HTTP_201_CREATED)

    @extend_schema(summary="One tweet", tags=["tweets"])
    def retrieve(self, request, pk=None):
        tweet = selectors.tweet_for_viewer(tweet_id=pk)
        return Response(_render_tweets(request, [tweet])[0])

    @extend_schema(
        request=TweetWriteSerializer,
        responses={200: TweetSerializer},
        summary="Edit my tweet (it shows as edited)",
        tags=["tweets"],
    )
    def partial_update(self, request, pk=None):
        tweet = selectors.tweet_for_author(tweet_id=pk, user=request.user)
        content = validated(TweetWriteSerializer, request, partial=True).get("content")
        tweet = services.update_tweet(tweet=tweet, content=content)
        return Response(_render_tweets(request, [tweet])[0])

    @extend_schema(responses={204: NO_CONTENT}, summary="Delete my tweet", tags=["tweets"])
    def destroy(self, request, pk=None):
        services.delete_tweet(tweet=selectors.tweet_for_author(tweet_id=pk, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChannelTweetsViewSet(viewsets.GenericViewSet):
    """A channel's tweets."""

    pagination_class = KeysetPagination
    permission_classes = [AllowAny]
    serializer_class = TweetSerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(summary="A channel's tweets, newest first", tags=["channels"])
    def list(self, request, username=None):
        channel = channel_by_username(username=username)
        query = selectors.channel_tweets(channel=channel, viewer=viewer_of(request))
        page = self.paginate_queryset(query)
        return self.get_paginated_response(_render_tweets(request, page))


class LikeViewSet(viewsets.GenericViewSet):
    """Like or unlike one target; like_viewset() makes one per target type."""

    permission_classes = [ReadOrSignedIn]
    serializer_class = LikeStateSerializer
    target_type = ""

    def like(self, request, pk=None):
        state = services.like(user=request.user, target_type=self.target_type, target_id=pk)
        return Response(LikeStateSerializer(state).data)

    def unlike(self, request, pk=None):
        state = services.unlike(user=request.user, target_type=self.target_type, target_id=pk)
        return Response(LikeStateSerializer(state).data)


def like_viewset(target_type: str, noun: str) -> type[LikeViewSet]:
    """The like and unlike endpoints of one target type, documented with its noun ("a tweet")."""

    def documented(verb: str):
        return extend_schema(
            request=None,
            responses={200: LikeStateSerializer},
            summary=f"{verb} {noun} (idempotent)",
            tags=["likes"],
        )

    @documented("Like")
    def like(self, request, pk=None):
        return LikeViewSet.like(self, request, pk)

    @documented("Unlike")
    def unlike(self, request, pk=None):
        return LikeViewSet.unlike(self, request, pk)

    attributes = {"target_type": target_type, "like": like, "unlike": unlike}
    attributes.update(__doc__=f"My like of {noun}.", __module__=__name__)
    return type(f"{target_type.title()}LikeViewSet", (LikeViewSet,), attributes)


VideoLikeViewSet = like_viewset("video", "an item")
TweetLikeViewSet = like_viewset("tweet", "a tweet")
CommentLikeViewSet = like_viewset("comment", "a comment")


class LikedVideosViewSet(viewsets.GenericViewSet):
    """The items I like."""

    pagination_class = KeysetPagination
    permission_classes = [IsAuthenticated]
    serializer_class = LikedVideoSerializer

    def get_ordering(self) -> str:
        return "-created_at"

    @extend_schema(summary="Items I like, newest like first", tags=["users"])
    def list(self, request):
        page = self.paginate_queryset(selectors.liked_video_likes(user=request.user))
        likes, videos = selectors.watchable_liked(likes=page, viewer=request.user)
        context = serializer_context(videos=list(videos.values()), request=request)
        context["videos"] = videos
        data = LikedVideoSerializer(likes, many=True, context=context).data
        return self.get_paginated_response(data)


def _render_feed(request, entries) -> list[dict]:
    """Feed entries with their payloads; each kind's context in a constant number of queries."""
    videos = [entry.item for entry in entries if entry.kind == "video"]
    tweets = [entry.item for entry in entries if entry.kind == "tweet"]
    contexts = {
        "video": serializer_context(videos=videos, request=request),
        "tweet": selectors.tweet_context(tweets=tweets, viewer=request.user, request=request),
    }
    payloads = {"video": VideoSerializer, "tweet": TweetSerializer}
    return [
        {
            "type": entry.kind,
            entry.kind: payloads[entry.kind](entry.item, context=contexts[entry.kind]).data,
        }
        for entry in entries
    ]


def _feed_link(request, page, *, forward: bool) -> str | None:
    """The next or previous page's URL, with the same rules as the keyset pagination's links."""
    url = request.build_absolute_uri()
    backwards = page.cursor is not None and page.cursor.backwards
    if not page.entries:
        return remove_query_param(url, "cursor") if not forward and page.cursor else None
    if forward:
        if not (page.more or backwards):
            return None
        return replace_query_param(url, "cursor", encode(page.entries[-1].cursor(backwards=False)))
    if (backwards and not page.more) or page.cursor is None:
        return None
    return replace_query_param(url, "cursor", encode(page.entries[0].cursor(backwards=True)))


class FeedViewSet(viewsets.GenericViewSet):
    """What the channels I subscribe to posted."""

    permission_classes = [IsAuthenticated]
    serializer_class = FeedPageSerializer

    @extend_schema(
        parameters=[FeedQuerySerializer],
        responses={200: FeedPageSerializer},
        summary="Newest public items and tweets of my subscriptions, merged by time",
        tags=["feed"],
    )
    def list(self, request):
        # A plain dict, so a parameter sent empty is refused rather than taken as left out.
        query = FeedQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        token = query.validated_data.get("cursor")
        cursor = decode_cursor(token=token) if token is not None else None
        page = feed_page(user=request.user, limit=query.validated_data["limit"], cursor=cursor)
        return Response(
            {
                "results": _render_feed(request, page.entries),
                "next": _feed_link(request, page, forward=True),
                "previous": _feed_link(request, page, forward=False),
            }
        )


def _render_comments(request, comments: list, serializer=None) -> list[dict]:
    viewer = viewer_of(request)
    context = selectors.comment_context(comments=comments, viewer=viewer, request=request)
    if serializer is CreatorCommentSerializer:
        context["titles"] = selectors.video_titles(comments=comments)
    return (serializer or CommentSerializer)(comments, many=True, context=context).data


def _render_comment(request, comment) -> dict:
    return _render_comments(request, [comment])[0]


class VideoCommentsViewSet(viewsets.GenericViewSet):
    """Comments on an item."""

    pagination_class = KeysetPagination
    permission_classes = [ReadOrSignedIn]
    serializer_class = CommentSerializer

    def get_throttles(self):
        return [CommentThrottle()] if self.action == "create" else []

    def get_ordering(self) -> str:
        return selectors.COMMENT_SORTS[self.sort]

    @extend_schema(
        parameters=[CommentListQuerySerializer],
        summary="Top-level comments on an item: the pinned one first (on the first page), then "
        "newest or top (most liked, then newest)",
        tags=["comments"],
    )
    def list(self, request, pk=None):
        # A plain dict, so an empty ?sort= is a bad choice rather than "not given".
        query = CommentListQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        self.sort = query.validated_data["sort"]
        viewer = viewer_of(request)
        video = video_for_viewer(video_id=pk, viewer=viewer)
        page = self.paginate_queryset(selectors.video_comments(video=video, viewer=viewer))
        if "cursor" not in request.query_params:
            pinned = selectors.pinned_comment(video=video, viewer=viewer)
            page = [pinned, *page] if pinned else page
        return self.get_paginated_response(_render_comments(request, page))

    @extend_schema(
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
        summary="Comment on an item, or reply (parent); rules may hold it for the owner",
        tags=["comments"],
    )
    @idempotent
    def create(self, request, pk=None):
        data = validated(CommentCreateSerializer, request)
        comment = services.create_comment(
            author=request.user, video_id=pk, content=data["content"], parent=data.get("parent")
        )
        return Response(_render_comment(request, comment), status=status.HTTP_201_CREATED)


class CommentViewSet(viewsets.GenericViewSet):
    """One comment: edit and delete, and its item owner's moderation."""

    permission_classes = [ReadOrSignedIn]
    serializer_class = CommentSerializer

    @extend_schema(
        request=CommentWriteSerializer,
        responses={200: CommentSerializer},
        summary="Edit my comment (it shows as edited and is scored again)",
        tags=["comments"],
    )
    def partial_update(self, request, pk=None):
        comment = selectors.comment_for_author(comment_id=pk, user=request.user)
        content = validated(CommentWriteSerializer, request, partial=True).get("content")
        comment = services.update_comment(comment=comment, content=content)
        return Response(_render_comment(request, comment))

    @extend_schema(
        responses={204: NO_CONTENT},
        summary="Delete my comment, or one on my item (rejecting it if held); replies go too",
        tags=["comments"],
    )
    def destroy(self, request, pk=None):
        comment = selectors.comment_for_remover(comment_id=pk, user=request.user)
        services.delete_comment(comment=comment, by=services.Actor.creator(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=None,
        responses={200: CommentSerializer},
        summary="Publish a held comment on my item",
        tags=["comments"],
    )
    def approve(self, request, pk=None):
        comment = selectors.comment_for_moderator(comment_id=pk, user=request.user)
        comment = services.approve_comment(comment=comment, by=services.Actor.creator(request.user))
        return Response(_render_comment(request, comment))

    @extend_schema(
        request=None,
        responses={200: CommentSerializer},
        summary="Pin a comment on my item (unpinning any other)",
        tags=["comments"],
    )
    def pin(self, request, pk=None):
        comment = selectors.comment_for_moderator(comment_id=pk, user=request.user)
        comment = services.set_pinned(comment=comment, moderator=request.user, pinned=True)
        return Response(_render_comment(request, comment))

    @extend_schema(
        request=None,
        responses={200: CommentSerializer},
        summary="Unpin a comment on my item",
        tags=["comments"],
    )
    def unpin(self, request, pk=None):
        comment = selectors.comment_for_moderator(comment_id=pk, user=request.user)
        comment = services.set_pinned(comment=comment, moderator=request.user, pinned=False)
        return Response(_render_comment(request, comment))


class CommentRepliesViewSet(viewsets.GenericViewSet):
    """The replies in a comment's thread."""

    pagination_class = KeysetPagination
    permission_classes = [AllowAny]
    serializer_class = CommentSerializer

    def get_ordering(self) -> str:
        return "created_at"

    @extend_schema(summary="Replies in a comment's thread, oldest first", tags=["comments"])
    def list(self, request, pk=None):
        viewer = viewer_of(request)
        root = selectors.comment_for_viewer(comment_id=pk, viewer=viewer)
        page = self.paginate_queryset(selectors.comment_replies(root=root, viewer=viewer))
        return self.get_paginated_response(_render_comments(request, page))


class CreatorCommentsViewSet(viewsets.GenericViewSet):
    """Comments on my items, for moderating them."""

    pagination_class = KeysetPagination
    permission_classes = [IsAuthenticated]
    serializer_class = CreatorCommentSerializer

    def get_ordering(self) -> str:
        return "-queue_key"

    @extend_schema(
        parameters=[CreatorCommentsQuerySerializer],
        summary="Comments on my items: held ones first, then newest, each with its item's title",
        tags=["dashboard"],
    )
    def list(self, request):
        query = CreatorCommentsQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        comments = selectors.creator_comments(
            owner=request.user, status=query.validated_data.get("status", "")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(
            _render_comments(request, page, CreatorCommentSerializer)
        )
