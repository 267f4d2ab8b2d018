"""The inbox: listing, unread filter, marking read, the unread figure with its ETag."""

from datetime import timedelta

import pytest
from bson import ObjectId
from django.utils import timezone

from accounts.services import set_user_active
from common.redis import get_redis
from notifications.delivery import Target, notify
from notifications.documents import INBOX_DAYS, Notification
from notifications.tests.helpers import INBOX, UNREAD_COUNT
from videos.tests.helpers import path_of, ready_video

pytestmark = pytest.mark.redis


def told(recipient, actor, video, n: int = 1) -> None:
    """n comment notifications from actor on video, each about a different comment."""
    for _ in range(n):
        notify(
            kind="comment",
            recipient_ids=[recipient.id],
            actor=actor,
            target=Target(type="video", id=video.id, title=video.title),
            key=str(ObjectId()),
        )


def test_the_inbox_needs_sign_in(api_client):
    for url in (INBOX, UNREAD_COUNT):
        assert api_client.get(url).status_code == 401
    assert api_client.post(f"{INBOX}/read-all").status_code == 401


def test_the_inbox_lists_mine_newest_first_and_filters_unread(auth_client):
    me, other = auth_client(), auth_client()
    video = ready_video(other.user)
    told(me.user, other.user, video, 3)
    told(other.user, me.user, video, 1)
    entries = me.get(INBOX).json()["results"]
    assert len(entries) == 3
    assert [e["created_at"] for e in entries] == sorted(
        (e["created_at"] for e in entries), reverse=True
    )
    first = entries[0]["id"]
    response = me.post(f"{INBOX}/read", {"ids": [first, str(ObjectId())]}, format="json")
    assert response.status_code == 200 and response.json() == {"marked": 1, "unread": 2}
    unread = me.get(INBOX, {"unread": "true"}).json()["results"]
    assert first not in [e["id"] for e in unread] and len(unread) == 2
    assert {e["id"]: e["read"] for e in me.get(INBOX).json()["results"]}[first] is True


def test_nobody_marks_another_users_notifications(auth_client):
    me, other = auth_client(), auth_client()
    video = ready_video(me.user)
    told(other.user, me.user, video)
    theirs = str(Notification.objects.get(recipient_id=other.user.id).id)
    assert me.post(f"{INBOX}/read", {"ids": [theirs]}, format="json").json()["marked"] == 0
    assert Notification.objects.get(id=theirs).read is False


def test_bad_read_bodies_are_refused(auth_client):
    me = auth_client()
    for body in ({}, {"ids": []}, {"ids": ["nope"]}, {"ids": "x"}, {"ids": [], "extra": 1}):
        response = me.post(f"{INBOX}/read", body, format="json")
        assert response.status_code == 400, body
        assert response.json()["error"]["code"] == "validation_error"
    assert me.get(INBOX, {"unread": "maybe"}).status_code == 400


def notification_reads(monkeypatch) -> dict:
    """Count reads of the notifications collection only (signing in reads other ones)."""
    collection_class = type(Notification._get_collection())
    calls = {"n": 0}
    for method in ("find", "find_one", "aggregate", "count_documents"):
        original = getattr(collection_class, method)

        def counted(self, *args, _original=original, **kwargs):
            calls["n"] += self.name == Notification._meta["collection"]
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(collection_class, method, counted)
    return calls


def test_unread_count_has_an_etag_and_answers_304_until_something_changes(auth_client, monkeypatch):
    me, other = auth_client(), auth_client()
    video = ready_video(other.user)
    told(me.user, other.user, video, 2)
    first = me.get(UNREAD_COUNT)
    assert first.status_code == 200 and first.json() == {"unread": 2}
    etag = first["ETag"]

    reads = notification_reads(monkeypatch)
    again = me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert reads["n"] == 0, "a poll while nothing changed reads Mongo"

    told(me.user, other.user, video)
    changed = me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.json() == {"unread": 3}
    assert changed["ETag"] != etag
    assert reads["n"] > 0, "a changed inbox is counted again"
    etag = changed["ETag"]

    assert me.post(f"{INBOX}/read-all").json() == {"marked": 3, "unread": 0}
    after_read = me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=etag)
    assert after_read.status_code == 200 and after_read.json() == {"unread": 0}
    assert me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=after_read["ETag"]).status_code == 304


def test_unread_count_survives_a_redis_flush(auth_client):
    me, other = auth_client(), auth_client()
    told(me.user, other.user, ready_video(other.user), 2)
    etag = me.get(UNREAD_COUNT)["ETag"]
    get_redis().flushdb()
    response = me.get(UNREAD_COUNT, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json() == {"unread": 2}


def test_entries_from_suspended_actors_are_hidden(auth_client):
    me, other = auth_client(), auth_client()
    told(me.user, other.user, ready_video(other.user))
    set_user_active(user=other.user, active=False)
    assert me.get(INBOX).json()["results"] == []


def test_entries_expire_after_90_days_by_a_ttl_index():
    info = Notification._get_collection().index_information()
    ttl = [i for i in info.values() if "expireAfterSeconds" in i]
    assert [(i["key"], i["expireAfterSeconds"]) for i in ttl] == [
        ([("created_at", 1)], INBOX_DAYS * 24 * 3600)
    ]
    assert timedelta(seconds=ttl[0]["expireAfterSeconds"]) == timedelta(days=90)


def test_inbox_pages_cost_the_same_reads_however_long(auth_client, reads_per_page):
    me, other = auth_client(), auth_client()
    video = ready_video(other.user)
    told(me.user, other.user, video, 30)
    assert reads_per_page(me, INBOX) <= 6  # sign-in 2, whom I block, page, actors, items


def test_inbox_cursor_walks_every_entry_once(auth_client):
    me, other = auth_client(), auth_client()
    told(me.user, other.user, ready_video(other.user), 7)
    Notification.objects(recipient_id=me.user.id).update(set__created_at=timezone.now())
    seen, url = [], f"{INBOX}?limit=3"
    while url:
        page = me.get(url).json()
        seen += [e["id"] for e in page["results"]]
        url = path_of(page["next"]) if page["next"] else None
    assert len(seen) == len(set(seen)) == 7
