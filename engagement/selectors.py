"""Engagement reads: tweets, comments, who likes what, and batch context for serializing."""

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import blocked_ids, user_by_username, users_by_ids
from common.errors import NotAllowed, NotFound
from common.ids import object_id
from engagement import counters
from engagement.documents import Comment, Like, Tweet
from videos.documents import Video
from videos.listing import is_watchable
from videos.selectors import video_for_viewer


def tweet_for_viewer(*, tweet_id: str) -> Tweet:
    """A tweet anyone may read: its author is not suspended; anything else is a 404."""
    tweet = Tweet.objects(id=object_id(tweet_id), author_active=True).first()
    if tweet is None:
        raise NotFound()
    return tweet


def tweet_for_author(*, tweet_id: str, user: User) -> Tweet:
    """A tweet the caller may change: theirs; 403 if they can only read it, else 404."""
    tweet = tweet_for_viewer(tweet_id=tweet_id)
    if tweet.author_id != user.id:
        raise NotAllowed("Only the author can change this tweet.")
    return tweet


def _unblocked(query, *, viewer: User | None):
    """Drop tweets by authors the viewer blocked (one query for their ids)."""
    hidden = blocked_ids(user=viewer)
    return query.filter(author_id__nin=list(hidden)) if hidden else query


def listed_tweets(*, author: str = "", viewer: User | None = None):
    """Tweets of active authors the viewer did not block, optionally of one author (by username);
    newest first paginated."""
    query = Tweet.objects(author_active=True)
    if author:
        user = user_by_username(username=author)
        query = query.filter(author_id=user.id if user else ObjectId("0" * 24))
    return _unblocked(query, viewer=viewer)


def channel_tweets(*, channel: User, viewer: User | None = None):
    """A channel's tweets, none if the viewer blocked it; newest first once paginated."""
    return _unblocked(Tweet.objects(author_id=channel.id, author_active=True), viewer=viewer)


def liked_ids(*, viewer: User | None, target_type: str, ids: list[ObjectId]) -> set[ObjectId]:
    """Which of these targets the viewer likes, in one query on the unique like index."""
    if viewer is None or not ids:
        return set()
    return set(
        Like.objects(user_id=viewer.id, target_type=target_type, target_id__in=ids).scalar(
            "target_id"
        )
    )


def video_like_context(*, videos: list[Video], viewer: User | None) -> dict:
    """Like and comment figures of a page of items, and which the viewer likes: one query, Redis
    reads."""
    return {
        "likes": counters.video_likes.current(docs=videos),
        "comments": counters.video_comments.current(docs=videos),
        "liked": liked_ids(viewer=viewer, target_type="video", ids=[v.id for v in videos]),
    }


def tweet_context(*, tweets: list[Tweet], viewer: User | None, request) -> dict:
    """Everything a page of tweets needs for serializing, in a constant number of queries."""
    return {
        "request": request,
        "authors": users_by_ids(ids=[tweet.author_id for tweet in tweets]),
        "likes": counters.tweet_likes.current(docs=tweets),
        "liked": liked_ids(viewer=viewer, target_type="tweet", ids=[t.id for t in tweets]),
    }


def liked_video_likes(*, user: User):
    """The user's likes of items, newest first once paginated."""
    return Like.objects(user_id=user.id, target_type="video")


def watchable_liked(*, likes: list[Like], viewer: User) -> tuple[list[Like], dict]:
    """Likes whose item the viewer may still watch, with those items, in one query."""
    ids = list({like.target_id for like in likes})
    found = Video.objects(id__in=ids) if ids else []
    videos = {
        video.id: video for video in found if video.owner_id == viewer.id or is_watchable(video)
    }
    return [like for like in likes if like.target_id in videos], videos


# ---- Comments -------------------------------------------------------------------------------

COMMENT_SORTS = {"newest": "-created_at", "top": "-likes"}
SENTIMENT_POSITIVE = 0.05
SENTIMENT_NEGATIVE = -0.05


def _moderates(comment: Comment, viewer: User | None) -> bool:
    return viewer is not None and comment.video_owner_id == viewer.id


def can_see_hold(*, comment: Comment, viewer: User | None) -> bool:
    """Held comments and hold reasons show only to their author and the item's owner."""
    return viewer is not None and viewer.id in (comment.author_id, comment.video_owner_id)


def comment_for_viewer(*, comment_id: str, viewer: User | None) -> Comment:
    """A comment the caller may see, on an item the caller may see; anything else is a 404."""
    comment = Comment.objects(id=object_id(comment_id)).first()
    if (
        comment is None
        or comment.status == "removed"
        or not comment.author_active
        or (comment.status == "held" and not can_see_hold(comment=comment, viewer=viewer))
    ):
        raise NotFound()
    video_for_viewer(video_id=comment.video_id, viewer=viewer)
    return comment


def comment_for_author(*, comment_id: str, user: User) -> Comment:
    """A comment the caller may edit: theirs; 403 if they can only read it, else 404."""
    comment = comment_for_viewer(comment_id=comment_id, viewer=user)
    if comment.author_id != user.id:
        raise NotAllowed("Only the author can edit this comment.")
    return comment


def comment_for_remover(*, comment_id: str, user: User) -> Comment:
    """A comment the caller may delete: theirs, or one on their item; 403 if only readable."""
    comment = comment_for_viewer(comment_id=comment_id, viewer=user)
    if user.id not in (comment.author_id, comment.video_owner_id):
        raise NotAllowed("Only the author or the item's owner can delete this comment.")
    return comment


def comment_for_moderator(*, comment_id: str, user: User) -> Comment:
    """A comment on the caller's item, for approving and pinning; 403 if only readable."""
    comment = comment_for_viewer(comment_id=comment_id, viewer=user)
    if not _moderates(comment, user):
        raise NotAllowed("Only the item's owner can moderate its comments.")
    return comment


def _visible_to(viewer: User | None, *, owner_id: ObjectId | None = None) -> dict:
    """The raw filter for comments the viewer may see in a listing (one item's, or any)."""
    if viewer is None:
        return {"status": "published", "author_active": True}
    conditions = {"author_active": True}
    if owner_id is not None and owner_id == viewer.id:
        conditions["status"] = {"$in": ["published", "held"]}
    else:
        conditions["$or"] = [{"status": "published"}, {"status": "held", "author_id": viewer.id}]
    hidden = blocked_ids(user=viewer)
    if hidden:
        conditions["author_id"] = {"$nin": list(hidden)}
    return conditions


def video_comments(*, video: Video, viewer: User | None):
    """Top-level comments of an item the viewer may see, not the pinned one (shown apart)."""
    return Comment.objects(
        video_id=video.id,
        parent_id=None,
        pinned=False,
        __raw__=_visible_to(viewer, owner_id=video.owner_id),
    )


def pinned_comment(*, video: Video, viewer: User | None) -> Comment | None:
    """The item's pinned comment, if the viewer may see it."""
    return Comment.objects(
        video_id=video.id, pinned=True, __raw__=_visible_to(viewer, owner_id=video.owner_id)
    ).first()


def comment_replies(*, root: Comment, viewer: User | None):
    """Replies in a thread the viewer may see; oldest first once paginated."""
    return Comment.objects(
        video_id=root.video_id,
        parent_id=root.id,
        __raw__=_visible_to(viewer, owner_id=root.video_owner_id),
    )


def creator_comments(*, owner: User, status: str = ""):
    """Comments on the owner's items (held first, then newest) minus authors they blocked."""
    raw = {"author_active": True, "status": status or {"$in": ["held", "published"]}}
    hidden = blocked_ids(user=owner)
    if hidden:
        raw["author_id"] = {"$nin": list(hidden)}
    return Comment.objects(video_owner_id=owner.id, __raw__=raw)


def comment_context(*, comments: list[Comment], viewer: User | None, request) -> dict:
    """Everything a page of comments needs for serializing, in a constant number of queries."""
    people = [c.author_id for c in comments] + [c.reply_to_user_id for c in comments]
    return {
        "request": request,
        "viewer": viewer,
        "users": users_by_ids(ids=people),
        "likes": counters.comment_likes.current(docs=comments),
        "liked": liked_ids(viewer=viewer, target_type="comment", ids=[c.id for c in comments]),
    }


def video_titles(*, comments: list[Comment]) -> dict[ObjectId, str]:
    """The titles of the items a page of comments belongs to, in one query."""
    ids = list({comment.video_id for comment in comments})
    if not ids:
        return {}
    return {video.id: video.title for video in Video.objects(id__in=ids).only("id", "title")}


def published_comment_counts(*, video_ids: list[ObjectId]) -> dict[ObjectId, int]:
    """Published comments per item of these, counted from the comments, for reconciling."""
    pipeline = [
        {"$match": {"status": "published", "video_id": {"$in": video_ids}}},
        {"$group": {"_id": "$video_id", "n": {"$sum": 1}}},
    ]
    return {row["_id"]: row["n"] for row in Comment._get_collection().aggregate(pipeline)}


def sentiment_breakdown(*, video_ids) -> dict[ObjectId, dict]:
    """Per item, published comments that are positive, neutral, negative and flagged; one query."""
    ids = [ObjectId(video_id) for video_id in video_ids]
    breakdown = {
        video_id: {"positive": 0, "neutral": 0, "negative": 0, "flagged": 0} for video_id in ids
    }
    if not ids:
        return breakdown
    pipeline = [
        {"$match": {"video_id": {"$in": ids}, "status": "published"}},
        {
            "$group": {
                "_id": "$video_id",
                "positive": _count_if({"$gte": ["$sentiment", SENTIMENT_POSITIVE]}),
                "negative": _count_if({"$lte": ["$sentiment", SENTIMENT_NEGATIVE]}),
                "flagged": _count_if({"$eq": ["$is_flagged", True]}),
                "total": {"$sum": 1},
            }
        },
    ]
    for row in Comment._get_collection().aggregate(pipeline):
        breakdown[row["_id"]] = {
            "positive": row["positive"],
            "neutral": row["total"] - row["positive"] - row["negative"],
            "negative": row["negative"],
            "flagged": row["flagged"],
        }
    return breakdown


def _count_if(condition: dict) -> dict:
    return {"$sum": {"$cond": [condition, 1, 0]}}
