"""OpenAPI description of the stream's ticket, beside the bearer token and the cookie."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TicketAuthenticationScheme(OpenApiAuthenticationExtension):
    """`?ticket=` from POST /api/v1/events/ticket: once, within seconds."""

    target_class = "events.authentication.TicketAuthentication"
    name = "ticketAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "query",
            "name": "ticket",
            "description": (
                "A single-use ticket from POST /api/v1/events/ticket, for EventSource clients "
                "that sign in with a bearer token (EventSource sends no headers)."
            ),
        }
