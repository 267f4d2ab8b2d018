"""What an account's purge removes from moderation: the reports it filed. Reports about it or
its content stay for moderators, with the snapshot of what was reported."""

from accounts.documents import User
from common.removal import delete_in_batches
from moderation.documents import Report


def purge_account(*, user: User, **kwargs) -> None:
    """Remove the reports the user filed; safe to run again after a crash."""
    delete_in_batches(collection=Report._get_collection(), where={"reporter_id": user.id})
