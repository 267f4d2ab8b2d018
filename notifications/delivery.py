"""Delivering notifications: the one entry that applies every rule and stores each once,
channel announcements in batches, and e-mail digests. Tasks call into this module."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from bson import ObjectId
from celery import signature
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from pymongo.errors import BulkWriteError

from accounts.documents import Block, User
from channels_app.documents import Subscription
from common import live
from engagement.documents import Tweet
from notifications import selectors, unread, visibility
from notifications.documents import EmailDigest, Notification
from videos.documents import Video
from videos.listing import is_open

DUPLICATE_KEY = 11000
EMAIL_SUBJECTS = {
    "new_video": "New uploads from channels you follow",
    "new_tweet": "New posts from channels you follow",
    "comment": "New comments on your items",
    "reply": "New replies to your comments",
    "mention": "You were mentioned",
    "like_milestone": "Your work reached a like milestone",
    "new_subscriber": "You have new subscribers",
    "report_resolved": "A report you filed was acted on",
    "comment_held": "Comments wait for your approval",
    "video_ready": "Your upload is ready",
    "video_failed": "Your upload could not be processed",
}


@dataclass(frozen=True)
class Target:
    """What a notification is about, as the recipient will see it named, and, for an item or a
    tweet, whose it is and whether it is open now (entries to others hide while it is not)."""

    type: str
    id: ObjectId
    title: str = ""
    owner_id: ObjectId | None = None
    owner_active: bool = True
    open: bool = True


def video_target(video: Video) -> Target:
    return Target(
        type="video",
        id=video.id,
        title=video.title,
        owner_id=video.owner_id,
        owner_active=video.owner_active,
        open=is_open(video),
    )


def tweet_target(tweet: Tweet) -> Target:
    return Target(
        type="tweet",
        id=tweet.id,
        title=tweet.content[:100],
        owner_id=tweet.author_id,
        owner_active=tweet.author_active,
    )


def notify(
    *,
    kind: str,
    recipient_ids: Iterable[ObjectId],
    actor: User | None,
    target: Target,
    key: str,
    comment_id: ObjectId | None = None,
) -> int:
    """Tell some users about one thing, once each, by every rule; returns how many were told.

    Never about the recipient's own action, never from an actor they blocked or who is
    suspended, never to a suspended user; each recipient's settings choose inbox and e-mail.
    """
    if actor is not None and not actor.is_active:
        return 0
    ids = list(dict.fromkeys(recipient_ids))
    if not ids:
        return 0
    active = set(User.objects(id__in=ids, is_active=True).scalar("id"))
    return deliver(
        kind=kind,
        recipient_ids=[i for i in ids if i in active],
        actor=actor,
        target=target,
        key=key,
        comment_id=comment_id,
    )


def deliver(
    *,
    kind: str,
    recipient_ids: list[ObjectId],
    actor: User | None,
    target: Target,
    key: str,
    comment_id: ObjectId | None = None,
) -> int:
    """One batch of active recipients: drop blockers, apply settings, insert once each."""
    if actor is not None:
        recipient_ids = [i for i in recipient_ids if i != actor.id]
        blockers = set(
            Block.objects(blocked_id=actor.id, blocker_id__in=recipient_ids).scalar("blocker_id")
        )
        recipient_ids = [i for i in recipient_ids if i not in blockers]
    if not recipient_ids:
        return 0
    choices = selectors.channel_choices(user_ids=recipient_ids, kind=kind)
    now = timezone.now()
    docs = []
    for recipient_id in recipient_ids:
        web, email = choices.get(recipient_id, selectors.default_choice(kind))
        if not (web or email):
            continue
        # The target's state hides an entry only from others than its owner.
        owner_id = target.owner_id if target.owner_id != recipient_id else None
        docs.append(
            {
                "_id": ObjectId(),
                "recipient_id": recipient_id,
                "kind": kind,
                "key": key,
                "actor_id": actor.id if actor else None,
                "target_type": target.type,
                "target_id": target.id,
                "target_title": target.title,
                "target_owner_id": owner_id,
                "comment_id": comment_id,
                "web": web,
                "read": False,
                "actor_active": actor is None or actor.is_active,
                "target_owner_active": owner_id is None or target.owner_active,
                "target_open": owner_id is None or target.open,
                "created_at": now,
            }
        )
    inserted = _insert(docs)
    told = [doc for doc in docs if doc["_id"] in inserted]
    shown = [doc for doc in told if doc["web"]]
    unread.changed(
        user_ids=[doc["recipient_id"] for doc in shown],
        entries=[
            live.UserEvent(doc["recipient_id"], "notification", {"id": str(doc["_id"])})
            for doc in shown
        ],
    )
    line = _describe(kind=kind, actor=actor, target=target)
    for doc in told:
        if choices.get(doc["recipient_id"], selectors.default_choice(kind))[1]:
            _queue_email(user_id=doc["recipient_id"], kind=kind, line=line)
    return len(told)


def _insert(docs: list[dict]) -> set[ObjectId]:
    """Insert what is new; a (recipient, kind, key) already stored is skipped, not an error."""
    if not docs:
        return set()
    try:
        Notification._get_collection().insert_many(docs, ordered=False)
    except BulkWriteError as error:
        errors = error.details.get("writeErrors", [])
        if any(e.get("code") != DUPLICATE_KEY for e in errors):
            raise
        failed = {e["index"] for e in errors}
        return {doc["_id"] for index, doc in enumerate(docs) if index not in failed}
    return {doc["_id"] for doc in docs}


def _describe(*, kind: str, actor: User | None, target: Target) -> str:
    """One line of an e-mail about one event."""
    who = f"@{actor.username}" if actor else "StreamSphere"
    title = f"“{target.title}”" if target.title else "it"
    return {
        "new_video": f"{who} published {title}",
        "new_tweet": f"{who} posted {title}",
        "comment": f"{who} commented on {title}",
        "reply": f"{who} replied to your comment on {title}",
        "mention": f"{who} mentioned you on {title}",
        "like_milestone": f"{title} reached a like milestone",
        "new_subscriber": f"{who} subscribed to your channel",
        "report_resolved": "A report you filed was acted on. Thank you.",
        "comment_held": f"{who} left a comment on {title} that waits for your approval",
        "video_ready": f"{title} finished processing and is ready",
        "video_failed": f"{title} could not be processed",
    }[kind]


def _chunks(values: Iterable, size: int) -> Iterator[list]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _announceable(*, target_type: str, target_id: ObjectId) -> tuple[User, Target] | None:
    """The channel and its new item (listed) or tweet, while both may still be announced."""
    if target_type == "video":
        video = Video.objects(id=target_id, is_listed=True).first()
        if video is None:
            return None
        channel_id, target = video.owner_id, video_target(video)
    else:
        tweet = Tweet.objects(id=target_id, author_active=True).first()
        if tweet is None:
            return None
        channel_id, target = tweet.author_id, tweet_target(tweet)
    actor = User.objects(id=channel_id, is_active=True).first()
    return None if actor is None else (actor, target)


def announce(*, kind: str, target_type: str, target_id: ObjectId) -> int:
    """Tell the subscribers of a channel (bell on) about its new item or tweet, in batches.

    Safe to run again after a crash or as a duplicate: each subscriber is told once. Checked
    again after each batch: an item closed, deleted or suspended meanwhile stops the fan-out,
    and the entries already written are settled, since that change may have missed them.
    """
    announceable = _announceable(target_type=target_type, target_id=target_id)
    if announceable is None:
        return 0
    actor, target = announceable
    subscribers = (
        Subscription._get_collection()
        .find(
            {"channel_id": actor.id, "subscriber_active": True, "notify": "all"},
            {"subscriber_id": 1, "_id": 0},
        )
        .batch_size(settings.NOTIFICATION_FANOUT_BATCH)
    )
    ids = (row["subscriber_id"] for row in subscribers)
    told = 0
    for batch in _chunks(ids, settings.NOTIFICATION_FANOUT_BATCH):
        told += deliver(
            kind=kind, recipient_ids=batch, actor=actor, target=target, key=str(target_id)
        )
        if _announceable(target_type=target_type, target_id=target_id) is None:
            visibility.settle(target_type=target_type, target_id=target_id)
            break
    return told


def _queue_email(*, user_id: ObjectId, kind: str, line: str) -> None:
    """Fold an event into the user's pending e-mail of this kind; mail now if none went lately."""
    digest = EmailDigest.objects(user_id=user_id, kind=kind).modify(
        upsert=True, new=True, push__pending=line, inc__seq=1
    )
    if len(digest.pending) != 1:
        return
    now = timezone.now()
    window = timedelta(seconds=settings.NOTIFICATION_EMAIL_WINDOW_SECONDS)
    due = now if digest.last_sent_at is None else max(now, digest.last_sent_at + window)
    EmailDigest.objects(id=digest.id).update_one(set__due_at=due)
    if due <= now:
        # By name: the task module imports this one.
        signature("notifications.tasks.send_email_digest", args=(str(user_id), kind)).delay()


def send_email_digest(*, user_id: ObjectId, kind: str) -> int:
    """Mail what is pending for one user and kind, unless a mail went within the window."""
    now = timezone.now()
    window = timedelta(seconds=settings.NOTIFICATION_EMAIL_WINDOW_SECONDS)
    for _ in range(10):
        digest = EmailDigest.objects(user_id=user_id, kind=kind).first()
        if digest is None or not digest.pending:
            return 0
        if digest.last_sent_at is not None and digest.last_sent_at + window > now:
            return 0
        taken = EmailDigest.objects(id=digest.id, seq=digest.seq).update_one(
            set__pending=[], set__due_at=None, set__last_sent_at=now
        )
        if taken:
            break
    else:
        return 0
    user = User.objects(id=user_id, is_active=True).first()
    if user is None:
        return 0
    try:
        _mail(user=user, kind=kind, lines=digest.pending)
    except Exception:
        EmailDigest.objects(id=digest.id).update_one(
            push_all__pending=digest.pending, inc__seq=1, set__due_at=now
        )
        raise
    return len(digest.pending)


def _mail(*, user: User, kind: str, lines: list[str]) -> None:
    subject = EMAIL_SUBJECTS[kind]
    if len(lines) > 1:
        subject = f"{subject} ({len(lines)})"
    body = "\n".join(f"- {line}" for line in lines)
    send_mail(
        subject=subject,
        message=f"Hello @{user.username},\n\n{body}\n\nChange what we e-mail you in your "
        "notification settings.",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def send_due_email_digests() -> int:
    """Mail every digest whose window has passed (run on a schedule); returns mails sent."""
    due = EmailDigest.objects(due_at__lte=timezone.now()).only("user_id", "kind")
    return sum(bool(send_email_digest(user_id=d.user_id, kind=d.kind)) for d in due)
