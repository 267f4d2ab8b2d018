"""What the console reads across apps: counts for the home page and its filtered lists."""

from bson import ObjectId
from mongoengine import Q

from accounts.documents import User
from common.errors import NotFound
from common.ids import object_id
from common.search import query_tokens
from engagement.documents import MODERATION_ROLES, Comment, ModerationDecision
from moderation.documents import Report
from videos.documents import STATUSES, Video

USER_STATES = ("active", "suspended")
# An item waiting for a worker counts as processing too.
PROCESSING = ("uploaded", "processing")
# The rules that hold a comment: each held_reason starts with "<rule>:" (engagement.screening).
HOLD_RULES = ("sentiment", "blocklist", "links", "approval")
# What the log records: creators' decisions, then staff's own (moderation.console.actions).
LOG_ACTIONS = (
    "approve",
    "reject",
    "remove",
    "pin",
    "unpin",
    "suspend",
    "reinstate",
    "unpublish",
    "take_down",
    "reprocess",
    "resolve_dismiss",
    "resolve_remove",
    "resolve_suspend",
)


def home_counts() -> dict[str, int]:
    """The figures a moderator starts from; one count per figure."""
    return {
        "processing": Video.objects(status__in=PROCESSING).count(),
        "failed": Video.objects(status="failed").count(),
        "suspended": User.objects(is_active=False, deletion_due_at=None).count(),
        "reports": len(Report.objects(status="open").distinct("target_id")),
        "held": held_comments().count(),
    }


def held_comments(*, q: str = "", rule: str = ""):
    """Held comments on every item, of authors not suspended; by hold rule and words in the text
    (a case-insensitive match, scanning only what the status index leaves)."""
    query = Comment.objects(status="held", author_active=True)
    if rule in HOLD_RULES:
        query = query.filter(held_reason__startswith=f"{rule}:")
    q = q.strip()
    if q:
        query = query.filter(content__icontains=q)
    return query


def comments_by_ids(*, ids: list[str]) -> list[Comment]:
    """The comments a bulk action names, in one query; malformed ids are skipped."""
    wanted = [ObjectId(raw) for raw in ids if ObjectId.is_valid(raw)]
    return list(Comment.objects(id__in=wanted)) if wanted else []


def decisions(*, action: str = "", role: str = "", actor: str = ""):
    """The moderation log: creators' and staff's decisions, filtered by action, role or actor."""
    query = ModerationDecision.objects
    if action in LOG_ACTIONS:
        query = query.filter(action=action)
    if role in MODERATION_ROLES:
        query = query.filter(actor_role=role)
    if actor.strip():
        query = query.filter(actor_name=actor.strip())
    return query


def console_users(*, q: str = "", state: str = ""):
    """Accounts whose username or e-mail starts with `q`, optionally only active or suspended."""
    query = User.objects
    q = q.strip().lower()
    if q:
        query = query.filter(Q(username_lower__startswith=q) | Q(email__startswith=q))
    if state == "active":
        query = query.filter(is_active=True)
    elif state in USER_STATES:
        # An account being deleted is inactive too, but not suspended.
        query = query.filter(is_active=False, deletion_due_at=None)
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
