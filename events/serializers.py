"""The event stream's query, its ticket, and (for the schema) each event it sends."""

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from common.api.serializers import PatternField
from events.backlog import ENTRY_ID_PATTERN
from events.tickets import TICKET_PATTERN
from notifications.serializers import NotificationSerializer
from videos.documents import STATUSES

WATCH_MAX = 50
WATCH_PATTERN = rf"^[0-9a-fA-F]{{24}}(,[0-9a-fA-F]{{24}}){{0,{WATCH_MAX - 1}}}$"


class StreamQuerySerializer(serializers.Serializer):
    watch = PatternField(
        WATCH_PATTERN,
        max_length=25 * WATCH_MAX - 1,
        required=False,
        help_text=(
            f"Up to {WATCH_MAX} item ids, comma-separated: `counter` events carry their figures "
            "as they move (items the caller may not watch are left out, silently)."
        ),
    )
    last_event_id = PatternField(
        ENTRY_ID_PATTERN,
        max_length=35,
        required=False,
        help_text=(
            "Resume after this event, for a new EventSource (the browser sends the "
            "`Last-Event-ID` header itself when it reconnects one)."
        ),
    )
    ticket = PatternField(
        TICKET_PATTERN,
        max_length=43,
        required=False,
        help_text="A single-use ticket from POST /api/v1/events/ticket, instead of the cookie.",
    )

    def validate_watch(self, value: str) -> list[str]:
        return list(dict.fromkeys(value.lower().split(",")))


class TicketSerializer(serializers.Serializer):
    ticket = serializers.CharField(help_text="Pass as `?ticket=` to GET /api/v1/events, once.")
    expires_in = serializers.IntegerField(help_text="Seconds it stays good if unused.")


class UnreadCountDataSerializer(serializers.Serializer):
    unread = serializers.IntegerField(help_text="As GET /api/v1/notifications/unread-count.")


class VideoProgressDataSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="One of my items.")
    status = serializers.ChoiceField(choices=STATUSES)
    progress = serializers.FloatField(help_text="0 to 100.")


class CounterDataSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="A watched item.")
    views = serializers.IntegerField()
    likes = serializers.IntegerField()
    comments_count = serializers.IntegerField()


class ResyncDataSerializer(serializers.Serializer):
    reason = serializers.CharField(
        help_text="What a reconnect missed is no longer kept: reload the inbox."
    )


class ClosedDataSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=["replaced", "signed_out"],
        help_text=(
            "`replaced`: the user opened more streams than allowed and this was the oldest (do "
            "not reconnect); `signed_out`: the session ended."
        ),
    )


def _event(name: str, payload, description: str) -> type[serializers.Serializer]:
    """One event as the schema shows it: its `event` name, `id` and `data`."""
    fields = {
        "event": serializers.CharField(help_text=f"`{name}`"),
        "id": serializers.CharField(help_text="Where a reconnect resumes (Last-Event-ID)."),
        "data": payload,
        "__doc__": description,
    }
    return type(
        f"{name.title().replace('_', '')}EventSerializer", (serializers.Serializer,), fields
    )


StreamEventSerializer = PolymorphicProxySerializer(
    component_name="StreamEvent",
    resource_type_field_name="event",
    serializers={
        "notification": _event(
            "notification",
            NotificationSerializer(),
            "An inbox entry, as GET /api/v1/notifications shows it, the moment it is stored.",
        ),
        "unread_count": _event(
            "unread_count", UnreadCountDataSerializer(), "My unread figure changed."
        ),
        "video_progress": _event(
            "video_progress",
            VideoProgressDataSerializer(),
            "One of my items while it processes, and when it is ready or failed.",
        ),
        "counter": _event("counter", CounterDataSerializer(), "A watched item's figures moved."),
        "resync": _event("resync", ResyncDataSerializer(), "Events were missed: reload the inbox."),
        "closed": _event("closed", ClosedDataSerializer(), "The server closed the stream."),
    },
)
