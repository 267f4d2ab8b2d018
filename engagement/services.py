"""Engagement writes: tweets, and likes of any target type counted exactly once per change."""

from dataclasses import dataclass

from bson import ObjectId
from django.utils import timezone
from mongoengine import NotUniqueError

from accounts.documents import User
from common.errors import RuleViolation
from engagement import tasks
from engagement.documents import TWEET_MAX_LENGTH, Like, Tweet
from engagement.likes import TARGETS
from engagement.signals import target_liked, tweet_posted


@dataclass(frozen=True)
class LikeState:
    liked: bool
    likes: int


def _content(content: str) -> str:
    content = content.strip()
    if not 1 <= len(content) <= TWEET_MAX_LENGTH:
        raise RuleViolation.on_field(
            "content", f"A tweet is 1 to {TWEET_MAX_LENGTH} characters after trimming."
        )
    return content


def create_tweet(*, author: User, content: str) -> Tweet:
    """Post a tweet on the author's channel."""
    now = timezone.now()
    tweet = Tweet(
        author_id=author.id,
        author_active=author.is_active,
        content=_content(content),
        created_at=now,
        updated_at=now,
    )
    tweet.save(force_insert=True)
    tweet_posted.send(sender=Tweet, tweet=tweet)
    return tweet


def update_tweet(*, tweet: Tweet, content: str | None) -> Tweet:
    """Replace a tweet's text; it shows as edited from then on. No content, no change."""
    if content is None:
        return tweet
    tweet.content = _content(content)
    tweet.edited = True
    tweet.updated_at = timezone.now()
    tweet.save()
    return tweet


def delete_tweet(*, tweet: Tweet) -> None:
    """Remove a tweet now; its likes go through a task."""
    tweet.delete()
    tasks.delete_target_likes.delay("tweet", str(tweet.id))


def like(*, user: User, target_type: str, target_id: str) -> LikeState:
    """Like a target the caller can see; durable on return; a repeat changes nothing."""
    target = TARGETS[target_type]
    doc = target.load(target_id=target_id, viewer=user)
    target.figures.touch(doc_id=doc.id)
    try:
        Like(user_id=user.id, target_type=target_type, target_id=doc.id).save(force_insert=True)
    except NotUniqueError:
        counted = False
    else:
        target.figures.gained.add(doc_id=doc.id)
        counted = True
    likes = target.figures.current(docs=[doc])[doc.id]
    if counted:
        target_liked.send(sender=Like, user=user, target_type=target_type, target=doc, likes=likes)
    return LikeState(liked=True, likes=likes)


def unlike(*, user: User, target_type: str, target_id: str) -> LikeState:
    """Withdraw a like; only the request that removed it counts it."""
    target = TARGETS[target_type]
    doc = target.load(target_id=target_id, viewer=user)
    target.figures.touch(doc_id=doc.id)
    removed = Like._get_collection().delete_one(
        {"user_id": user.id, "target_type": target_type, "target_id": doc.id}
    )
    if removed.deleted_count == 1:
        target.figures.gained.add(doc_id=doc.id, amount=-1)
    return LikeState(liked=False, likes=target.figures.current(docs=[doc])[doc.id])


def on_target_deleted(*, target_type: str, target_id: ObjectId) -> None:
    """A deleted target's likes go too, through an idempotent task."""
    tasks.delete_target_likes.delay(target_type, str(target_id))


def on_account_status_changed(*, user: User, active: bool, **kwargs) -> None:
    """A suspended author's tweets vanish from everywhere; a reinstated author's come back."""
    Tweet.objects(author_id=user.id).update(set__author_active=active)
