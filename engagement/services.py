"""Engagement writes: tweets, comments and their moderation, and likes of any target type
counted exactly once per change."""

from dataclasses import dataclass

from bson import ObjectId
from django.conf import settings
from django.utils import timezone
from mongoengine import Document, NotUniqueError, Q

from accounts.documents import User
from accounts.selectors import has_blocked
from common import cache
from common.errors import Conflict, NotAllowed, NotFound, RuleViolation
from common.turns import in_turn
from engagement import cleanup, counters, screening, selectors, tasks
from engagement.documents import (
    COMMENT_MAX_LENGTH,
    TWEET_MAX_LENGTH,
    Comment,
    Like,
    ModerationDecision,
    Tweet,
)
from engagement.likes import TARGETS, LikeTarget
from engagement.screening import Screening
from engagement.signals import (
    comment_held,
    comment_published,
    target_liked,
    tweet_deleted,
    tweet_posted,
)
from videos import cooccurrence
from videos.documents import Video
from videos.selectors import video_for_viewer


@dataclass(frozen=True)
class Actor:
    """Who takes a moderation decision: an item's creator (a platform user, with its id) or
    staff (a Django admin login, which has no platform id)."""

    role: str
    name: str
    id: ObjectId | None = None

    @classmethod
    def creator(cls, user: User) -> "Actor":
        return cls(role="creator", name=user.username, id=user.id)

    @classmethod
    def staff(cls, name: str) -> "Actor":
        return cls(role="staff", name=name)


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
    tweets_changed(author_id=author.id)
    tweet_posted.send(sender=Tweet, tweet=tweet)
    return tweet


def tweets_changed(*, author_id: ObjectId) -> None:
    """Cached copies of the author's tweets (the channel's feeds) are stale after a write."""
    cache.bump(("tweets", author_id))


def update_tweet(*, tweet: Tweet, content: str | None) -> Tweet:
    """Replace a tweet's text; it shows as edited from then on. No content, no change."""
    if content is None:
        return tweet
    tweet.content = _content(content)
    tweet.edited = True
    tweet.updated_at = timezone.now()
    tweet.save()
    tweets_changed(author_id=tweet.author_id)
    return tweet


def delete_tweet(*, tweet: Tweet) -> None:
    """Remove a tweet now; its likes go through a task."""
    tweet.delete()
    tweets_changed(author_id=tweet.author_id)
    tweet_deleted.send(sender=Tweet, tweet=tweet)
    tasks.delete_target_likes.delay("tweet", str(tweet.id))


def like(*, user: User, target_type: str, target_id: str) -> LikeState:
    """Like a target the caller can see; durable on return; a repeat changes nothing."""
    target = TARGETS[target_type]
    doc = target.load(target_id=target_id, viewer=user)
    with _like_turn(target=target, user=user, doc=doc) as change:
        try:
            Like(user_id=user.id, target_type=target_type, target_id=doc.id).save(force_insert=True)
        except NotUniqueError:
            counted = False
        else:
            change.count(target.figures.gained, doc_id=doc.id)
            counted = True
    likes = target.figures.current(docs=[doc])[doc.id]
    if counted:
        if target_type == "video" and doc.owner_id != user.id:
            cooccurrence.note(signal=cooccurrence.CO_LIKE, viewer_id=user.id, item_id=doc.id)
        target_liked.send(sender=Like, user=user, target_type=target_type, target=doc, likes=likes)
    return LikeState(liked=True, likes=likes)


def unlike(*, user: User, target_type: str, target_id: str) -> LikeState:
    """Withdraw a like; only the request that removed it counts it."""
    target = TARGETS[target_type]
    doc = target.load(target_id=target_id, viewer=user)
    with _like_turn(target=target, user=user, doc=doc) as change:
        removed = Like._get_collection().delete_one(
            {"user_id": user.id, "target_type": target_type, "target_id": doc.id}
        )
        if removed.deleted_count == 1:
            change.count(target.figures.gained, doc_id=doc.id, amount=-1)
    return LikeState(liked=False, likes=target.figures.current(docs=[doc])[doc.id])


def _like_turn(*, target: LikeTarget, user: User, doc: Document):
    """A user's likes and unlikes of one target count one at a time, in the order made."""
    return in_turn(
        record=f"like:{target.figures.name}:{user.id}:{doc.id}",
        touching=[(target.figures, doc.id)],
    )


def on_target_deleted(*, target_type: str, target_id: ObjectId) -> None:
    """A deleted target's likes go too, through an idempotent task."""
    tasks.delete_target_likes.delay(target_type, str(target_id))


def on_account_status_changed(*, user: User, active: bool, **kwargs) -> None:
    """A suspended author's tweets and comments vanish from everywhere; a reinstated author's
    come back."""
    Tweet.objects(author_id=user.id).update(set__author_active=active)
    tweets_changed(author_id=user.id)
    Comment.objects(author_id=user.id).update(set__author_active=active)


# ---- Comments -------------------------------------------------------------------------------


def record_decision(
    *,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: ObjectId,
    reason: str = "",
    video_id: ObjectId | None = None,
) -> ModerationDecision:
    """Write one moderation decision to the log the admin console shows (who, what, when, why)."""
    decision = ModerationDecision(
        actor_id=actor.id,
        actor_name=actor.name,
        actor_role=actor.role,
        action=action,
        target_type=target_type,
        target_id=target_id,
        video_id=video_id,
        reason=reason[:1000],
    )
    decision.save(force_insert=True)
    return decision


def _comment_content(content: str) -> str:
    content = content.strip()
    if not 1 <= len(content) <= COMMENT_MAX_LENGTH:
        raise RuleViolation.on_field(
            "content", f"A comment is 1 to {COMMENT_MAX_LENGTH} characters after trimming."
        )
    return content


def queue_key(*, status: str, created_at) -> str:
    """Sorts the creator's queue descending: held before published, then newest first."""
    return f"{1 if status == 'held' else 0}{created_at.strftime('%Y%m%d%H%M%S%f')}"


def _screen(*, video: Video, author_id: ObjectId, text: str, approval: bool) -> Screening:
    """Score a text and name the rule holding it; nothing the item's owner writes is held."""
    owner = author_id == video.owner_id
    result = screening.screen(
        text=text,
        approval=approval and video.comments_policy == "approval" and not owner,
        hold_links=video.hold_links,
    )
    if owner:
        return Screening(sentiment=result.sentiment, is_flagged=result.is_flagged, held_reason="")
    return result


def _reply_target(*, video: Video, parent_id: str, viewer: User) -> tuple[Comment, Comment]:
    """The comment a reply answers and the thread root it attaches to (both published)."""
    missing = RuleViolation.on_field("parent", "No published comment with this id on this item.")
    try:
        parent = selectors.comment_for_viewer(comment_id=parent_id, viewer=viewer)
    except NotFound:
        raise missing from None
    if parent.video_id != video.id or parent.status != "published":
        raise missing
    if parent.parent_id is None:
        return parent, parent
    root = Comment.objects(id=parent.parent_id, video_id=video.id, status="published").first()
    if root is None:
        raise missing
    return parent, root


def _refuse_blocked(*, owner_id: ObjectId, author_id: ObjectId) -> None:
    """Someone the item's owner blocked neither writes nor rewrites comments on their items."""
    if has_blocked(blocker_id=owner_id, blocked_id=author_id):
        raise NotAllowed("You cannot comment on this channel's items.", code="blocked")


def create_comment(*, author: User, video_id: str, content: str, parent: str | None) -> Comment:
    """Comment on an item the caller can see, or reply in a thread; held when a rule says so."""
    video = video_for_viewer(video_id=video_id, viewer=author)
    _refuse_blocked(owner_id=video.owner_id, author_id=author.id)
    if video.comments_policy == "disabled":
        raise NotAllowed("Comments are turned off for this item.", code="comments_disabled")
    text = _comment_content(content)
    answered, root = (None, None)
    if parent is not None:
        answered, root = _reply_target(video=video, parent_id=parent, viewer=author)
    result = _screen(video=video, author_id=author.id, text=text, approval=True)
    status = "held" if result.held_reason else "published"
    now = timezone.now()
    comment = Comment(
        video_id=video.id,
        video_owner_id=video.owner_id,
        author_id=author.id,
        author_active=author.is_active,
        parent_id=root.id if root else None,
        reply_to_user_id=answered.author_id if answered else None,
        content=text,
        sentiment=result.sentiment,
        is_flagged=result.is_flagged,
        status=status,
        held_reason=result.held_reason,
        queue_key=queue_key(status=status, created_at=now),
        created_at=now,
        updated_at=now,
    )
    counters.video_comments.touch(doc_id=video.id)
    comment.save(force_insert=True)
    if status == "published":
        _published(comment=comment, amount=1)
        comment_published.send(sender=Comment, comment=comment, video=video)
    else:
        comment_held.send(sender=Comment, comment=comment, video=video)
    return comment


def _published(*, comment: Comment, amount: int) -> None:
    """Count a comment that became (+1) or stopped being (-1) published, and its thread's."""
    counters.video_comments.gained.add(doc_id=comment.video_id, amount=amount)
    if comment.parent_id is not None:
        Comment.objects(id=comment.parent_id, video_id=comment.video_id).update_one(
            inc__replies_count=amount
        )


def update_comment(*, comment: Comment, content: str | None) -> Comment:
    """Replace a comment's text and score it again; a published one a rule now holds goes back
    to held (out of the counts). A held one stays held for the owner to decide."""
    _refuse_blocked(owner_id=comment.video_owner_id, author_id=comment.author_id)
    if content is None:
        return comment
    video = Video.objects(id=comment.video_id).first()
    if video is None:
        raise NotFound()
    text = _comment_content(content)
    result = _screen(video=video, author_id=comment.author_id, text=text, approval=False)
    if comment.status == "held":
        status, reason = "held", result.held_reason or comment.held_reason
    else:
        status, reason = ("held" if result.held_reason else "published"), result.held_reason
    now = timezone.now()
    counters.video_comments.touch(doc_id=comment.video_id)
    changed = Comment.objects(
        id=comment.id, video_id=comment.video_id, status=comment.status
    ).update_one(
        set__content=text,
        set__sentiment=result.sentiment,
        set__is_flagged=result.is_flagged,
        set__status=status,
        set__held_reason=reason,
        set__queue_key=queue_key(status=status, created_at=comment.created_at),
        set__pinned=comment.pinned and status == "published",
        set__edited=True,
        set__updated_at=now,
    )
    if not changed:
        raise Conflict("The comment changed meanwhile; try again.")
    if comment.status == "published" and status == "held":
        _published(comment=comment, amount=-1)
    comment.reload()
    return comment


def approve_comment(*, comment: Comment, by: Actor, reason: str = "") -> Comment:
    """Publish a held comment (its item's creator or staff decides); approving a published one
    changes nothing. The log keeps the reason given, else the rule that held it."""
    if comment.status == "published":
        return comment
    counters.video_comments.touch(doc_id=comment.video_id)
    approved = Comment.objects(id=comment.id, video_id=comment.video_id, status="held").update_one(
        set__status="published",
        set__queue_key=queue_key(status="published", created_at=comment.created_at),
    )
    comment.reload()
    if approved:
        _published(comment=comment, amount=1)
        record_decision(
            actor=by,
            action="approve",
            target_type="comment",
            target_id=comment.id,
            reason=reason or comment.held_reason,
            video_id=comment.video_id,
        )
        video = Video.objects(id=comment.video_id).first()
        comment_published.send(sender=Comment, comment=comment, video=video)
    return comment


def delete_comment(*, comment: Comment, by: Actor, reason: str = "") -> None:
    """Remove a comment (its author, the item's owner rejecting a held one or taking one down,
    or staff) with its thread's replies and every like on them; a large thread goes through a
    task. Anyone but the author is logged as a moderation decision."""
    counters.video_comments.touch(doc_id=comment.video_id)
    before = Comment.objects(id=comment.id, video_id=comment.video_id, status__ne="removed").modify(
        set__status="removed", set__pinned=False, set__updated_at=timezone.now()
    )
    if before is None:
        return
    if before.status == "published":
        _published(comment=before, amount=-1)
    if by.id != before.author_id:
        record_decision(
            actor=by,
            action="reject" if before.status == "held" else "remove",
            target_type="comment",
            target_id=before.id,
            reason=reason,
            video_id=before.video_id,
        )
    tasks.delete_target_likes.delay("comment", str(before.id))
    if before.parent_id is None:
        _delete_replies(root=before)


def _delete_replies(*, root: Comment) -> None:
    """A small thread's replies go now, a large one's through a task; both are idempotent."""
    replies = Comment.objects(video_id=root.video_id, parent_id=root.id).count()
    if replies > settings.COMMENT_INLINE_REPLY_DELETES:
        tasks.delete_comment_replies.delay(str(root.id), str(root.video_id))
    elif replies:
        cleanup.delete_comment_replies(root_id=root.id, video_id=root.video_id)


def _leave_the_later_pin(*, comment: Comment, pinned_at) -> None:
    """Unpin the item's other comments pinned before this one (ties broken by id), or this one
    if another was pinned after it: each racing pin does both once written, so of two owners'
    requests, whatever the interleaving (a pin stamped first may be written last), exactly the
    later pin stays."""
    earlier = Q(pinned_at__lt=pinned_at) | Q(pinned_at=pinned_at, id__lt=comment.id)
    later = Q(pinned_at__gt=pinned_at) | Q(pinned_at=pinned_at, id__gt=comment.id)
    pinned_here = Q(video_id=comment.video_id, pinned=True)
    Comment.objects(pinned_here & earlier).update(set__pinned=False)
    if Comment.objects(pinned_here & later).first() is not None:
        Comment.objects(id=comment.id, video_id=comment.video_id, pinned_at=pinned_at).update_one(
            set__pinned=False
        )


def set_pinned(*, comment: Comment, moderator: User, pinned: bool) -> Comment:
    """Pin a published top-level comment on the moderator's item (unpinning any other), or
    unpin it; a repeat changes nothing."""
    if comment.pinned == pinned:
        return comment
    if pinned and (comment.status != "published" or comment.parent_id is not None):
        raise Conflict("Only a published top-level comment can be pinned.", code="not_pinnable")
    now = timezone.now()
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)  # as stored: milliseconds
    Comment.objects(id=comment.id, video_id=comment.video_id).update_one(
        set__pinned=pinned, set__pinned_at=now
    )
    if pinned:
        _leave_the_later_pin(comment=comment, pinned_at=now)
    comment.reload()
    record_decision(
        actor=Actor.creator(moderator),
        action="pin" if pinned else "unpin",
        target_type="comment",
        target_id=comment.id,
        video_id=comment.video_id,
    )
    return comment


def on_video_deleted(*, video_id: ObjectId) -> None:
    """A deleted item's comments and their likes go through an idempotent task."""
    tasks.delete_video_comments.delay(str(video_id))
