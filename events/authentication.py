"""`?ticket=` on the event stream: a single-use ticket a Bearer client minted for it."""

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from accounts.selectors import active_user_for_session
from events import tickets


class TicketAuthentication(BaseAuthentication):
    """Redeems the ticket (so it works once) for the session that minted it, while that lives."""

    def authenticate(self, request):
        ticket = request.query_params.get("ticket")
        if ticket is None:
            return None
        holder = tickets.redeem(ticket=ticket)
        user = active_user_for_session(user_id=holder[0], session_id=holder[1]) if holder else None
        if user is None:
            raise exceptions.AuthenticationFailed(
                "This ticket is unknown, used or expired; ask for a new one.",
                code="ticket_invalid",
            )
        return user, {"sid": holder[1]}

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
