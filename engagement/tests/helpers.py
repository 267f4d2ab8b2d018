"""Builders for engagement tests."""

from engagement.documents import Tweet

TWEETS = "/api/v1/tweets"
FEED = "/api/v1/feed"
LIKED_VIDEOS = "/api/v1/users/me/liked-videos"


def tweet(author, content: str = "Hello", **fields) -> Tweet:
    """A tweet straight in the store."""
    post = Tweet(author_id=author.id, author_active=author.is_active, content=content, **fields)
    post.save(force_insert=True)
    return post


def like_url(target) -> str:
    kind = "tweets" if isinstance(target, Tweet) else "videos"
    return f"/api/v1/{kind}/{target.id}/like"


def like(client, target):
    return client.put(like_url(target))


def unlike(client, target):
    return client.delete(like_url(target))
