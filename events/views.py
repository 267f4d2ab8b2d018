"""The event stream and its tickets."""

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import TokenAuthentication
from common.api.openapi import error_responses
from common.errors import Unavailable
from events import selectors, tickets
from events.authentication import TicketAuthentication
from events.serializers import StreamEventSerializer, StreamQuerySerializer, TicketSerializer
from events.stream import Stream
from events.throttles import EventTicketThrottle

STREAM_DESCRIPTION = """\
A `text/event-stream` of what concerns me, for `EventSource`: each event has an `id`, a name
(`event:`) and JSON `data` (one of the shapes below, by name). Sign in with the auth cookie
(`new EventSource(url, {withCredentials: true})`) or a `?ticket=` from POST /api/v1/events/ticket.

First come what a reconnect missed (after `Last-Event-ID` or `?last_event_id=`; `resync` when
that is no longer kept: reload the inbox), my `unread_count`, and the `counter` of each watched
item; then each event as it happens. A comment line comes every 15 s while nothing happens;
`retry:` says when to reconnect. A user holds a few streams at most: opening one more closes the
oldest (`closed`, reason `replaced`); ending the session closes its streams (`signed_out`).
"""


class EventStreamNegotiation(BaseContentNegotiation):
    """The stream is text/event-stream whatever Accept says (EventSource asks for exactly that);
    its errors are JSON in the one error shape, like every error."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class EventStreamView(APIView):
    """My event stream."""

    authentication_classes = [TicketAuthentication, TokenAuthentication]
    permission_classes = [IsAuthenticated]
    content_negotiation_class = EventStreamNegotiation

    @extend_schema(
        parameters=[
            StreamQuerySerializer,
            OpenApiParameter(
                "Last-Event-ID",
                str,
                OpenApiParameter.HEADER,
                description="The last event id received: resume after it (browsers send it).",
            ),
        ],
        responses={
            (200, "text/event-stream"): OpenApiResponse(
                StreamEventSerializer, description="One event after another, as they happen."
            ),
            **error_responses(503),
        },
        summary="My server-sent events: notifications, unread figure, progress, figures",
        description=STREAM_DESCRIPTION,
        tags=["events"],
    )
    def get(self, request):
        if not isinstance(request._request, ASGIRequest):
            # A WSGI server would hold a thread per stream, and Django would buffer it forever.
            raise Unavailable("Event streams are served under ASGI only (the events service).")
        query = StreamQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        watch = query.validated_data.get("watch", [])
        stream = Stream(
            user=request.user,
            session_id=str(request.auth["sid"]),
            request=request,
            watch=selectors.watchable_items(viewer=request.user, ids=watch) if watch else [],
            since=query.validated_data.get("last_event_id") or request.headers.get("Last-Event-ID"),
        )
        response = StreamingHttpResponse(
            stream.body(), content_type="text/event-stream; charset=utf-8"
        )
        response["Cache-Control"] = "no-cache"
        # Proxies (nginx) pass each event on at once instead of buffering the stream.
        response["X-Accel-Buffering"] = "no"
        return response


class EventTicketView(APIView):
    """Tickets to open my stream where no header can be sent."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [EventTicketThrottle]

    @extend_schema(
        request=None,
        responses={201: TicketSerializer},
        summary="A single-use ticket to open my event stream with ?ticket=",
        description=(
            "For Bearer clients, whose EventSource cannot send the Authorization header: the "
            f"ticket opens one stream, within {settings.EVENTS_TICKET_SECONDS} s, for as long "
            "as this session lives. A long-lived token never goes in a URL."
        ),
        tags=["events"],
    )
    def post(self, request):
        ticket = tickets.mint(user_id=request.user.id, session_id=request.auth["sid"])
        body = {"ticket": ticket, "expires_in": settings.EVENTS_TICKET_SECONDS}
        return Response(TicketSerializer(body).data, status=status.HTTP_201_CREATED)
