"""Purging an account whose deletion's grace period has passed: every app removes what it holds
of it (accounts.signals.account_purging), then accounts removes the account itself, last, so its
username and e-mail are free again only once nothing else of it is left. A purge killed half-way
is simply run again: every step is idempotent and finishes what a killed run began."""

import uuid

from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from accounts.documents import AuthSession, Block, DataExport, User
from accounts.signals import account_purging
from common.api import throttling
from common.keyspace import delete_keys_naming
from common.redis import get_redis
from common.removal import delete_in_batches
from common.storage import MEDIA, PUBLIC, delete_stored

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


def due_account_ids(*, limit: int) -> list[ObjectId]:
    """Accounts whose deletion's grace period has passed, oldest due first."""
    due = User.objects(deletion_due_at__lte=timezone.now()).order_by("deletion_due_at")
    return list(due.limit(limit).scalar("id"))


def lock_key(user_id: ObjectId) -> str:
    """Held by the one run purging an account; it lapses on its own if that run was killed."""
    return f"account-purge:{user_id}"


def purge_account(*, user_id: ObjectId) -> bool:
    """Remove an account whose deletion is due, and everything of it; False when there is none
    to purge (gone already, cancelled, not due yet) or another run is purging it."""
    user = User.objects(id=user_id).first()
    if user is None or user.deletion_due_at is None or user.deletion_due_at > timezone.now():
        return False
    redis, token = get_redis(), uuid.uuid4().hex
    key = lock_key(user.id)
    if not redis.set(key, token, nx=True, ex=settings.ACCOUNT_PURGE_LOCK_SECONDS):
        return False
    try:
        account_purging.send(sender=User, user=user)
        _remove_account(user=user, keep=key)
    finally:
        redis.eval(_RELEASE, 1, key, token)
    return True


def _remove_account(*, user: User, keep: str) -> None:
    """What accounts holds of the user, the account itself last."""
    for export in DataExport.objects(user_id=user.id):
        delete_stored(names=[export.file], store=MEDIA)
        export.delete()
    delete_in_batches(collection=AuthSession._get_collection(), where={"user_id": user.id})
    for side in ("blocker_id", "blocked_id"):
        delete_in_batches(collection=Block._get_collection(), where={side: user.id})
    delete_stored(names=[user.avatar, user.cover_image], store=PUBLIC)
    throttling.forget(scope="login_account", ident=f"user:{user.id}")
    for scope in ("otp_verify", "otp_resend"):
        throttling.forget(scope=scope, ident=user.email)
    delete_keys_naming(ids=[user.id], keep=[keep])
    User._get_collection().delete_one({"_id": user.id})
