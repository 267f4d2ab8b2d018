"""Notification reads: settings with their defaults, the inbox, and what a page needs."""

from datetime import timedelta

from bson import ObjectId
from django.utils import timezone

from accounts.documents import User
from accounts.selectors import blocked_ids, users_by_ids
from engagement.documents import Tweet
from notifications.documents import (
    INBOX_DAYS,
    KINDS,
    SHOWN_FLAGS,
    Notification,
    NotificationSettings,
)
from videos.documents import Video

# Everything shows in the inbox; only what needs acting on is e-mailed unless asked for.
DEFAULT_WEB = frozenset(KINDS)
DEFAULT_EMAIL = frozenset({"video_failed", "report_resolved"})
# Kinds that name their target as it was when they were made, never as it is now: a report's
# resolution names what the reporter reported, though it may be renamed or private since.
STORED_TITLE_KINDS = frozenset({"report_resolved"})


def default_choice(kind: str) -> tuple[bool, bool]:
    """(web, email) for a user who never changed their settings."""
    return kind in DEFAULT_WEB, kind in DEFAULT_EMAIL


def channel_choices(*, user_ids: list[ObjectId], kind: str) -> dict[ObjectId, tuple[bool, bool]]:
    """(web, email) for one kind of the users among these who changed settings, in one query."""
    stored = NotificationSettings.objects(user_id__in=user_ids).only("user_id", "web", "email")
    return {doc.user_id: (kind in doc.web, kind in doc.email) for doc in stored}


def settings_of(*, user: User) -> dict[str, dict[str, bool]]:
    """Per kind, whether it shows in the inbox and whether it is e-mailed."""
    stored = NotificationSettings.objects(user_id=user.id).first()
    web = set(stored.web) if stored else DEFAULT_WEB
    email = set(stored.email) if stored else DEFAULT_EMAIL
    return {kind: {"web": kind in web, "email": kind in email} for kind in KINDS}


def shown_entries(*, user: User, unread: bool = False):
    """The entries my inbox shows, newest first once paginated; only unread ones when asked.

    Left out by the query itself, so a page is full while more entries exist: entries hidden by
    their flags (see notifications.visibility), older than the TTL index keeps them (a server
    deletes expired entries only once a minute), and from actors I block (read here, in one
    query: a block hides what came before it too, and lifting it shows that again).
    """
    since = timezone.now() - timedelta(days=INBOX_DAYS)
    query = Notification.objects(
        recipient_id=user.id,
        web=True,
        created_at__gte=since,
        **dict.fromkeys(SHOWN_FLAGS, True),
    )
    hidden = blocked_ids(user=user)
    if hidden:
        query = query.filter(actor_id__nin=list(hidden))
    return query.filter(read=False) if unread else query


def inbox_page(*, notifications: list[Notification]) -> dict:
    """What a page of shown entries needs: actors, and targets' titles as they are now (by entry
    id; STORED_TITLE_KINDS keep the one they were made with). Three queries at most."""
    actors = users_by_ids(ids=[n.actor_id for n in notifications if n.actor_id])
    current = [n for n in notifications if n.kind not in STORED_TITLE_KINDS]
    video_ids = [n.target_id for n in current if n.target_type == "video"]
    tweet_ids = [n.target_id for n in current if n.target_type == "tweet"]
    videos = Video.objects(id__in=video_ids).only("title") if video_ids else []
    tweets = Tweet.objects(id__in=tweet_ids).only("content") if tweet_ids else []
    live = {
        **{video.id: video.title for video in videos},
        **{tweet.id: tweet.content[:100] for tweet in tweets},
    }
    titles = {n.id: live[n.target_id] for n in current if n.target_id in live}
    return {"actors": actors, "titles": titles}
