"""A user holds at most EVENTS_MAX_STREAMS_PER_USER streams: one more closes the oldest, which
is told not to come back."""

import pytest

from channels_app.tests.helpers import subscribe
from events.stream import REPLACED_RETRY_MS
from events.tests.conftest import AT_ONCE, first_events

pytestmark = pytest.mark.redis


def test_one_stream_too_many_closes_the_oldest(auth_client, open_stream, settings, make_user):
    settings.EVENTS_MAX_STREAMS_PER_USER = 2
    user = make_user()
    tabs = [open_stream(token=auth_client(user).tokens.access) for _ in range(2)]
    for tab in tabs:
        first_events(tab)
    newest = open_stream(token=auth_client(user).tokens.access)
    first_events(newest)
    assert [(event.type, event.data) for event in tabs[0].ended(seconds=AT_ONCE)] == [
        ("closed", {"reason": "replaced"})
    ]
    assert tabs[0].retry == REPLACED_RETRY_MS
    subscribe(auth_client(), user)
    for tab in (tabs[1], newest):
        assert tab.until(lambda event: event.type == "notification")[-1].data["kind"] == (
            "new_subscriber"
        )


def test_the_limit_is_per_user(auth_client, open_stream, settings):
    settings.EVENTS_MAX_STREAMS_PER_USER = 1
    streams = [open_stream(token=auth_client().tokens.access) for _ in range(3)]
    for stream in streams:
        first_events(stream)
    for stream in streams:
        assert stream.quiet(seconds=0.3) == []


def test_a_closed_stream_frees_its_place(auth_client, open_stream, settings, make_user):
    settings.EVENTS_MAX_STREAMS_PER_USER = 1
    user = make_user()
    first = open_stream(token=auth_client(user).tokens.access)
    first_events(first)
    first.close()
    second = open_stream(token=auth_client(user).tokens.access)
    first_events(second)
    third = open_stream(token=auth_client(user).tokens.access)
    first_events(third)
    assert [event.data for event in second.ended(seconds=AT_ONCE)] == [{"reason": "replaced"}]
    assert third.quiet(seconds=0.3) == []
