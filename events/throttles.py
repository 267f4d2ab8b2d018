"""Rate limit on minting stream tickets."""

from common.api.throttling import ScopedThrottle


class EventTicketThrottle(ScopedThrottle):
    """Tickets per signed-in user."""

    scope = "events_ticket"

    def identity(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        return str(user.id) if user is not None and user.is_authenticated else None
