"""View counting (de-duplicated, buffered, flushed) and watch history, through the API."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.services import set_user_active
from common.redis import get_redis
from videos import counters, tasks
from videos.documents import Video, VideoDailyStats, WatchEntry
from videos.tests.helpers import VIDEOS, play, ready_video, walk

pytestmark = pytest.mark.redis

HISTORY = "/api/v1/users/me/history"


def view(client, video, data=None, format=None, **extra):
    """Watch long enough for a view to count; `data` may name where the player stopped."""
    return play(client, video, position=(data or {}).get("position"), **extra)


def test_a_viewer_counts_once_per_window(auth_client, make_user):
    video = ready_video(make_user())
    client = auth_client()
    assert view(client, video).json() == {"counted": True, "views": 1}
    assert view(client, video).json() == {"counted": False, "views": 1}
    assert view(auth_client(), video).json() == {"counted": True, "views": 2}


def test_anonymous_viewers_are_told_apart_by_address_and_browser(api_client, make_user):
    video = ready_video(make_user())
    assert view(api_client, video, REMOTE_ADDR="10.0.0.1").json()["counted"] is True
    assert view(api_client, video, REMOTE_ADDR="10.0.0.1").json()["counted"] is False
    assert view(api_client, video, REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Phone").json()[
        "counted"
    ]
    assert view(api_client, video, REMOTE_ADDR="10.0.0.2").json() == {"counted": True, "views": 3}


def test_rotating_the_browser_from_one_address_counts_at_most_the_cap(
    api_client, auth_client, make_user, settings
):
    settings.VIEW_ANON_PER_ADDRESS = 3
    video = ready_video(make_user())
    counted = [
        view(api_client, video, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=f"Agent/{n}").json()
        for n in range(20)
    ]
    assert [result["counted"] for result in counted] == [True] * 3 + [False] * 17
    assert counted[-1]["views"] == 3
    elsewhere = view(api_client, video, REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT="Agent/0")
    assert elsewhere.json() == {"counted": True, "views": 4}
    another_item = ready_video(make_user())
    again = view(api_client, another_item, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Agent/19")
    assert again.json()["counted"] is True
    for _ in range(2):
        member = auth_client()
        assert view(member, video, REMOTE_ADDR="203.0.113.7").json()["counted"] is True
        assert view(member, video, REMOTE_ADDR="203.0.113.7").json()["counted"] is False
    assert counters.current_views(videos=[video])[video.id] == 6


def test_the_window_expires(api_client, make_user):
    video = ready_video(make_user())
    view(api_client, video)
    key = next(iter(get_redis().scan_iter("viewed:*")))
    assert 1790 <= get_redis().ttl(key) <= 1800
    get_redis().delete(key)
    assert view(api_client, video).json() == {"counted": True, "views": 2}


def test_hidden_items_cannot_be_viewed(api_client, make_user):
    video = ready_video(make_user(), visibility="private")
    assert view(api_client, video).status_code == 404
    assert view(api_client, video, data={"position": -1}).status_code == 404


def test_flush_moves_buffered_views_into_mongo_once(api_client, make_user):
    video = ready_video(make_user(), views=5)
    for n in range(3):
        view(api_client, video, REMOTE_ADDR=f"10.0.0.{n}")
    assert Video.objects.get(id=video.id).views == 5
    assert tasks.flush_view_counters.delay().get() == 3
    assert Video.objects.get(id=video.id).views == 8
    assert tasks.flush_view_counters.delay().get() == 0
    assert Video.objects.get(id=video.id).views == 8
    assert api_client.get(f"{VIDEOS}/{video.id}").json()["views"] == 8
    today = timezone.now().date().isoformat()
    assert VideoDailyStats.objects.get(video_id=video.id, day=today).views == 3


@pytest.mark.django_db
def test_beat_schedules_the_flush_and_the_sweeper_from_settings(api_client, make_user, settings):
    from django_celery_beat.schedulers import DatabaseScheduler

    from config.celery_app import app

    video = ready_video(make_user())
    view(api_client, video)
    scheduler = DatabaseScheduler(app=app)
    entries = {entry.task: entry for entry in scheduler.schedule.values()}
    flush = entries["videos.tasks.flush_view_counters"]
    assert flush.schedule.run_every == timedelta(seconds=settings.VIEW_FLUSH_SECONDS)
    assert "videos.tasks.sweep_stale_processing" in entries
    scheduler.apply_entry(flush, producer=scheduler.producer)
    assert Video.objects.get(id=video.id).views == 1


def test_a_crashed_flush_loses_nothing_counts_nothing_twice_and_never_goes_back(
    api_client, make_user, monkeypatch
):
    video = ready_video(make_user())
    for n in range(4):
        view(api_client, video, REMOTE_ADDR=f"10.0.1.{n}")
    shown = []

    def crash(batch_id, counts):
        shown.append(api_client.get(f"{VIDEOS}/{video.id}").json()["views"])
        raise ConnectionError("worker died after writing to Mongo")

    with pytest.raises(ConnectionError):
        counters.views.flush(on_applied=crash)
    assert Video.objects.get(id=video.id).views == 4
    shown.append(api_client.get(f"{VIDEOS}/{video.id}").json()["views"])
    view(api_client, video, REMOTE_ADDR="10.0.2.1")
    shown.append(api_client.get(f"{VIDEOS}/{video.id}").json()["views"])
    counters.flush_views()
    counters.flush_views()
    shown.append(api_client.get(f"{VIDEOS}/{video.id}").json()["views"])
    assert shown == [4, 4, 5, 5]
    assert Video.objects.get(id=video.id).views == 5
    today = timezone.now().date().isoformat()
    assert VideoDailyStats.objects.get(video_id=video.id, day=today).views == 5


def test_history_is_newest_first_one_entry_per_item_with_resume_position(auth_client, make_user):
    owner = make_user()
    first, second = ready_video(owner, title="first"), ready_video(owner, title="second")
    client = auth_client()
    view(client, first, data={"position": 12.5}, format="json")
    view(client, second)
    view(client, first, data={"position": 30}, format="json")
    entries = client.get(HISTORY).json()["results"]
    assert [e["video"]["title"] for e in entries] == ["first", "second"]
    assert entries[0]["position"] == 30
    assert entries[0]["video"]["owner"]["username"] == owner.username
    assert WatchEntry.objects(user_id=client.user.id).count() == 2


def test_a_history_page_costs_the_same_reads_however_long(auth_client, make_user, reads_per_page):
    client = auth_client()
    for index in range(25):
        view(client, ready_video(make_user(), title=f"item {index}"))
    # Auth 2, the entries, their items, owners, and which of them the viewer likes.
    assert reads_per_page(client, HISTORY) <= 6


def test_history_hides_items_that_became_private_and_can_be_cleared(auth_client):
    owner = auth_client()
    kept, hidden = ready_video(owner.user, title="kept"), ready_video(owner.user, title="hidden")
    client = auth_client()
    view(client, kept)
    view(client, hidden)
    owner.patch(f"{VIDEOS}/{hidden.id}", {"visibility": "private"}, format="json")
    assert [e["video"]["title"] for e in client.get(HISTORY).json()["results"]] == ["kept"]
    assert client.delete(HISTORY).status_code == 204
    assert client.get(HISTORY).json()["results"] == []
    assert WatchEntry.objects.count() == 0


def test_history_needs_sign_in_and_anonymous_views_leave_none(api_client, make_user):
    view(api_client, ready_video(make_user()))
    assert api_client.get(HISTORY).status_code == 401
    assert WatchEntry.objects.count() == 0


def test_history_entries_expire_after_thirty_days():
    indexes = WatchEntry._get_collection().index_information()
    ttl = [spec for spec in indexes.values() if "expireAfterSeconds" in spec]
    assert ttl == [
        {
            **ttl[0],
            "key": [("watched_at", 1)],
            "expireAfterSeconds": int(timedelta(days=30).total_seconds()),
        }
    ]


def titles(entries: list[dict]) -> list[str]:
    return [entry["video"]["title"] for entry in entries]


def test_items_that_closed_leave_no_hole_in_a_history_page(auth_client):
    owner, client = auth_client(), auth_client()
    items = [ready_video(owner.user, title=f"item {n}") for n in range(6)]
    for item in items:
        view(client, item)
    for item in items[2:5]:  # the newest watched but one
        answer = owner.patch(f"{VIDEOS}/{item.id}", {"visibility": "private"}, format="json")
        assert answer.status_code == 200
    owner.patch(f"{VIDEOS}/{items[5].id}", {"published": False}, format="json")
    entries, sizes = walk(client, f"{HISTORY}?limit=2")
    assert titles(entries) == ["item 1", "item 0"] and sizes == [2]
    owner.patch(f"{VIDEOS}/{items[4].id}", {"visibility": "unlisted"}, format="json")
    assert titles(client.get(HISTORY, {"limit": 1}).json()["results"]) == ["item 4"]


def test_items_of_a_suspended_owner_leave_no_hole_in_a_history_page(auth_client, make_user):
    kept, gone = make_user(), make_user()
    client = auth_client()
    view(client, ready_video(kept, title="kept"))
    for n in range(3):
        view(client, ready_video(gone, title=f"gone {n}"))
    set_user_active(user=gone, active=False)
    page = client.get(HISTORY, {"limit": 1}).json()
    assert titles(page["results"]) == ["kept"] and page["next"] is None
    set_user_active(user=gone, active=True)
    assert titles(walk(client, f"{HISTORY}?limit=3")[0]) == ["gone 2", "gone 1", "gone 0", "kept"]


def test_my_own_closed_items_stay_in_my_history(auth_client):
    owner = auth_client()
    item = ready_video(owner.user, title="mine")
    view(owner, item)
    owner.patch(f"{VIDEOS}/{item.id}", {"visibility": "private"}, format="json")
    assert titles(owner.get(HISTORY).json()["results"]) == ["mine"]


def test_entries_past_the_history_age_are_left_out(auth_client, make_user):
    client = auth_client()
    for n in range(3):
        view(client, ready_video(make_user(), title=f"item {n}"))
    # The newest two age: one past the TTL index's 30 days, one a minute short of them. A
    # server's TTL monitor deletes only once a minute (later under load): the query leaves out
    # what it has not deleted yet.
    ages = [timedelta(days=30, minutes=1), timedelta(days=30, seconds=-60)]
    newest = list(WatchEntry.objects(user_id=client.user.id).order_by("-watched_at", "-id"))
    for entry, age in zip(newest[:2], ages, strict=True):
        entry.update(set__watched_at=timezone.now() - age)
    page = client.get(HISTORY, {"limit": 1}).json()
    assert titles(page["results"]) == ["item 0"] and page["next"]
    assert titles(walk(client, HISTORY)[0]) == ["item 0", "item 1"]
    later = timezone.now() + timedelta(minutes=2)  # the second one is past 30 days too
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert titles(walk(client, HISTORY)[0]) == ["item 0"]
