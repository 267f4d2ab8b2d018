"""Document upgrades: entries stored before the inbox and the history filtered by flags get
them at the next start, and show exactly as they would have; each upgrade runs once."""

from io import StringIO

from django.core.management import call_command

from common.upgrades import DONE_COLLECTION
from engagement.tests.helpers import post_comment
from notifications.documents import SHOWN_FLAGS, Notification
from notifications.tests.helpers import INBOX, UNREAD_COUNT
from videos.documents import Video, WatchEntry
from videos.tests.helpers import play, ready_video

HISTORY = "/api/v1/users/me/history"
NEW_NOTIFICATION_FIELDS = {name: "" for name in (*SHOWN_FLAGS, "target_owner_id")}
NEW_HISTORY_FIELDS = {"owner_id": "", "video_open": "", "owner_active": ""}


def start_release() -> None:
    """What the stack's web start and the embedded run do before serving."""
    call_command("ensure_indexes", stdout=StringIO())


def test_inbox_entries_stored_before_the_flags_show_as_before_after_the_upgrade(auth_client):
    me, fan, rude = auth_client(), auth_client(), auth_client()
    shown, closed, deleted = (ready_video(me.user, title=t) for t in ("shown", "closed", "gone"))
    for item in (shown, closed, deleted):
        assert post_comment(fan, item).status_code == 201
    assert post_comment(rude, shown, "@" + me.user.username + " hi").status_code == 201
    Notification._get_collection().update_many({}, {"$unset": NEW_NOTIFICATION_FIELDS})
    Video.objects(id=closed.id).update(set__visibility="private")
    Video.objects(id=deleted.id).delete()
    rude.user.update(set__is_active=False)
    assert me.get(INBOX).json()["results"] == []

    start_release()

    results = me.get(INBOX).json()["results"]
    # My own items' entries show whatever their state (the owner sees her private item's);
    # the suspended commenter's are hidden; the deleted item's are gone.
    assert sorted(entry["target"]["title"] for entry in results) == ["closed", "shown"]
    assert me.get(UNREAD_COUNT).json()["unread"] == 2
    assert Notification.objects(target_id=deleted.id).count() == 0
    from_rude = Notification.objects(actor_id=rude.user.id)
    assert from_rude.count() > 0 and from_rude.filter(actor_active__ne=False).count() == 0


def test_a_follower_told_about_an_item_that_closed_since_does_not_see_it_after_the_upgrade(
    auth_client,
):
    channel, me = auth_client(), auth_client()
    item = ready_video(channel.user, title="was public")
    assert post_comment(channel, item).status_code == 201
    assert post_comment(me, item, "@" + channel.user.username).status_code == 201
    assert (
        channel.post(
            f"/api/v1/videos/{item.id}/comments",
            {"content": "@" + me.user.username + " thanks"},
            format="json",
        ).status_code
        == 201
    )
    Notification._get_collection().update_many({}, {"$unset": NEW_NOTIFICATION_FIELDS})
    Video.objects(id=item.id).update(set__visibility="private")

    start_release()

    assert me.get(INBOX).json()["results"] == []
    assert me.get(UNREAD_COUNT).json()["unread"] == 0
    channel.patch(f"/api/v1/videos/{item.id}", {"visibility": "public"}, format="json")
    assert [entry["kind"] for entry in me.get(INBOX).json()["results"]] == ["mention"]


def test_history_entries_stored_before_the_flags_show_as_before_after_the_upgrade(
    auth_client, make_user
):
    me = auth_client()
    owner = make_user()
    mine = ready_video(me.user, title="mine")
    items = {title: ready_video(owner, title=title) for title in ("open", "private", "deleted")}
    for item in (mine, *items.values()):
        assert play(me, item).status_code == 200
    WatchEntry._get_collection().update_many({}, {"$unset": NEW_HISTORY_FIELDS})
    Video.objects(id=items["private"].id).update(set__visibility="private")
    Video.objects(id=items["deleted"].id).delete()
    Video.objects(id=mine.id).update(set__visibility="private")
    assert me.get(HISTORY).json()["results"] == []

    start_release()

    titles = sorted(entry["video"]["title"] for entry in me.get(HISTORY).json()["results"])
    assert titles == ["mine", "open"]
    assert WatchEntry.objects(video_id=items["deleted"].id).count() == 0


def test_each_upgrade_runs_once_per_database(auth_client):
    me = auth_client()
    assert post_comment(auth_client(), ready_video(me.user)).status_code == 201
    start_release()
    done = {row["_id"] for row in Notification._get_db()[DONE_COLLECTION].find()}
    assert {"notifications.shown-flags", "videos.history-shown-flags"} <= done
    Notification._get_collection().update_many({}, {"$unset": NEW_NOTIFICATION_FIELDS})
    start_release()
    assert me.get(INBOX).json()["results"] == []
