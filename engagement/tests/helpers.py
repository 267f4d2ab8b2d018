"""Builders for engagement tests."""

from django.utils import timezone

from engagement.documents import Comment, Tweet
from engagement.services import queue_key

TWEETS = "/api/v1/tweets"
FEED = "/api/v1/feed"
LIKED_VIDEOS = "/api/v1/users/me/liked-videos"


def tweet(author, content: str = "Hello", **fields) -> Tweet:
    """A tweet straight in the store."""
    post = Tweet(author_id=author.id, author_active=author.is_active, content=content, **fields)
    post.save(force_insert=True)
    return post


def like_url(target) -> str:
    kinds = {Tweet: "tweets", Comment: "comments"}
    kind = kinds.get(type(target), "videos")
    return f"/api/v1/{kind}/{target.id}/like"


def like(client, target):
    return client.put(like_url(target))


def unlike(client, target):
    return client.delete(like_url(target))


def comments_url(video) -> str:
    return f"/api/v1/videos/{video.id}/comments"


def comment_url(comment_id, action: str = "") -> str:
    return f"/api/v1/comments/{comment_id}" + (f"/{action}" if action else "")


def post_comment(client, video, content: str = "Nice one", **fields):
    """POST a comment (or a reply, with parent=...) through the API."""
    return client.post(comments_url(video), {"content": content, **fields}, format="json")


def comment(video, author, content: str = "Nice one", **fields) -> Comment:
    """A published top-level comment straight in the store (counters untouched)."""
    now = timezone.now()
    values = {"status": "published", "created_at": now, **fields}
    doc = Comment(
        video_id=video.id,
        video_owner_id=video.owner_id,
        author_id=author.id,
        author_active=author.is_active,
        content=content,
        queue_key=queue_key(status=values["status"], created_at=values["created_at"]),
        **values,
    )
    doc.save(force_insert=True)
    return doc
