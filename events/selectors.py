"""What the event streams read from the stores (sync: streams call these in worker threads).

Every event is rendered as its own endpoint renders it and by the same rules: an inbox entry
through the inbox's own query (blocks, suspended actors, items I can no longer see, age), item
figures only for items the viewer may watch.
"""

from bson import ObjectId
from django.utils import timezone

from accounts.documents import AuthSession, User
from notifications import selectors as inbox
from notifications import unread
from notifications.serializers import NotificationSerializer
from videos.documents import Video
from videos.listing import is_watchable
from videos.selectors import figures_context


def notifications_shown(*, user: User, ids: list[str], request) -> dict[str, dict]:
    """Those of these inbox entries my inbox shows now, by id, as GET /notifications renders
    them; four queries at most, however many."""
    wanted = [ObjectId(entry_id) for entry_id in ids if ObjectId.is_valid(entry_id)]
    if not wanted:
        return {}
    shown = list(inbox.shown_entries(user=user).filter(id__in=wanted))
    context = {**inbox.inbox_page(notifications=shown), "request": request}
    rendered = NotificationSerializer(shown, many=True, context=context).data
    return {entry["id"]: entry for entry in rendered}


def unread_figure(*, user: User) -> int:
    """My unread figure, as GET /notifications/unread-count answers it."""
    return unread.unread_count(user=user).count


def watchable_items(*, viewer: User, ids: list[str]) -> list[str]:
    """Those of these items the viewer may watch (their own, or open and of an active owner),
    in the order given; one query."""
    wanted = [ObjectId(item_id) for item_id in ids]
    found = Video.objects(id__in=wanted).only(
        "owner_id", "owner_active", "published", "status", "visibility"
    )
    seen = {str(video.id) for video in found if _may_watch(video, viewer_id=viewer.id)}
    return [item_id for item_id in ids if item_id in seen]


def _may_watch(video: Video, *, viewer_id: ObjectId) -> bool:
    return video.owner_id == viewer_id or is_watchable(video)


def item_figures(*, ids: list[str]) -> dict[str, tuple[dict, ObjectId, bool]]:
    """Per item found: its figures as its page shows them (views, likes, comments_count), its
    owner, and whether others may watch it. One query and one Redis round-trip."""
    videos = list(Video.objects(id__in=[ObjectId(item_id) for item_id in ids]))
    if not videos:
        return {}
    context = figures_context(videos=videos, viewer=None)
    return {
        str(video.id): (
            {
                "id": str(video.id),
                "views": context["views"][video.id],
                "likes": context["likes"][video.id],
                "comments_count": context["comments"][video.id],
            },
            video.owner_id,
            is_watchable(video),
        )
        for video in videos
    }


def live_sessions(*, session_ids: list[str]) -> set[str]:
    """Those of these sessions still live (not revoked, not expired) with an active user;
    two queries."""
    wanted = [ObjectId(session_id) for session_id in session_ids if ObjectId.is_valid(session_id)]
    if not wanted:
        return set()
    sessions = list(
        AuthSession.objects(id__in=wanted, revoked_at=None, expires_at__gt=timezone.now()).only(
            "id", "user_id"
        )
    )
    active = set(
        User.objects(id__in=list({session.user_id for session in sessions}), is_active=True).scalar(
            "id"
        )
    )
    return {str(session.id) for session in sessions if session.user_id in active}
