"""Channel totals, my items, and daily series, against hand-computed figures on seeded data."""

import pytest

from channels_app import counters as channel_counters
from channels_app.documents import ChannelDailyStats
from channels_app.tests.helpers import subscribe
from dashboard.tests.helpers import DASHBOARD, day, rollup, watch_to
from engagement import comment_counts, likes
from engagement.tests.helpers import like, post_comment
from videos import counters as video_counters
from videos import tasks
from videos.documents import Video
from videos.tests.helpers import VIDEOS, ready_video

pytestmark = pytest.mark.redis


def test_stats_total_my_items_only(auth_client, make_user):
    owner = auth_client()
    first = ready_video(owner.user, views=10, likes=3, comments_count=2)
    second = ready_video(owner.user, views=5, likes=1, comments_count=4, visibility="private")
    Video(owner_id=owner.user.id, title="Draft").save()
    elsewhere = ready_video(make_user(), views=1000, likes=100, comments_count=50)
    rollup(first, -3, watch_seconds=120.4)
    rollup(second, 0, watch_seconds=30.0)
    rollup(elsewhere, 0, watch_seconds=9999.0)
    for _ in range(2):
        fan = auth_client()
        assert fan.put(f"/api/v1/channels/{owner.user.username}/subscription").status_code in (
            200,
            201,
        )
    assert owner.get(f"{DASHBOARD}/stats").json() == {
        "videos": 3,
        "views": 15,
        "subscribers": 2,
        "likes": 4,
        "comments": 6,
        "watch_time_seconds": 150,
    }


def test_my_items_include_private_drafts_and_sort(auth_client, make_user):
    owner = auth_client()
    public = ready_video(owner.user, title="public", views=5, likes=9)
    private = ready_video(owner.user, title="private", views=7, likes=1, visibility="private")
    draft = Video(owner_id=owner.user.id, title="draft").save()
    ready_video(make_user(), title="not mine", views=100)
    rollup(public, -1, watch_seconds=42.0)
    rollup(public, 0, watch_seconds=8.0)

    def titles(**params):
        return [
            item["title"] for item in owner.get(f"{DASHBOARD}/videos", params).json()["results"]
        ]

    assert titles() == ["draft", "private", "public"]
    assert titles(sort="views") == ["private", "public", "draft"]
    assert titles(sort="likes") == ["public", "private", "draft"]
    body = owner.get(f"{DASHBOARD}/videos").json()["results"]
    figures = {item["title"]: (item["status"], item["watch_time_seconds"]) for item in body}
    assert figures == {"draft": ("draft", 0), "private": ("ready", 0), "public": ("ready", 50)}
    assert owner.get(f"{DASHBOARD}/videos", {"sort": "oldest"}).status_code == 400
    assert owner.get(f"{DASHBOARD}/videos", {"sort": ""}).status_code == 400
    assert draft.id and private.id


def test_my_items_cost_the_same_reads_per_page(auth_client, reads_per_page):
    owner = auth_client()
    for index in range(30):
        rollup(ready_video(owner.user, title=f"item {index}"), 0, watch_seconds=float(index))
    assert reads_per_page(owner, f"{DASHBOARD}/videos") <= 7


def test_dashboard_needs_sign_in(api_client):
    for path in ("stats", "videos", "timeseries"):
        assert api_client.get(f"{DASHBOARD}/{path}").status_code == 401


def series(client, **params):
    return client.get(f"{DASHBOARD}/timeseries", params)


def test_views_and_watch_time_per_day_zero_filled(auth_client, make_user):
    owner = auth_client()
    first, second = ready_video(owner.user), ready_video(owner.user)
    rollup(first, -6, views=3, likes=1, watch_seconds=30.0)
    rollup(second, -6, views=2, likes=-1, watch_seconds=12.6)
    rollup(first, 0, views=4, likes=2, watch_seconds=5.0)
    rollup(first, -7, views=100)  # a day before the window
    rollup(ready_video(make_user()), 0, views=50)  # someone else's
    body = series(owner, metric="views", days=7).json()
    assert body["start"] == day(-6) and body["end"] == day()
    assert body["total"] == 9
    assert body["points"] == [
        {"date": day(offset), "value": value}
        for offset, value in zip(range(-6, 1), [5, 0, 0, 0, 0, 0, 4], strict=True)
    ]
    likes = series(owner, metric="likes", days=7).json()
    assert [p["value"] for p in likes["points"]] == [0, 0, 0, 0, 0, 0, 2]
    watched = series(owner, metric="watch_time", days=7).json()
    assert watched["total"] == 48 and watched["points"][0]["value"] == 43
    default = series(owner).json()
    assert default["metric"] == "views" and len(default["points"]) == 28
    assert default["total"] == 109


def test_a_range_by_start_and_end(auth_client):
    owner = auth_client()
    rollup(ready_video(owner.user), -10, views=6)
    body = series(owner, metric="views", start=day(-11), end=day(-9)).json()
    assert [p["value"] for p in body["points"]] == [0, 6, 0]
    assert (body["start"], body["end"], body["total"]) == (day(-11), day(-9), 6)


def test_subscribers_net_with_gained_and_lost(auth_client):
    owner = auth_client()
    ChannelDailyStats(channel_id=owner.user.id, day=day(-2), gained=5, lost=1).save()
    ChannelDailyStats(channel_id=owner.user.id, day=day(0), gained=1, lost=3).save()
    body = series(owner, metric="subscribers", days=3).json()
    assert body["points"] == [
        {"date": day(-2), "value": 4, "gained": 5, "lost": 1},
        {"date": day(-1), "value": 0, "gained": 0, "lost": 0},
        {"date": day(0), "value": -2, "gained": 1, "lost": 3},
    ]
    assert (body["total"], body["gained"], body["lost"]) == (2, 6, 4)


def test_start_and_end_go_together_and_ranges_are_capped(auth_client):
    owner = auth_client()
    for params, field in (
        ({"start": day(-3)}, "end"),
        ({"end": day(-3)}, "start"),
        ({"start": day(-3), "end": day(), "days": 3}, "days"),
        ({"start": day(), "end": day(-3)}, "end"),
        ({"start": "2020-01-01", "end": "2023-01-02"}, "end"),
        ({"days": 0}, "days"),
        ({"days": 1097}, "days"),
        ({"metric": "shares"}, "metric"),
        ({"start": "yesterday", "end": day()}, "start"),
    ):
        response = series(owner, **params)
        assert response.status_code == 400, params
        assert field in response.json()["error"]["fields"], params
    assert series(owner, start="2020-01-01", end="2022-12-31").status_code == 200
    assert len(series(owner, days=1096).json()["points"]) == 1096


def every_figure_shown(owner, api_client, video) -> dict:
    """The item's figures and the channel's as each endpoint that shows them shows them."""
    item = api_client.get(f"{VIDEOS}/{video.id}").json()
    listed = owner.get(f"{DASHBOARD}/videos").json()["results"]
    mine = next(entry for entry in listed if entry["id"] == str(video.id))
    analytics = owner.get(f"{DASHBOARD}/videos/{video.id}/analytics").json()
    stats = owner.get(f"{DASHBOARD}/stats").json()
    today = {
        metric: series(owner, metric=metric, days=1).json()["points"][-1]["value"]
        for metric in ("views", "likes", "subscribers")
    }
    return {
        "item": {
            "/videos/{id}": (item["views"], item["likes"], item["comments_count"]),
            "/dashboard/videos": (mine["views"], mine["likes"], mine["comments_count"]),
            "analytics": (analytics["views"], analytics["likes"], analytics["comments"]),
        },
        "today": {
            "analytics daily": tuple(
                analytics["daily"][-1][name] for name in ("views", "likes", "comments")
            ),
            "timeseries": (today["views"], today["likes"]),
            "subscribers timeseries": today["subscribers"],
        },
        "channel": (stats["views"], stats["likes"], stats["comments"], stats["subscribers"]),
    }


def test_every_endpoint_shows_the_same_figures_before_during_and_after_flushes(
    api_client, auth_client, clock, monkeypatch
):
    owner = auth_client()
    video = ready_video(owner.user, duration=100.0)
    ready_video(owner.user, views=7, likes=2, comments_count=1)  # figures of earlier days
    fan = auth_client()
    assert any(answer["counted"] for answer in watch_to(fan, video, clock, until=20))
    assert like(fan, video).status_code == 200
    assert post_comment(fan, video).status_code == 201
    assert subscribe(fan, owner.user).status_code == 201
    expected = {
        "item": dict.fromkeys(("/videos/{id}", "/dashboard/videos", "analytics"), (1, 1, 1)),
        "today": {
            "analytics daily": (1, 1, 1),
            "timeseries": (1, 1),
            "subscribers timeseries": 1,
        },
        "channel": (1 + 7, 1 + 2, 1 + 1, 1),
    }
    assert every_figure_shown(owner, api_client, video) == expected  # nothing flushed yet

    def killed_before_the_day(*args, **kwargs):
        raise SystemExit("worker killed")

    for module in (video_counters, channel_counters):
        monkeypatch.setattr(module, "fold_daily", killed_before_the_day)
    for flush in (
        video_counters.flush_views,
        likes.flush_like_counters,
        comment_counts.flush_comment_counters,
        channel_counters.flush_subscription_counters,
    ):
        with pytest.raises(SystemExit):
            flush()  # the items and the channel hold the batch, their day does not yet
    assert Video.objects.get(id=video.id).likes == 1
    assert every_figure_shown(owner, api_client, video) == expected

    monkeypatch.undo()
    tasks.flush_view_counters.delay()
    likes.flush_like_counters()
    comment_counts.flush_comment_counters()
    channel_counters.flush_subscription_counters()
    assert every_figure_shown(owner, api_client, video) == expected


def test_figures_with_hits_in_redis_cost_the_same_round_trips_for_2_or_20_items(
    auth_client, mongo_reads, redis_calls
):
    def costs(owner, video) -> list[tuple[int, int]]:
        found = []
        for url in (
            f"{DASHBOARD}/stats",
            f"{DASHBOARD}/videos/{video.id}/analytics",
            f"{DASHBOARD}/timeseries?metric=likes&days=7",
            f"{DASHBOARD}/timeseries?metric=subscribers&days=7",
        ):
            mongo_reads["n"] = redis_calls["n"] = 0
            assert owner.get(url).status_code == 200
            found.append((mongo_reads["n"], redis_calls["n"]))
        return found

    fan = auth_client()
    measured = []
    for size in (2, 20):
        owner = auth_client()
        videos = [ready_video(owner.user, likes=3) for _ in range(size)]
        for video in videos:
            assert like(fan, video).status_code == 200
        likes.flush_like_counters()
        for video in videos[: size // 2]:
            assert like(auth_client(), video).status_code == 200  # still in Redis
        body = owner.get(f"{DASHBOARD}/stats").json()
        assert body["likes"] == size * 4 + size // 2
        measured.append(costs(owner, videos[0]))
    assert measured[0] == measured[1]
