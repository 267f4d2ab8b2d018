"""Deleting my account: it disappears at once, as a suspension hides one (sessions end, every
listing and route loses it), stays cancellable through ACCOUNT_DELETION_GRACE_DAYS, and is then
purged for good (accounts.purge)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils import timezone

from accounts import selectors
from accounts.documents import User
from accounts.services import revoke_user_sessions
from accounts.signals import account_status_changed
from common import cache
from common.errors import NotAllowed, RuleViolation


def request_deletion(*, user: User, password: str) -> User:
    """Start deleting the account once its password is confirmed. Asking again while it waits
    changes nothing."""
    if not check_password(password, user.password):
        raise RuleViolation.on_field("password", "The password is wrong.")
    if user.deletion_due_at is not None:
        return user
    due = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)
    started = User.objects(id=user.id, is_active=True, deletion_due_at=None).update_one(
        set__is_active=False, set__deletion_due_at=due
    )
    user.reload()
    if not started and user.deletion_due_at is None:
        raise NotAllowed("This account is suspended.", code="account_suspended")
    if started:
        revoke_user_sessions(user=user, reason="account_deleted")
        cache.bump(("user", user.id))
        account_status_changed.send(sender=User, user=user, active=False)
    return user


def cancel_deletion(*, user: User) -> User:
    """Keep the account after all, while the grace period lasts; without a deletion waiting,
    nothing changes."""
    if not selectors.deletion_cancellable(user=user):
        return user
    cancelled = User.objects(id=user.id, deletion_due_at__gt=timezone.now()).update_one(
        set__is_active=True, unset__deletion_due_at=True
    )
    user.reload()
    if cancelled:
        cache.bump(("user", user.id))
        account_status_changed.send(sender=User, user=user, active=True)
    return user
