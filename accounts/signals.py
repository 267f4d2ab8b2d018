"""Signals accounts sends, so higher apps react to account changes without being imported."""

from django.dispatch import Signal

# Sent after an account is suspended (active=False) or reinstated (active=True); args: user, active.
account_status_changed = Signal()
