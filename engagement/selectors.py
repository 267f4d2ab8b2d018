"""Engagement reads: tweets, who likes what, and batch context for serializing pages."""

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import blocked_ids, user_by_username, users_by_ids
from common.errors import NotAllowed, NotFound
from common.ids import object_id
from engagement import counters
from engagement.documents import Like, Tweet
from videos.documents import Video
from videos.listing import is_watchable


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
    """Like figures of a page of items, and which the viewer likes: one query, Redis reads."""
    return {
        "likes": counters.video_likes.current(docs=videos),
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
