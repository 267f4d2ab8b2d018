"""POST /api/v1/events/ticket: Bearer clients open their stream with a single-use, short-lived
ticket (EventSource sends no headers); no long-lived token is ever accepted from a URL."""

import time
from urllib.parse import quote

import pytest

from channels_app.tests.helpers import subscribe
from events.tests.conftest import AT_ONCE, first_events

pytestmark = pytest.mark.redis

TICKET = "/api/v1/events/ticket"


def ticket_of(client) -> str:
    response = client.post(TICKET)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"ticket", "expires_in"}
    return body["ticket"]


def test_a_ticket_opens_the_stream_once(auth_client, open_stream):
    me = auth_client()
    ticket = ticket_of(me)
    stream = open_stream(query=f"?ticket={ticket}")
    assert stream.status == 200
    first_events(stream)
    subscribe(auth_client(), me.user)
    assert stream.until(lambda event: event.type == "notification")[-1].data["kind"] == (
        "new_subscriber"
    )
    again = open_stream(query=f"?ticket={ticket}")
    assert again.status == 401
    assert again.body["error"]["code"] == "ticket_invalid"


def test_a_ticket_lapses_unused(auth_client, open_stream, settings):
    settings.EVENTS_TICKET_SECONDS = 1
    ticket = ticket_of(auth_client())
    time.sleep(1.5)
    assert open_stream(query=f"?ticket={ticket}").status == 401


def test_a_ticket_stream_ends_with_the_session_that_minted_it(auth_client, open_stream):
    me = auth_client()
    stream = open_stream(query=f"?ticket={ticket_of(me)}")
    first_events(stream)
    unused = ticket_of(me)
    assert me.post("/api/v1/auth/logout").status_code == 204
    assert [event.data for event in stream.ended(seconds=AT_ONCE)] == [{"reason": "signed_out"}]
    assert open_stream(query=f"?ticket={unused}").status == 401


@pytest.mark.parametrize("ticket", ["", "short", "x" * 43, "é" * 43])
def test_forged_tickets_are_refused(open_stream, ticket):
    stream = open_stream(query=f"?ticket={quote(ticket)}")
    assert stream.status == 401
    assert stream.body["error"]["code"] == "ticket_invalid"


def test_a_token_in_the_url_is_never_accepted(auth_client, open_stream):
    me = auth_client()
    for name in ("access_token", "token", "access"):
        assert open_stream(query=f"?{name}={me.tokens.access}").status == 401


def test_only_a_signed_in_caller_gets_tickets(api_client):
    response = api_client.post(TICKET)
    assert response.status_code == 401
    assert set(response.json()) == {"error", "request_id"}


def test_tickets_are_throttled_per_user(auth_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "events_ticket": "2/m"}
    me = auth_client()
    assert [me.post(TICKET).status_code for _ in range(3)] == [201, 201, 429]
    assert auth_client().post(TICKET).status_code == 201
