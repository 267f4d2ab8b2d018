"""The co-occurrence store behind up next: bounded per item and per viewer, decayed, expiring,
and exactly once per viewer and pair even when a flush dies half way."""

import time

import pytest
from bson import ObjectId

from common.redis import get_redis
from discovery.tests.helpers import finish, flush_views, reasons
from videos import cooccurrence
from videos.cooccurrence import CO_WATCH, EPOCH, ERA_HALF_LIVES, LEDGER_KEPT, era_of, note, weight
from videos.tests.helpers import VIDEOS, ready_video

pytestmark = pytest.mark.redis
DAY = 24 * 3600


def score(item, neighbour) -> float:
    """A pair's co-watch score now, as readers see it (below the floor they show too)."""
    now = cooccurrence.wall_clock()
    era = era_of(now)
    return sum(
        (get_redis().zscore(CO_WATCH.item_key(item, each), str(neighbour)) or 0.0)
        / weight(now, era=each)
        for each in (era, era - 1)
    )


def current(item) -> str:
    """The co-watch set of the item in the era of now."""
    return CO_WATCH.item_key(item, era_of(cooccurrence.wall_clock()))


def leftovers() -> list[str]:
    """Batches, plans or in-flight marks a flush left behind."""
    redis = get_redis()
    keys = [CO_WATCH.inflight_key, *redis.scan_iter("related:{co_watch}:*")]
    return [key for key in keys if redis.exists(key)]


@pytest.mark.parametrize("killed", ["before applying", "half way", "after applying"])
def test_a_flush_killed_part_way_pairs_each_viewer_once_when_run_again(
    killed, monkeypatch, auth_client, make_user, api_client
):
    item, other, third = (ready_video(make_user(), title=name) for name in ("x", "y", "z"))
    for _ in range(2):
        finish(auth_client(), item, other, third)
    apply = cooccurrence._apply

    def dies(*, signal, batch_id, plan):
        if killed == "half way":
            first = dict(list(plan["items"].items())[:1])
            apply(signal=signal, batch_id=batch_id, plan={"viewers": {}, "items": first})
        elif killed == "after applying":
            apply(signal=signal, batch_id=batch_id, plan=plan)
        raise RuntimeError("worker lost")

    with monkeypatch.context() as patched:
        patched.setattr(cooccurrence, "_apply", dies)
        with pytest.raises(RuntimeError):
            flush_views()
    flush_views()
    flush_views()
    for a, b in ((item, other), (other, item), (item, third), (third, other)):
        assert score(a.id, b.id) == pytest.approx(2.0, abs=1e-3)
    assert sorted(reasons(api_client, item)) == [("y", "co_watch", 2.0), ("z", "co_watch", 2.0)]
    assert leftovers() == []


def test_each_items_neighbours_and_each_viewers_items_stay_bounded_and_expire(monkeypatch):
    monkeypatch.setattr(cooccurrence, "NEIGHBOURS_KEPT", 5)
    monkeypatch.setattr(cooccurrence, "VIEWER_RECENT", 4)
    items = [ObjectId() for _ in range(12)]
    viewers = [ObjectId() for _ in range(3)]
    now = time.time()
    for batch in range(LEDGER_KEPT + 3):
        for viewer in viewers:
            for n, item in enumerate(items):
                note(signal=CO_WATCH, viewer_id=viewer, item_id=item, at=now - 1000 + batch + n)
        cooccurrence.flush(signal=CO_WATCH)
    redis = get_redis()
    for item in items:
        assert 0 < redis.zcard(current(item)) <= 5
        assert 0 < redis.ttl(current(item)) <= 4 * 30 * DAY
        assert redis.zcard(f"related:{{{item}}}:applied") <= LEDGER_KEPT
    for viewer in viewers:
        assert redis.zcard(CO_WATCH.viewer_key(viewer)) == 4
        assert 0 < redis.ttl(CO_WATCH.viewer_key(viewer)) <= 30 * DAY
    assert leftovers() == []


def test_new_pairs_outrank_stale_ones_so_pruning_keeps_what_is_current(monkeypatch, settings):
    settings.RELATED_HALF_LIFE_DAYS = 30
    monkeypatch.setattr(cooccurrence, "NEIGHBOURS_KEPT", 2)
    item, stale, older, fresh = (ObjectId() for _ in range(4))
    long_ago = time.time() - 120 * DAY  # four half-lives
    for n in range(4):
        viewer = ObjectId()
        note(signal=CO_WATCH, viewer_id=viewer, item_id=item, at=long_ago)
        note(signal=CO_WATCH, viewer_id=viewer, item_id=stale, at=long_ago)
        if n < 3:
            note(signal=CO_WATCH, viewer_id=viewer, item_id=older, at=long_ago)
    cooccurrence.flush(signal=CO_WATCH)
    assert score(item, stale) == pytest.approx(4 / 16, rel=1e-3)
    for _ in range(2):
        viewer = ObjectId()
        note(signal=CO_WATCH, viewer_id=viewer, item_id=item)
        note(signal=CO_WATCH, viewer_id=viewer, item_id=fresh)
    cooccurrence.flush(signal=CO_WATCH)
    kept = get_redis().zrevrange(current(item), 0, -1)
    assert kept == [str(fresh), str(stale)]
    assert score(item, fresh) == pytest.approx(2.0, rel=1e-3)
    # Below two viewers' worth, a pair does not show.
    assert cooccurrence.neighbours(item_id=item, limit=10)["co_watch"] == {
        fresh: pytest.approx(2.0, rel=1e-3)
    }


def test_a_deleted_items_neighbours_go_with_it(auth_client, make_user):
    owner = auth_client()
    item, other = ready_video(owner.user), ready_video(make_user())
    for _ in range(2):
        finish(auth_client(), item, other)
    flush_views()
    assert get_redis().exists(current(item.id))
    assert owner.delete(f"{VIDEOS}/{item.id}").status_code == 204
    assert not get_redis().exists(current(item.id), f"related:{{{item.id}}}:applied")
    assert get_redis().zscore(current(other.id), str(item.id)) is None
    assert cooccurrence.neighbours(item_id=other.id, limit=10) == {"co_watch": {}, "co_like": {}}


def test_weights_start_again_each_era_and_readers_add_the_last_ones(monkeypatch, settings):
    settings.RELATED_HALF_LIFE_DAYS = 1
    # A day into an era some 8 years on: weights since 2025 would be 2^3000, past any double.
    now = EPOCH + (47 * ERA_HALF_LIVES + 1) * DAY
    monkeypatch.setattr(cooccurrence, "wall_clock", lambda: now)
    item, other = ObjectId(), ObjectId()
    for at in (now - 2 * DAY, now - 2 * DAY, now - DAY / 2, now - DAY / 2):
        viewer = ObjectId()
        note(signal=CO_WATCH, viewer_id=viewer, item_id=item, at=at)
        note(signal=CO_WATCH, viewer_id=viewer, item_id=other, at=at)
    cooccurrence.flush(signal=CO_WATCH)
    era = era_of(now)
    assert era_of(now - 2 * DAY) == era - 1
    for each in (era, era - 1):
        assert 0 < get_redis().zscore(CO_WATCH.item_key(item, each), str(other)) <= 2**65
    expected = 2 * 2**-2 + 2 * 2**-0.5
    assert score(item, other) == pytest.approx(expected, rel=1e-6)
    assert cooccurrence.neighbours(item_id=other, limit=5)["co_watch"] == {
        item: pytest.approx(expected, rel=1e-6)
    }
