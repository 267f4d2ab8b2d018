"""What the inbox leaves out (suspended people, closed items, blocked actors, entries past their
age) is left out by its query: pages stay full, and the unread figure counts what the inbox shows.
"""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from accounts.services import set_user_active
from engagement.tests.helpers import TWEETS, post_comment
from notifications import delivery
from notifications.documents import INBOX_DAYS, Notification
from notifications.tests.helpers import INBOX, UNREAD_COUNT, follow
from videos.documents import Video
from videos.services import update_video
from videos.tests.helpers import VIDEOS, ready_video, walk

BLOCKS = "/api/v1/users/me/blocks"


def unread(client) -> int:
    return client.get(UNREAD_COUNT).json()["unread"]


def actors(entries: list[dict]) -> list[str]:
    return [entry["actor"]["username"] if entry["actor"] else None for entry in entries]


def test_entries_from_a_suspended_actor_leave_no_hole_in_a_page(auth_client):
    me, kept, gone = auth_client(), auth_client(), auth_client()
    mine = ready_video(me.user)
    for author in [kept] * 4 + [gone] * 5:  # the five newest come from the one suspended next
        assert post_comment(author, mine).status_code == 201
    set_user_active(user=gone.user, active=False)
    entries, sizes = walk(me, f"{INBOX}?limit=3")
    assert sizes == [3, 1]
    assert actors(entries) == [kept.user.username] * 4
    assert unread(me) == 4
    set_user_active(user=gone.user, active=True)
    assert walk(me, f"{INBOX}?limit=3")[1] == [3, 3, 3]
    assert unread(me) == 9


def test_entries_about_items_that_closed_leave_no_hole_in_a_page(auth_client):
    me, channel = auth_client(), auth_client()
    follow(me.user, channel.user)
    items = [ready_video(channel.user, title=f"item {n}") for n in range(5)]
    for item in items[2:]:
        answer = channel.patch(f"{VIDEOS}/{item.id}", {"visibility": "private"}, format="json")
        assert answer.status_code == 200
    page = me.get(INBOX, {"limit": 2}).json()
    assert [entry["target"]["title"] for entry in page["results"]] == ["item 1", "item 0"]
    assert page["next"] is None
    assert unread(me) == 2
    channel.patch(f"{VIDEOS}/{items[4].id}", {"visibility": "unlisted"}, format="json")
    titles = [entry["target"]["title"] for entry in me.get(INBOX, {"limit": 2}).json()["results"]]
    assert titles == ["item 4", "item 1"]
    assert unread(me) == 3


def test_entries_about_items_of_a_suspended_owner_leave_no_hole_in_a_page(auth_client):
    me, owner, replier = auth_client(), auth_client(), auth_client()
    mine, theirs = ready_video(me.user), ready_video(owner.user)
    assert post_comment(replier, mine).status_code == 201  # the oldest: stays
    parent = post_comment(me, theirs).json()["id"]
    for _ in range(3):
        assert post_comment(replier, theirs, parent=parent).status_code == 201
    set_user_active(user=owner.user, active=False)
    page = me.get(INBOX, {"limit": 1}).json()
    assert [entry["kind"] for entry in page["results"]] == ["comment"]
    assert page["next"] is None and unread(me) == 1
    set_user_active(user=owner.user, active=True)
    assert [entry["kind"] for entry in me.get(INBOX).json()["results"]] == ["reply"] * 3 + [
        "comment"
    ]
    assert unread(me) == 4


def test_entries_about_a_deleted_tweet_are_gone(auth_client):
    me, channel = auth_client(), auth_client()
    follow(me.user, channel.user)
    kept = channel.post(TWEETS, {"content": "Kept"}, format="json").json()["id"]
    gone = channel.post(TWEETS, {"content": "Gone"}, format="json").json()["id"]
    assert channel.delete(f"{TWEETS}/{gone}").status_code == 204
    page = me.get(INBOX, {"limit": 1}).json()
    assert [entry["target"]["id"] for entry in page["results"]] == [kept]
    assert page["next"] is None and unread(me) == 1


def test_entries_from_someone_i_blocked_afterwards_are_hidden_and_not_counted(auth_client):
    me, pest, friend = auth_client(), auth_client(), auth_client()
    mine = ready_video(me.user)
    assert post_comment(friend, mine).status_code == 201
    for _ in range(3):
        assert post_comment(pest, mine).status_code == 201
    before = me.get(UNREAD_COUNT)
    assert before.json() == {"unread": 4}
    assert me.put(f"{BLOCKS}/{pest.user.username}").status_code in (200, 201, 204)
    page = me.get(INBOX, {"limit": 1}).json()
    assert actors(page["results"]) == [friend.user.username] and page["next"] is None
    after = me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after.json() == {"unread": 1}
    assert me.get(INBOX, {"unread": "true"}).json()["results"][0]["actor"]["username"] == (
        friend.user.username
    )
    assert me.delete(f"{BLOCKS}/{pest.user.username}").status_code == 204
    assert len(me.get(INBOX).json()["results"]) == 4
    assert unread(me) == 4


def test_entries_past_the_inbox_age_are_gone_from_it_and_from_its_count(auth_client):
    me, other = auth_client(), auth_client()
    mine = ready_video(me.user)
    for _ in range(3):
        assert post_comment(other, mine).status_code == 201
    newest = list(Notification.objects(recipient_id=me.user.id).order_by("-created_at", "-id"))
    # The newest two age: one is past the TTL index's 90 days, one a minute short of them. A
    # server's TTL monitor deletes only once a minute (later under load): the query leaves out
    # what it has not deleted yet.
    ages = [timedelta(days=INBOX_DAYS, minutes=1), timedelta(days=INBOX_DAYS, seconds=-60)]
    for entry, age in zip(newest[:2], ages, strict=True):
        entry.update(set__created_at=timezone.now() - age)
    page = me.get(INBOX, {"limit": 1}).json()
    assert len(page["results"]) == 1 and page["next"]
    assert len(walk(me, INBOX)[0]) == 2
    assert unread(me) == 2
    later = timezone.now() + timedelta(minutes=2)  # the second one is past 90 days too
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert len(walk(me, INBOX)[0]) == 1
        assert unread(me) == 1


def test_an_item_made_private_during_its_fan_out_shows_in_no_inbox(
    auth_client, monkeypatch, settings
):
    settings.NOTIFICATION_FANOUT_BATCH = 2
    channel = auth_client()
    fans = [auth_client() for _ in range(5)]
    for fan in fans:
        follow(fan.user, channel.user)
    real_deliver = delivery.deliver
    batches = []

    def deliver(**kwargs):
        batches.append(kwargs["recipient_ids"])
        if len(batches) == 2:  # the owner closes the item after the fan-out read it
            update_video(video=Video.objects.get(id=kwargs["target"].id), changes=private)
        return real_deliver(**kwargs)

    private = {"visibility": "private"}
    monkeypatch.setattr(delivery, "deliver", deliver)
    ready_video(channel.user)
    assert len(batches) == 2  # the fan-out stopped at the first check after the change
    for fan in fans:
        assert fan.get(INBOX).json()["results"] == [] and unread(fan) == 0
