"""Signals accounts sends, so higher apps react to account changes without being imported."""

from django.dispatch import Signal

# Sent after an account is suspended (active=False) or reinstated (active=True); args: user, active.
account_status_changed = Signal()

# Sent after a new block (not after a repeated one); args: blocker, blocked. The blocked user is
# never told: receivers only undo what the block forbids (e.g. a subscription to the blocker).
user_blocked = Signal()

# Sent after a block is lifted (not when there was none); args: blocker, blocked.
user_unblocked = Signal()

# Sent while a deleted account is purged, once its grace period has passed; args: user (still
# stored, inactive). Each receiver removes everything its app holds of the user or of what they
# own, in idempotent batches (common.removal), counters of others corrected: a purge killed
# half-way is sent again and must finish the job exactly. The account itself goes after every
# receiver returned.
account_purging = Signal()

# Sent while a user's data export is written; args: user. Each receiver returns a list of
# common.exports.ExportPart: the records (JSON) and stored files its app holds of the user.
collecting_account_data = Signal()
