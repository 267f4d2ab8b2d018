"""GET /api/v1/events: what a stream sends first, each inbox entry the moment it is stored (as
GET /notifications renders it, fan-out included), the unread figure, heartbeats, and resuming
after Last-Event-ID without losing or repeating anything."""

import threading

import pytest

from channels_app.tests.helpers import subscribe
from engagement.tests.helpers import comments_url
from events.tests.conftest import first_events
from notifications.tests.helpers import INBOX, follow
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def notifications(events) -> list:
    return [event for event in events if event.type == "notification"]


def test_a_stream_starts_with_retry_and_the_unread_figure(auth_client, open_stream, settings):
    me = auth_client()
    stream = open_stream(token=me.tokens.access)
    assert stream.status == 200
    assert stream.headers["Content-Type"] == "text/event-stream; charset=utf-8"
    assert "no-cache" in stream.headers["Cache-Control"]
    assert stream.headers["X-Accel-Buffering"] == "no"
    (first,) = first_events(stream)
    assert (first.type, first.data) == ("unread_count", {"unread": 0})
    assert stream.retry == settings.EVENTS_RETRY_MS
    assert first.id


def test_a_new_entry_arrives_as_the_inbox_renders_it_then_the_unread_figure(
    auth_client, open_stream
):
    owner, fan = auth_client(), auth_client()
    stream = open_stream(token=owner.tokens.access)
    first_events(stream)
    assert subscribe(fan, owner.user).status_code == 201
    comment = fan.post(
        comments_url(ready_video(owner.user)), {"content": "Lovely"}, format="json"
    ).json()
    events = stream.until(lambda event: event.data == {"unread": 2})
    inbox = owner.get(INBOX).json()["results"]
    assert [event.data for event in notifications(events)] == inbox[::-1]
    assert [entry["kind"] for entry in inbox] == ["comment", "new_subscriber"]
    assert inbox[0]["comment_id"] == comment["id"]
    ids = [event.id for event in events]
    assert ids == sorted(ids, key=lambda i: tuple(map(int, i.split("-"))))


def test_a_channel_announcement_reaches_every_subscriber_stream(auth_client, open_stream):
    channel = auth_client()
    fans = [auth_client() for _ in range(3)]
    streams = []
    for fan in fans:
        follow(fan.user, channel.user)
        streams.append(open_stream(token=fan.tokens.access))
        first_events(streams[-1])
    item = ready_video(channel.user, title="Out now")
    for stream in streams:
        (told,) = notifications(stream.until(lambda event: event.type == "unread_count"))
        assert told.data["kind"] == "new_video"
        assert told.data["target"] == {"type": "video", "id": str(item.id), "title": "Out now"}


def test_reading_the_inbox_elsewhere_moves_the_unread_figure(auth_client, open_stream):
    owner, fan = auth_client(), auth_client()
    subscribe(fan, owner.user)
    stream = open_stream(token=owner.tokens.access)
    assert first_events(stream)[-1].data == {"unread": 1}
    assert owner.post(f"{INBOX}/read-all").status_code == 200
    (event,) = stream.until(lambda event: event.type == "unread_count")
    assert event.data == {"unread": 0}


def test_a_reconnect_gets_exactly_what_it_missed_in_order(auth_client, open_stream):
    owner = auth_client()
    fans = [auth_client() for _ in range(3)]
    stream = open_stream(token=owner.tokens.access)
    first_events(stream)
    subscribe(fans[0], owner.user)
    seen = notifications(stream.until(lambda event: event.type == "unread_count"))
    stream.close()
    for fan in fans[1:]:
        subscribe(fan, owner.user)
    again = open_stream(token=owner.tokens.access, headers={"Last-Event-ID": seen[-1].id})
    events = first_events(again)
    missed = notifications(events)
    assert [event.data["actor"]["username"] for event in missed] == [
        fan.user.username for fan in fans[1:]
    ]
    assert events[-1].data == {"unread": 3}
    assert all(event.id > seen[-1].id for event in events)
    # A new EventSource cannot set the header: the query parameter does the same.
    third = open_stream(token=owner.tokens.access, query=f"?last_event_id={seen[-1].id}")
    assert [event.data for event in notifications(first_events(third))] == [
        event.data for event in missed
    ]


def test_a_reconnect_past_the_backlog_is_told_to_reload(auth_client, open_stream, settings):
    settings.EVENTS_BACKLOG_LENGTH = 3
    owner = auth_client()
    stream = open_stream(token=owner.tokens.access)
    position = first_events(stream)[-1].id
    stream.close()
    for _ in range(12):
        subscribe(auth_client(), owner.user)
    again = open_stream(token=owner.tokens.access, headers={"Last-Event-ID": position})
    events = first_events(again)
    assert [event.type for event in events] == ["resync", "unread_count"]
    assert events[-1].data == {"unread": 12}
    assert events[0].id == events[1].id


@pytest.mark.parametrize("since", ["1-0", "not-an-id", "99999999999999-0"])
def test_a_reconnect_naming_no_kept_event_is_told_to_reload(auth_client, open_stream, since):
    owner = auth_client()
    stream = open_stream(token=owner.tokens.access, headers={"Last-Event-ID": since})
    assert [event.type for event in first_events(stream)] == ["resync", "unread_count"]


def test_an_idle_stream_gets_a_heartbeat_comment(auth_client, open_stream, settings):
    settings.EVENTS_HEARTBEAT_SECONDS = 1
    stream = open_stream(token=auth_client().tokens.access)
    first_events(stream)
    assert stream.quiet(seconds=1.6) == []
    assert "keep-alive" in stream.comments


@pytest.mark.parametrize(
    "query",
    [
        "?watch=" + ",".join(["0123456789abcdef01234567"] * 51),
        "?watch=not-an-id",
        "?watch=0123456789abcdef01234567,",
        "?last_event_id=12-x",
    ],
)
def test_bad_query_parameters_are_a_400_in_the_error_shape(auth_client, open_stream, query):
    stream = open_stream(token=auth_client().tokens.access, query=query)
    assert stream.status == 400
    assert stream.body["error"]["code"] == "validation_error"


def test_anonymous_callers_get_a_401(open_stream):
    stream = open_stream()
    assert stream.status == 401
    assert stream.body["error"]["status"] == 401


def test_open_streams_hold_no_thread_each(auth_client, open_stream):
    first_events(open_stream(token=auth_client().tokens.access))
    before = threading.active_count()
    for _ in range(8):
        first_events(open_stream(token=auth_client().tokens.access))
    assert threading.active_count() - before < 4


def test_a_wsgi_server_refuses_the_stream_instead_of_holding_a_thread_for_it(auth_client):
    response = auth_client().get("/api/v1/events")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
