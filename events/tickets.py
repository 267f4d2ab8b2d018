"""Single-use tickets for `?ticket=`: EventSource cannot send an Authorization header, and a
long-lived token never goes in a URL (logs and histories keep URLs)."""

import hashlib
import re
import secrets

from django.conf import settings

from common.redis import get_redis

TICKET_PATTERN = r"^[A-Za-z0-9_-]{43}$"
_TICKET = re.compile(TICKET_PATTERN)


def _key(ticket: str) -> str:
    """Redis keeps a digest, never a ticket anyone could use."""
    return f"events:ticket:{hashlib.sha256(ticket.encode()).hexdigest()}"


def mint(*, user_id, session_id) -> str:
    """A ticket naming the caller's session, good once within EVENTS_TICKET_SECONDS."""
    ticket = secrets.token_urlsafe(32)
    get_redis().set(_key(ticket), f"{user_id}:{session_id}", ex=settings.EVENTS_TICKET_SECONDS)
    return ticket


def redeem(*, ticket: str) -> tuple[str, str] | None:
    """(user id, session id) of a live ticket, which this use ends; None if there is none."""
    if not _TICKET.match(ticket):
        return None
    holder = get_redis().getdel(_key(ticket))
    if holder is None:
        return None
    user_id, _, session_id = holder.partition(":")
    return user_id, session_id
