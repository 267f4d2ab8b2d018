"""A web front end on its own origin, in Chromium, follows its user's event stream with
EventSource and the auth cookie: others comment and subscribe, an upload is processed, and the
page hears each as it happens; a dropped connection resumes with Last-Event-ID and loses
nothing."""

import secrets
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Server
from tests.browser.proxy import DroppingProxy
from tests.live import call, sign_up, upload
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
WAIT_MS = 60_000


@pytest.fixture
def relay(live_platform):
    """The page reaches the API through a relay the test can cut."""
    proxy = DroppingProxy(urlsplit(live_platform.url).port)
    try:
        yield proxy
    finally:
        proxy.close()


def people(live_platform, *roles: str) -> dict[str, dict]:
    """Fresh accounts signed up through the API: {role: {username, access}}."""
    accounts = {}
    for role in roles:
        username = f"{role}{secrets.token_hex(3)}"
        session = sign_up(
            live_platform.url, live_platform.log, username=username, password=PASSWORD
        )
        accounts[role] = {"username": username, "access": session["access"]}
    return accounts


def wait_for_events(page, condition: str) -> list[dict]:
    """Wait until `condition` (a JS expression over `events`) holds; every event so far."""
    page.wait_for_function(f"() => (events => {condition})(window.received)", timeout=WAIT_MS)
    return page.evaluate("() => window.received")


def unread_reached(count: int) -> str:
    """The last event so far is the unread figure, at `count`."""
    return f"events.length && events[events.length - 1].data.unread === {count}"


def notification_kinds(events: list[dict]) -> list[str]:
    return [event["data"]["kind"] for event in events if event["type"] == "notification"]


def test_a_page_hears_comments_subscribers_and_an_upload_and_resumes_after_a_drop(
    live_platform, front_end, new_page, relay, tmp_path
):
    base = live_platform.url
    who = people(live_platform, "owner", "fan", "follower", "latecomer")
    owner = who["owner"]
    page = new_page.page
    page.goto(f"{front_end.url}/events.html?api={relay.url}")
    assert page.evaluate("([l, p]) => signIn(l, p)", [owner["username"], PASSWORD]) == 200
    page.evaluate("() => listen()")
    first = wait_for_events(page, "events.some(e => e.type === 'unread_count')")
    assert first[-1]["data"] == {"unread": 0}

    clip = make_clip(tmp_path, seconds=2)
    item_id = upload(base, owner["access"], clip, title="Live from the test")["id"]
    events = wait_for_events(page, "events.some(e => e.data.kind === 'video_ready')")
    progress = [e["data"] for e in events if e["type"] == "video_progress"]
    assert progress[-1] == {"id": item_id, "status": "ready", "progress": 100.0}
    assert {report["status"] for report in progress[:-1]} == {"processing"}

    comment = {"content": "What a clip"}
    path = f"/api/v1/videos/{item_id}/comments"
    assert call(base, "POST", path, comment, who["fan"]["access"])[0] == 201
    subscription = f"/api/v1/channels/{owner['username']}/subscription"
    assert call(base, "PUT", subscription, None, who["follower"]["access"])[0] == 201
    events = wait_for_events(page, unread_reached(3))
    assert notification_kinds(events) == ["video_ready", "comment", "new_subscriber"]

    relay.drop()
    page.wait_for_function("() => window.errors > 0", timeout=WAIT_MS)
    assert call(base, "POST", path, {"content": "Still here?"}, who["fan"]["access"])[0] == 201
    assert call(base, "PUT", subscription, None, who["latecomer"]["access"])[0] == 201
    relay.resume()
    events = wait_for_events(page, unread_reached(5))

    kinds = notification_kinds(events)
    assert kinds == ["video_ready", "comment", "new_subscriber", "comment", "new_subscriber"]
    status, _, inbox = call(base, "GET", "/api/v1/notifications", token=owner["access"])
    assert status == 200
    received = [e["data"] for e in events if e["type"] == "notification"]
    assert received == inbox["results"][::-1], "the stream and the inbox disagree"
    assert events[-1]["data"] == {"unread": 5}
    assert "resync" not in {event["type"] for event in events}
    ids = [tuple(map(int, event["id"].split("-"))) for event in events]
    assert ids == sorted(ids)
    assert new_page.left_for(front_end, Server(url=relay.url)) == [], new_page.requests
