"""Notification reads: settings with their defaults, the inbox, and what a page needs."""

from bson import ObjectId

from accounts.documents import User
from accounts.selectors import users_by_ids
from engagement.documents import Tweet
from notifications.documents import KINDS, Notification, NotificationSettings
from videos.documents import Video
from videos.listing import is_watchable

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


def inbox(*, user: User, unread: bool = False):
    """My inbox, newest first once paginated; only unread ones when asked."""
    query = Notification.objects(recipient_id=user.id, web=True)
    return query.filter(read=False) if unread else query


def inbox_page(*, notifications: list[Notification], viewer: User) -> tuple[list, dict]:
    """The page's entries the viewer may still see, with their actors and targets' titles (the
    current one, by entry id, except for STORED_TITLE_KINDS).

    Entries whose actor is suspended or whose item or tweet the viewer can no longer see are
    left out, except a report's resolution: removing the reported thing is its usual outcome.
    Costs three queries whatever the page length.
    """
    actors = users_by_ids(ids=[n.actor_id for n in notifications if n.actor_id])
    video_ids = [n.target_id for n in notifications if n.target_type == "video"]
    tweet_ids = [n.target_id for n in notifications if n.target_type == "tweet"]
    videos = {v.id: v for v in Video.objects(id__in=video_ids)} if video_ids else {}
    tweets = {t.id: t for t in Tweet.objects(id__in=tweet_ids)} if tweet_ids else {}

    def visible(notification: Notification) -> bool:
        if notification.kind == "report_resolved":
            return True
        actor = actors.get(notification.actor_id)
        if notification.actor_id and (actor is None or not actor.is_active):
            return False
        if notification.target_type == "video":
            video = videos.get(notification.target_id)
            return video is not None and (video.owner_id == viewer.id or is_watchable(video))
        if notification.target_type == "tweet":
            tweet = tweets.get(notification.target_id)
            return tweet is not None and tweet.author_active
        return True

    live = {
        **{i: v.title for i, v in videos.items()},
        **{i: t.content[:100] for i, t in tweets.items()},
    }
    shown = [n for n in notifications if visible(n)]
    titles = {
        n.id: live[n.target_id]
        for n in shown
        if n.kind not in STORED_TITLE_KINDS and n.target_id in live
    }
    return shown, {"actors": actors, "titles": titles}
