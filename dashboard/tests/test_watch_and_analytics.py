"""Heartbeats through the API, folded into rollups, read back as analytics and retention."""

import pytest

from common.tests.helpers import first_write_loses
from dashboard.tests.helpers import DASHBOARD, beat, day, rollup, watch_to
from engagement import likes
from engagement.tests.helpers import like
from videos import tasks, watch
from videos.documents import Video, VideoDailyStats, WatchEntry
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def analytics(client, video):
    return client.get(f"{DASHBOARD}/videos/{video.id}/analytics")


def test_a_view_counts_after_ten_seconds_or_half_a_short_item(auth_client, make_user, clock):
    owner = make_user()
    long_item, short_item = ready_video(owner, duration=300.0), ready_video(owner, duration=12.0)
    viewer = auth_client()
    answers = watch_to(viewer, long_item, clock, until=12, step=3)
    assert [a["counted"] for a in answers] == [False, False, False, False, True]
    answers = watch_to(viewer, short_item, clock, until=7, step=2)
    # 6 s is half of 12 s: the fourth heartbeat crosses it.
    assert [a["counted"] for a in answers] == [False, False, False, True, False]
    assert Video.objects.get(id=long_item.id).views == 0  # buffered until the flush
    tasks.flush_view_counters.delay()
    assert Video.objects.get(id=long_item.id).views == 1


def test_lying_heartbeats_are_clamped(auth_client, make_user, clock):
    video = ready_video(make_user(), duration=100.0)
    liar = auth_client()
    beat(liar, video, clock, after=0, position=0, watched=0)
    # 4 s of wall time, 1,000 s claimed: 4 s credited, not yet a view.
    assert beat(liar, video, clock, after=4, position=5000, watched=1000).json()["counted"] is False
    assert beat(liar, video, clock, after=6, position=5000, watched=1000).json()["counted"] is True
    tasks.flush_view_counters.delay()
    stats = VideoDailyStats.objects.get(video_id=video.id, day=day())
    assert stats.watch_seconds == pytest.approx(10.0)
    assert stats.reach == {"99": 1}  # the position was clamped to the duration


def test_one_address_adds_at_most_the_watch_time_of_its_capped_anonymous_viewers(
    api_client, auth_client, make_user, clock, settings
):
    settings.VIEW_ANON_PER_ADDRESS = 3
    owner = auth_client()
    clip = ready_video(owner.user, duration=6.0)
    script = {"REMOTE_ADDR": "203.0.113.7"}
    for n in range(150):  # 75 browsers at once from one address, two heartbeats each, 13 s apart
        beat(
            api_client,
            clip,
            clock,
            after=13.0 if n == 75 else 0.0,
            position=6,
            watched=13,
            HTTP_USER_AGENT=f"Agent/{n % 75}",
            **script,
        )
    watch_to(auth_client(), clip, clock, until=6, step=3, **script)  # signed in: not capped
    watch_to(api_client, clip, clock, until=6, step=3, REMOTE_ADDR="198.51.100.9")
    tasks.flush_view_counters.delay()
    body = analytics(owner, clip).json()
    # At most 3 whole watches (3 x 6 s) from the script's address, 6 s from each other viewer.
    assert body["watch_time_seconds"] == pytest.approx(3 * 6.0 + 6.0 + 6.0)


def test_retention_and_watch_time_from_a_scripted_player(auth_client, make_user, clock):
    owner = auth_client()
    video = ready_video(owner.user, duration=100.0)
    full, quarter, glance = auth_client(), auth_client(), auth_client()
    watch_to(full, video, clock, until=50)
    tasks.flush_view_counters.delay()  # a flush midway: the view sits at 50 % for now
    assert VideoDailyStats.objects.get(video_id=video.id).reach == {"50": 1}
    beat(full, video, clock, after=10, position=60, watched=10)
    for position in range(70, 101, 10):
        beat(full, video, clock, after=10, position=position, watched=10)
    watch_to(quarter, video, clock, until=25, step=5)
    watch_to(glance, video, clock, until=5)  # never a view, still watch time
    owned = watch_to(owner, video, clock, until=100)
    assert not any(answer["counted"] for answer in owned)
    assert WatchEntry.objects(user_id=owner.user.id, video_id=video.id).count() == 1
    tasks.flush_view_counters.delay()
    tasks.flush_view_counters.delay()  # nothing twice

    body = analytics(owner, video).json()
    assert body["views"] == 2
    assert body["watch_time_seconds"] == 100 + 25 + 5
    assert body["average_view_seconds"] == 65.0
    expected = [1.0] * 26 + [0.5] * 74  # one of two views got past 25 %, the other to the end
    assert body["retention"] == expected
    assert body["sentiment"] == {"positive": 0, "neutral": 0, "negative": 0, "flagged": 0}
    assert body["daily"][-1] == {
        "date": day(),
        "views": 2,
        "likes": 0,
        "comments": 0,
        "watch_time_seconds": 130,
    }
    assert len(body["daily"]) == 28 and body["daily"][0]["date"] == day(-27)


def test_watch_time_folded_while_a_like_flush_writes_the_day_first_is_kept(
    auth_client, make_user, clock, monkeypatch
):
    video = ready_video(make_user(), duration=100.0)
    viewer = auth_client()
    watch_to(viewer, video, clock, until=30)
    assert like(viewer, video).status_code == 200
    with first_write_loses(
        monkeypatch, collection="video_daily_stats", rival=likes.flush_like_counters
    ) as raced:
        watch.flush_watch()
    assert raced
    figures = VideoDailyStats.objects.get(video_id=video.id)
    assert (figures.likes, figures.watch_seconds) == (1, 30.0)
    watch.flush_watch()
    assert VideoDailyStats.objects.get(video_id=video.id).watch_seconds == 30.0


def test_analytics_series_comes_from_rollups(auth_client, make_user):
    owner = auth_client()
    video = ready_video(owner.user, duration=60.0, views=9, likes=4, comments_count=3)
    rollup(video, -2, views=5, likes=3, comments=1, watch_seconds=250.0, reach={"10": 2, "99": 3})
    rollup(video, 0, views=4, likes=1, comments=2, watch_seconds=200.0, reach={"50": 4})
    rollup(video, -40, views=0, watch_seconds=50.0, reach={"0": 1})
    body = analytics(owner, video).json()
    assert (body["views"], body["likes"], body["comments"]) == (9, 4, 3)
    assert body["watch_time_seconds"] == 500
    assert body["average_view_seconds"] == pytest.approx(55.6)
    # 10 views: 1 stopped in the first percent, 2 at 10 %, 4 at 50 %, 3 reached the end.
    assert body["retention"][0] == 1.0
    assert body["retention"][1] == 0.9
    assert body["retention"][10] == 0.9 and body["retention"][11] == 0.7
    assert body["retention"][50] == 0.7 and body["retention"][51] == 0.3
    assert body["retention"][99] == 0.3
    days = {point["date"]: point for point in body["daily"]}
    assert days[day(-2)]["views"] == 5 and days[day(-2)]["watch_time_seconds"] == 250
    assert days[day(-1)] == {
        "date": day(-1),
        "views": 0,
        "likes": 0,
        "comments": 0,
        "watch_time_seconds": 0,
    }


def test_analytics_are_only_the_owners(api_client, auth_client, make_user):
    owner = auth_client()
    video = ready_video(owner.user)
    assert analytics(auth_client(), video).status_code == 404
    assert analytics(api_client, video).status_code == 401
    assert owner.get(f"{DASHBOARD}/videos/not-an-id/analytics").status_code == 404
    body = analytics(owner, video).json()
    assert body["retention"] == [0.0] * 100 and body["average_view_seconds"] == 0.0


def test_the_sentiment_breakdown_counts_published_comments_by_mood(auth_client):
    owner = auth_client()
    video = ready_video(owner.user)
    comments = f"/api/v1/videos/{video.id}/comments"
    posted = [
        (auth_client(), "I love this, wonderful and great work!", "published"),
        (auth_client(), "The clip is ten minutes long.", "published"),
        (auth_client(), "This is bad.", "published"),
        (owner, "I hate this, it is terrible and awful.", "published"),  # flagged, never held
        (auth_client(), "I hate this, it is terrible and awful.", "held"),
    ]
    for client, content, status in posted:
        response = client.post(comments, {"content": content}, format="json")
        assert (response.status_code, response.json()["status"]) == (201, status), content
    body = analytics(owner, video).json()
    assert body["sentiment"] == {"positive": 1, "neutral": 1, "negative": 2, "flagged": 1}
