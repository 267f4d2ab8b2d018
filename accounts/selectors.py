"""Account reads."""

from datetime import datetime

from bson import ObjectId
from django.utils import timezone

from accounts.addresses import NotAnAddress, canonical_email
from accounts.documents import AuthSession, Block, User
from common.errors import NotFound
from common.search import pop_rank, ranked


def user_by_login(*, login: str) -> User | None:
    """Find a user by username or by any spelling of their e-mail, case-insensitively."""
    login = login.strip()
    if "@" in login:
        try:
            return User.objects(email=canonical_email(login)).first()
        except NotAnAddress:
            return None
    return User.objects(username_lower=login.lower()).first()


def _session_user(*, user_id: str, session_id: str) -> User | None:
    """The user behind a live session, whatever their state, or None when either is gone or
    revoked."""
    if not (ObjectId.is_valid(user_id) and ObjectId.is_valid(session_id)):
        return None
    live = (
        AuthSession.objects(id=ObjectId(session_id), user_id=ObjectId(user_id), revoked_at=None)
        .only("id")
        .first()
    )
    return None if live is None else User.objects(id=ObjectId(user_id)).first()


def active_user_for_session(*, user_id: str, session_id: str) -> User | None:
    """The active user behind a live session, or None when either is gone or revoked."""
    user = _session_user(user_id=user_id, session_id=session_id)
    return user if user is not None and user.is_active else None


def deletion_cancellable(*, user: User, now: datetime | None = None) -> bool:
    """Whether the user's deletion waits out its grace period, so they may still cancel it."""
    due = user.deletion_due_at
    return due is not None and due > (now or timezone.now())


def own_account_for_session(*, user_id: str, session_id: str) -> User | None:
    """The user behind a live session who may still act on their own account: an active one, or
    one whose deletion may still be cancelled."""
    user = _session_user(user_id=user_id, session_id=session_id)
    if user is None or not (user.is_active or deletion_cancellable(user=user)):
        return None
    return user


def users_by_ids(*, ids) -> dict[ObjectId, User]:
    """Batch-load users for embedding, in one query."""
    unique = {ObjectId(i) for i in ids if i}
    if not unique:
        return {}
    return {user.id: user for user in User.objects(id__in=list(unique))}


def user_by_username(*, username: str) -> User | None:
    """An account by its username, case-insensitively; suspended ones included."""
    return User.objects(username_lower=username.strip().lower()).first()


def active_user_by_username(*, username: str) -> User:
    """An active account by its username; unknown and suspended ones are a 404."""
    user = user_by_username(username=username)
    if user is None or not user.is_active:
        raise NotFound("No such user.")
    return user


def username_taken(*, username: str) -> bool:
    return User.objects(username_lower=username.lower()).only("id").first() is not None


def email_taken(*, email: str) -> bool:
    """Whether an account has this address, given in its canonical form (accounts.addresses)."""
    return User.objects(email=email).only("id").first() is not None


def blocked_ids(*, user) -> set[ObjectId]:
    """Ids of the users this user blocked (none for anonymous callers), in one query."""
    if user is None:
        return set()
    return set(Block.objects(blocker_id=user.id).scalar("blocked_id"))


def has_blocked(*, blocker_id: ObjectId, blocked_id: ObjectId) -> bool:
    """Whether one user blocked another, on the unique pair index."""
    found = Block.objects(blocker_id=blocker_id, blocked_id=blocked_id).only("id").first()
    return found is not None


def blocks_of(*, user: User):
    """The blocks a user made, newest first once paginated."""
    return Block.objects(blocker_id=user.id)


def search_users(*, tokens: list[str], offset: int, limit: int) -> list[tuple[tuple, User]]:
    """Active users whose username or full name matches every token, best first (whole
    words, then subscribers, then newest); one query."""
    subscribers = {
        "$subtract": [
            {"$ifNull": ["$subscribers_gained", 0]},
            {"$ifNull": ["$subscribers_lost", 0]},
        ]
    }
    docs = ranked(
        collection=User._get_collection(),
        where={"is_active": True},
        tokens=tokens,
        popularity=subscribers,
        recency="created_at",
        offset=offset,
        limit=limit,
    )
    return [(pop_rank(doc, "created_at"), User._from_son(doc)) for doc in docs]


def suspended_user_ids() -> list:
    """Ids of suspended accounts (few), whose content is hidden from everyone else."""
    return list(User.objects(is_active=False).scalar("id"))
