"""The rules that hold everywhere hold on the stream too: nothing from users I blocked, nothing
about things I can no longer see, nothing to suspended users, and a session that ends closes
its streams at once."""

import pytest
from django.core.management import call_command

from accounts.documents import AuthSession
from channels_app.tests.helpers import subscribe
from engagement.tests.helpers import like
from events.tests.conftest import AT_ONCE, first_events
from notifications.tests.helpers import follow
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis

V1 = "/api/v1"


def kinds(events) -> list[tuple[str, str]]:
    """(kind, actor's username) of each notification event."""
    return [
        (event.data["kind"], (event.data["actor"] or {}).get("username", ""))
        for event in events
        if event.type == "notification"
    ]


def test_a_reconnect_skips_what_came_from_someone_i_blocked_since(auth_client, open_stream):
    me, troll, friend = auth_client(), auth_client(), auth_client()
    stream = open_stream(token=me.tokens.access)
    position = first_events(stream)[-1].id
    stream.close()
    subscribe(troll, me.user)
    subscribe(friend, me.user)
    assert me.put(f"{V1}/users/me/blocks/{troll.user.username}").status_code in (200, 201)
    again = open_stream(token=me.tokens.access, headers={"Last-Event-ID": position})
    events = first_events(again)
    assert kinds(events) == [("new_subscriber", friend.user.username)]
    assert events[-1].data == {"unread": 1}


def test_a_blocked_user_reaches_nothing_live(auth_client, open_stream):
    me, troll, friend = auth_client(), auth_client(), auth_client()
    me.put(f"{V1}/users/me/blocks/{troll.user.username}")
    stream = open_stream(token=me.tokens.access)
    first_events(stream)
    troll.post(f"{V1}/tweets", {"content": f"hey @{me.user.username}"}, format="json")
    subscribe(troll, me.user)
    subscribe(friend, me.user)
    events = stream.until(lambda event: event.type == "unread_count")
    assert kinds(events) == [("new_subscriber", friend.user.username)]


def test_a_reconnect_skips_entries_about_items_that_closed_since(auth_client, open_stream):
    me, channel = auth_client(), auth_client()
    follow(me.user, channel.user)
    stream = open_stream(token=me.tokens.access)
    position = first_events(stream)[-1].id
    stream.close()
    hidden = ready_video(channel.user, title="Soon private")
    ready_video(channel.user, title="Stays public")
    closed = channel.patch(f"{V1}/videos/{hidden.id}", {"visibility": "private"}, format="json")
    assert closed.status_code == 200
    again = open_stream(token=me.tokens.access, headers={"Last-Event-ID": position})
    events = first_events(again)
    assert [event.data["target"]["title"] for event in events if event.type == "notification"] == [
        "Stays public"
    ]
    assert events[-1].data == {"unread": 1}


def test_a_reconnect_skips_what_a_since_suspended_user_did(auth_client, open_stream):
    me, troll, friend = auth_client(), auth_client(), auth_client()
    stream = open_stream(token=me.tokens.access)
    position = first_events(stream)[-1].id
    stream.close()
    subscribe(troll, me.user)
    subscribe(friend, me.user)
    call_command("suspend_user", troll.user.username)
    again = open_stream(token=me.tokens.access, headers={"Last-Event-ID": position})
    assert kinds(first_events(again)) == [("new_subscriber", friend.user.username)]


def test_suspending_a_user_closes_their_streams_and_opens_none(auth_client, open_stream):
    user = auth_client()
    stream = open_stream(token=user.tokens.access)
    first_events(stream)
    call_command("suspend_user", user.user.username)
    assert [(event.type, event.data) for event in stream.ended(seconds=AT_ONCE)] == [
        ("closed", {"reason": "signed_out"})
    ]
    assert open_stream(token=user.tokens.access).status == 401


def test_logging_out_closes_that_sessions_streams_at_once_and_no_others(
    auth_client, open_stream, make_user
):
    user = make_user()
    phone, laptop = auth_client(user), auth_client(user)
    on_phone = open_stream(token=phone.tokens.access)
    on_laptop = open_stream(token=laptop.tokens.access)
    first_events(on_phone)
    first_events(on_laptop)
    assert phone.post(f"{V1}/auth/logout").status_code == 204
    assert [event.type for event in on_phone.ended(seconds=AT_ONCE)] == ["closed"]
    assert open_stream(token=phone.tokens.access).status == 401
    subscribe(auth_client(), user)
    assert kinds(on_laptop.until(lambda event: event.type == "notification"))[0][0] == (
        "new_subscriber"
    )


def test_logging_out_everywhere_or_a_password_change_closes_the_other_streams(
    auth_client, open_stream, make_user
):
    user = make_user(password="Old-pass-phrase-1")
    here, there, elsewhere = auth_client(user), auth_client(user), auth_client(user)
    streams = {
        name: open_stream(token=c.tokens.access)
        for name, c in (("here", here), ("there", there), ("elsewhere", elsewhere))
    }
    for stream in streams.values():
        first_events(stream)
    changed = here.post(
        f"{V1}/auth/password/change",
        {"old_password": "Old-pass-phrase-1", "new_password": "New-pass-phrase-2"},
        format="json",
    )
    assert changed.status_code == 204
    for name in ("there", "elsewhere"):
        assert [event.type for event in streams[name].ended(seconds=AT_ONCE)] == ["closed"]
    assert streams["here"].quiet(seconds=0.3) == []
    assert here.post(f"{V1}/auth/logout-all").status_code == 204
    assert [event.type for event in streams["here"].ended(seconds=AT_ONCE)] == ["closed"]


def test_a_session_ended_without_a_message_still_closes_within_a_heartbeat(
    auth_client, open_stream, settings
):
    settings.EVENTS_HEARTBEAT_SECONDS = 1
    user = auth_client()
    stream = open_stream(token=user.tokens.access)
    first_events(stream)
    # Revoked straight in the store: no message reaches the stream.
    AuthSession.objects(user_id=user.user.id).update(set__revoked_at=user.user.created_at)
    events = stream.ended(seconds=3)
    assert events[-1].data == {"reason": "signed_out"}


def test_watched_figures_only_for_items_the_viewer_may_watch(auth_client, open_stream):
    viewer, owner, fan = auth_client(), auth_client(), auth_client()
    public = ready_video(owner.user, title="Public")
    private = ready_video(owner.user, title="Private", visibility="private")
    stream = open_stream(token=viewer.tokens.access, query=f"?watch={public.id},{private.id}")
    first_events(stream)
    (start,) = stream.until(lambda event: event.type == "counter")
    assert start.data == {"id": str(public.id), "views": 0, "likes": 0, "comments_count": 0}
    like(fan, public)
    (moved,) = stream.until(lambda event: event.type == "counter")
    assert moved.data["likes"] == 1
    like(owner, private)
    owner.patch(f"{V1}/videos/{public.id}", {"visibility": "private"}, format="json")
    like(owner, public)
    assert stream.quiet(seconds=1.5) == []
