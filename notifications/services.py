"""Notification writes: what each platform event tells whom, reading, and settings."""

import re

from bson import ObjectId

from accounts.documents import User
from channels_app.documents import Subscription
from common.ids import object_id
from engagement.documents import Tweet
from notifications import selectors, tasks, unread
from notifications.delivery import Target, notify, tweet_target, video_target
from notifications.documents import KINDS, Notification, NotificationSettings
from videos.documents import Video
from videos.listing import is_watchable

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.]{2,29})")
MAX_MENTIONS = 20


def mentioned_ids(*, text: str) -> list[ObjectId]:
    """Existing users named as @username in a text (at most MAX_MENTIONS)."""
    names = []
    for name in MENTION.findall(text):
        names += [name.lower(), name.rstrip(".").lower()]
    names = list(dict.fromkeys(names))[: 2 * MAX_MENTIONS]
    if not names:
        return []
    return list(User.objects(username_lower__in=names).scalar("id"))[:MAX_MENTIONS]


def on_comment_published(*, comment, video: Video) -> None:
    """A visible comment: a reply to whom it answers, a comment to the item's owner, mentions."""
    author = User.objects(id=comment.author_id).first()
    if author is None:
        return
    target = video_target(video)
    told = {author.id}
    fields = {"actor": author, "target": target, "key": str(comment.id), "comment_id": comment.id}
    if comment.reply_to_user_id is not None:
        notify(kind="reply", recipient_ids=[comment.reply_to_user_id], **fields)
        told.add(comment.reply_to_user_id)
    owner_id = video.owner_id
    if owner_id not in told and not _was_held(owner_id=owner_id, comment_id=comment.id):
        notify(kind="comment", recipient_ids=[owner_id], **fields)
    told.add(owner_id)
    mentioned = [i for i in mentioned_ids(text=comment.content) if i not in told]
    if not is_watchable(video):
        mentioned = []
    notify(kind="mention", recipient_ids=mentioned, **fields)


def _was_held(*, owner_id: ObjectId, comment_id: ObjectId) -> bool:
    """Whether the owner was already told of this comment when it was held for them."""
    return (
        Notification.objects(
            recipient_id=owner_id, kind="comment_held", key=str(comment_id)
        ).first()
        is not None
    )


def on_comment_held(*, comment, video: Video) -> None:
    """A comment waits for the item owner's approval: tell the owner."""
    author = User.objects(id=comment.author_id).first()
    if author is None:
        return
    notify(
        kind="comment_held",
        recipient_ids=[video.owner_id],
        actor=author,
        target=video_target(video),
        key=str(comment.id),
        comment_id=comment.id,
    )


def on_tweet_posted(*, tweet: Tweet) -> None:
    """Subscribers hear of a new tweet through a task; users it mentions are told now."""
    tasks.announce.delay("new_tweet", "tweet", str(tweet.id))
    author = User.objects(id=tweet.author_id).first()
    if author is None:
        return
    notify(
        kind="mention",
        recipient_ids=mentioned_ids(text=tweet.content),
        actor=author,
        target=tweet_target(tweet),
        key=str(tweet.id),
    )


def on_video_went_live(*, video: Video) -> None:
    """Subscribers hear of a newly listed item through a task, not inside the request."""
    tasks.announce.delay("new_video", "video", str(video.id))


def on_video_processed(*, video: Video, ready: bool) -> None:
    """The owner hears whether their upload (this version of it) is ready or failed."""
    notify(
        kind="video_ready" if ready else "video_failed",
        recipient_ids=[video.owner_id],
        actor=None,
        target=video_target(video),
        key=f"{video.id}:{video.version}",
    )


def on_subscribed(*, subscription: Subscription) -> None:
    """A channel hears of a new subscriber (once per subscriber, even after resubscribing)."""
    subscriber = User.objects(id=subscription.subscriber_id).first()
    if subscriber is None:
        return
    notify(
        kind="new_subscriber",
        recipient_ids=[subscription.channel_id],
        actor=subscriber,
        target=Target(type="channel", id=subscriber.id, title=subscriber.username),
        key=str(subscriber.id),
    )


def milestone_of(likes: int) -> int | None:
    """The milestone (10, 100, 1,000, ...) a like figure stands at, if any."""
    if likes < 10:
        return None
    return 10 ** (len(str(likes)) - 1)


def on_target_liked(*, user: User, target_type: str, target, likes: int) -> None:
    """The owner hears when their item or tweet reaches 10, 100, 1,000, ... likes, once each.

    Not from their own like: the next like by someone else, still within the tier, tells them."""
    milestone = milestone_of(likes)
    if milestone is None:
        return
    owner_id = target.owner_id if target_type == "video" else target.author_id
    if user.id == owner_id:
        return
    made = Target(
        type=target_type,
        id=target.id,
        title=target.title if target_type == "video" else target.content[:100],
    )
    notify(
        kind="like_milestone",
        recipient_ids=[owner_id],
        actor=None,
        target=made,
        key=f"{target.id}:{milestone}",
    )


def notify_report_resolved(*, reported: dict, target_type: str, target_id) -> int:
    """Tell reporters their report was acted on, saying nothing of what was done; `reported`
    maps each reporter to the name they saw the target under, the one they are shown, since by
    now it may be renamed, private or gone."""
    names: dict[str, list[ObjectId]] = {}
    for reporter_id, name in reported.items():
        names.setdefault(name, []).append(ObjectId(reporter_id))
    return sum(
        notify(
            kind="report_resolved",
            recipient_ids=reporter_ids,
            actor=None,
            target=Target(type=target_type, id=ObjectId(target_id), title=name),
            key=f"{target_type}:{target_id}",
        )
        for name, reporter_ids in names.items()
    )


def mark_read(*, user: User, ids: list[str]) -> int:
    """Mark some of my notifications read; unknown or others' ids change nothing."""
    found = [object_id(i) for i in ids]
    marked = Notification.objects(recipient_id=user.id, id__in=found, read=False).update(
        set__read=True
    )
    if marked:
        unread.changed(user_ids=[user.id])
    return marked


def mark_all_read(*, user: User) -> int:
    """Mark every notification my inbox shows read (hidden ones stay as they are)."""
    marked = selectors.shown_entries(user=user, unread=True).update(set__read=True)
    if marked:
        unread.changed(user_ids=[user.id])
    return marked


def update_settings(*, user: User, changes: dict[str, dict[str, bool]]) -> dict:
    """Change some kinds' channels; the rest keep their current (or default) choice."""
    current = selectors.settings_of(user=user)
    for kind, channels in changes.items():
        current[kind].update(channels)
    NotificationSettings.objects(user_id=user.id).update_one(
        upsert=True,
        set__web=[kind for kind in KINDS if current[kind]["web"]],
        set__email=[kind for kind in KINDS if current[kind]["email"]],
    )
    return current
