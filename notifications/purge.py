"""What an account's purge removes from notifications: what it was told, its settings and
waiting e-mails, and what others were told of it or of its items and tweets (their unread
figures recounted, the lines about it taken out of their waiting e-mails). A reporter's notice
that a report on one of its items was acted on stays, as the report does."""

import re

from accounts.documents import User
from common.removal import Rows, delete_in_batches, remove_records
from notifications import unread
from notifications.documents import EmailDigest, Notification, NotificationSettings


def _recounted(rows: Rows) -> None:
    """The recipients of entries that went see their unread figure recounted."""
    unread.changed(user_ids={row["recipient_id"] for row in rows})


def purge_account(*, user: User, **kwargs) -> None:
    """Remove what notifications hold of the user; safe to run again after a crash."""
    lines_about_user = {"$regex": f"^@{re.escape(user.username)} "}

    def unmention(rows: Rows) -> None:
        recipients = list({row["recipient_id"] for row in rows})
        EmailDigest._get_collection().update_many(
            {"user_id": {"$in": recipients}}, {"$pull": {"pending": lines_about_user}}
        )

    told_of_user = (
        ("actor", {"actor_id": user.id}, unmention),
        ("items", {"target_owner_id": user.id}, None),
        ("account", {"target_id": user.id}, None),
    )
    for name, where, before in told_of_user:
        remove_records(
            name=f"notifications.{name}:{user.id}",
            collection=Notification._get_collection(),
            where={**where, "recipient_id": {"$ne": user.id}},
            fields=("recipient_id",),
            before=before,
            after=_recounted,
        )
    for document, field in (
        (Notification, "recipient_id"),
        (NotificationSettings, "user_id"),
        (EmailDigest, "user_id"),
    ):
        delete_in_batches(collection=document._get_collection(), where={field: user.id})
