"""Trending lists computed from seeded rollups: order, score parts, what never appears."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard import tasks
from dashboard.tests.helpers import rollup
from engagement import comment_counts, likes
from engagement.tests.helpers import like, post_comment
from videos.documents import VideoDailyStats
from videos.tests.helpers import VIDEOS, ready_video

pytestmark = pytest.mark.redis

TRENDING = "/api/v1/trending"


@pytest.fixture(autouse=True)
def _half_life(settings):
    settings.TRENDING_HALF_LIFE_HOURS = 24


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def ranked(client, url=TRENDING, **params):
    body = client.get(url, params).json()
    return [(item["title"], item["score"], item["score_parts"]) for item in body["results"]]


def test_order_and_score_parts(api_client, auth_client, make_user):
    old_recency = 10 * 0.5**10  # published ten days ago, half-life a day
    owner = auth_client()
    a = ready_video(make_user(), title="a", published_at=ago(days=10))
    b = ready_video(owner.user, title="b", published_at=ago(days=10))
    ready_video(make_user(), title="fresh")
    rollup(a, 0, views=10, likes=3, comments=1)
    rollup(a, -1, views=20)
    rollup(a, -10, views=1024)
    rollup(b, 0, views=40)
    # The owner likes their own item: the flushed like lands in today's rollup, and trending
    # takes it out again.
    assert owner.put(f"{VIDEOS}/{b.id}/like").status_code == 200
    likes.flush_like_counters()
    for hidden in (
        ready_video(make_user(), title="private", visibility="private"),
        ready_video(make_user(), title="unlisted", visibility="unlisted"),
        ready_video(make_user(), title="draft", published=False),
        ready_video(make_user(is_active=False), title="suspended"),
    ):
        rollup(hidden, 0, views=1000)
    assert tasks.refresh_trending.delay().get() == {"24h": 3, "7d": 3, "30d": 3}

    week = ranked(api_client, window="7d")
    assert [title for title, _, _ in week] == ["a", "b", "fresh"]
    _, score, parts = week[0]
    assert parts == pytest.approx(
        {"views": 10 + 20 / 2, "likes": 5 * 3, "comments": 10 * 1, "recency": old_recency},
        abs=1e-4,
    )
    assert score == pytest.approx(sum(parts.values()), abs=1e-3)
    assert week[1][2] == pytest.approx(
        {"views": 40.0, "likes": 0.0, "comments": 0.0, "recency": old_recency}, abs=1e-4
    )
    assert week[2][2]["recency"] == pytest.approx(10.0, abs=0.01)
    assert week[2][2]["views"] == 0.0
    month = ranked(api_client, window="30d")
    assert month[0][2]["views"] == pytest.approx(10 + 20 / 2 + 1024 / 2**10, abs=1e-4)
    assert ranked(api_client) == week  # 7d by default
    assert ranked(api_client, url=VIDEOS, sort="trending") == week


def test_days_holding_only_some_figures_count_what_they_hold(api_client, auth_client, make_user):
    liked = ready_video(make_user(), title="liked", published_at=ago(days=20))
    discussed = ready_video(make_user(), title="discussed", published_at=ago(days=20))
    fan = auth_client()
    assert like(fan, liked).status_code == 200
    likes.flush_like_counters()
    assert post_comment(fan, discussed).status_code == 201
    comment_counts.flush_comment_counters()
    # Each day document holds only the figure its flush wrote (no views, no other part).
    stored = {d["video_id"]: d for d in VideoDailyStats._get_collection().find({}, {"_id": 0})}
    assert "views" not in stored[liked.id] and "comments" not in stored[liked.id]
    assert "views" not in stored[discussed.id] and "likes" not in stored[discussed.id]
    tasks.refresh_trending.delay()
    parts = {title: parts for title, _, parts in ranked(api_client)}
    assert parts["liked"]["likes"] == 5.0 and parts["liked"]["comments"] == 0.0
    assert parts["discussed"]["comments"] == 10.0 and parts["discussed"]["likes"] == 0.0


def test_the_owners_own_comments_do_not_count(api_client, auth_client, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "comment": "100/h"}
    owner = auth_client()
    chatty = ready_video(owner.user, title="chatty", published_at=ago(days=20))
    watched = ready_video(make_user(), title="watched", published_at=ago(days=20))
    rollup(watched, 0, views=50)
    for n in range(20):
        assert post_comment(owner, chatty, f"My own note {n}").status_code == 201
    fans_word = post_comment(auth_client(), chatty, "A fan's word").json()
    assert post_comment(owner, chatty, "Thanks!", parent=fans_word["id"]).status_code == 201
    comment_counts.flush_comment_counters()
    tasks.refresh_trending.delay()
    week = ranked(api_client)
    assert [title for title, _, _ in week] == ["watched", "chatty"]
    assert week[1][2]["comments"] == 10.0  # the fan's comment alone


def test_items_hidden_after_the_refresh_drop_out_at_once(api_client, auth_client):
    owner = auth_client()
    first = ready_video(owner.user, title="first")
    ready_video(owner.user, title="second", kind="audio")
    rollup(first, 0, views=5)
    tasks.refresh_trending.delay()
    assert [t for t, _, _ in ranked(api_client)] == ["first", "second"]
    assert [t for t, _, _ in ranked(api_client, url=VIDEOS, sort="trending", kind="audio")] == [
        "second"
    ]
    owner.patch(f"{VIDEOS}/{first.id}", {"visibility": "private"}, format="json")
    assert [t for t, _, _ in ranked(api_client)] == ["second"]


def test_pages_follow_the_ranking(api_client, make_user, mongo_reads):
    for n in range(5):
        rollup(ready_video(make_user(), title=f"item {n}", published_at=ago(days=20)), 0, views=n)
    tasks.refresh_trending.delay()
    mongo_reads["n"] = 0
    first = api_client.get(TRENDING, {"limit": 2}).json()
    reads = mongo_reads["n"]
    assert [item["title"] for item in first["results"]] == ["item 4", "item 3"]
    second = api_client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["item 2", "item 1"]
    last = api_client.get(second["next"]).json()
    assert [item["title"] for item in last["results"]] == ["item 0"] and last["next"] is None
    assert api_client.get(last["previous"]).json()["results"] == second["results"]
    mongo_reads["n"] = 0
    api_client.get(TRENDING, {"limit": 5})
    assert mongo_reads["n"] == reads


def test_unknown_windows_are_refused(api_client):
    assert api_client.get(TRENDING, {"window": "1y"}).status_code == 400
    assert api_client.get(VIDEOS, {"sort": "trending", "window": "1y"}).status_code == 400
    assert api_client.get(TRENDING).json() == {"results": [], "next": None, "previous": None}
