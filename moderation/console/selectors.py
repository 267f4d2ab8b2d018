"""What the console reads across apps: counts for the home page and its filtered lists."""

from mongoengine import Q

from accounts.documents import User
from common.errors import NotFound
from common.ids import object_id
from common.search import query_tokens
from moderation.documents import Report
from videos.documents import STATUSES, Video

USER_STATES = ("active", "suspended")
# An item waiting for a worker counts as processing too.
PROCESSING = ("uploaded", "processing")


def home_counts() -> dict[str, int]:
    """The figures a moderator starts from; one count per figure."""
    return {
        "processing": Video.objects(status__in=PROCESSING).count(),
        "failed": Video.objects(status="failed").count(),
        "suspended": User.objects(is_active=False).count(),
        "reports": len(Report.objects(status="open").distinct("target_id")),
    }


def console_users(*, q: str = "", state: str = ""):
    """Accounts whose username or e-mail starts with `q`, optionally only active or suspended."""
    query = User.objects
    q = q.strip().lower()
    if q:
        query = query.filter(Q(username_lower__startswith=q) | Q(email__startswith=q))
    if state in USER_STATES:
        query = query.filter(is_active=state == "active")
    return query


def console_user(*, user_id: str) -> User:
    """One account, suspended or not."""
    user = User.objects(id=object_id(user_id)).first()
    if user is None:
        raise NotFound()
    return user


def console_items(*, q: str = "", status: str = ""):
    """Every item whatever its visibility, optionally by status and title, description or tags."""
    query = Video.objects
    if status == "processing":
        query = query.filter(status__in=PROCESSING)
    elif status in STATUSES:
        query = query.filter(status=status)
    tokens = query_tokens(q)
    if tokens:
        query = query.filter(search_tokens__all=tokens)
    return query


def console_item(*, item_id: str) -> Video:
    """One item, whatever its state."""
    video = Video.objects(id=object_id(item_id)).first()
    if video is None:
        raise NotFound()
    return video
