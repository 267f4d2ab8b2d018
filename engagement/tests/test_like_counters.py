"""Like counters against the real Redis: no like lost or doubled by a killed flush, a Redis
restart only delays figures until reconcile, readers never see a figure go backwards while
nobody unlikes, and racing like/unlike pairs end with the truth."""

import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.utils.module_loading import import_string
from rest_framework.test import APIClient

from channels_app.tests.helpers import same_user
from common.counters import BufferedCounter
from common.redis import get_redis
from common.tests.helpers import first_write_loses
from engagement import comment_counts, likes, tasks
from engagement.counters import video_likes
from engagement.documents import Like
from engagement.tests.helpers import like, post_comment, tweet, unlike
from videos.documents import Video, VideoDailyStats
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def shown(client, target) -> int:
    kind = "videos" if isinstance(target, Video) else "tweets"
    return client.get(f"/api/v1/{kind}/{target.id}").json()["likes"]


def stored(target) -> int:
    return type(target).objects.get(id=target.id).likes


def let_quiet_period_pass() -> None:
    for key in get_redis().scan_iter("counter:*:touched:*"):
        get_redis().delete(key)


def kill_between_claim_and_apply(monkeypatch):
    """Make every flush die right after it renamed the pending hash to a batch (its claim)."""

    def killed(self, batch_id, counts):
        raise SystemExit("worker killed")

    monkeypatch.setattr(BufferedCounter, "_apply", killed)


@pytest.fixture
def fine_thread_switches():
    """Threads interleave at a much finer grain, as requests do on a many-core server."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(before)


@contextmanager
def held_after_write(monkeypatch, method: str):
    """The next `method` (insert_one or delete_one) on likes waits, once it wrote, until
    `released` is set or a second passed: its request has changed the record but not counted
    it yet. `written` is set once it wrote."""
    collection_class = type(Like._get_collection())
    real = getattr(collection_class, method)
    written, released = threading.Event(), threading.Event()

    def held(self, *args, **kwargs):
        result = real(self, *args, **kwargs)
        if self.name == "likes" and not written.is_set():
            written.set()
            released.wait(1.0)
        return result

    monkeypatch.setattr(collection_class, method, held)
    yield written, released


@pytest.fixture
def targets(make_user):
    owner = make_user()
    return ready_video(owner), tweet(owner)


def test_a_flush_killed_between_claim_and_apply_loses_and_doubles_nothing(
    api_client, auth_client, targets, monkeypatch
):
    fans = [auth_client() for _ in range(5)]
    for target in targets:
        for fan in fans:
            like(fan, target)
    real_apply = BufferedCounter._apply
    kill_between_claim_and_apply(monkeypatch)
    with pytest.raises(SystemExit):
        likes.flush_like_counters()
    assert get_redis().zcard(video_likes.gained.inflight_key) == 1
    assert not get_redis().exists(video_likes.gained.pending_key)
    assert [stored(target) for target in targets] == [0, 0]
    assert [shown(api_client, target) for target in targets] == [5, 5]

    unlike(fans[0], targets[0])  # lands in a new pending hash beside the stranded batch
    monkeypatch.setattr(BufferedCounter, "_apply", real_apply)
    likes.flush_like_counters()
    likes.flush_like_counters()
    assert [stored(target) for target in targets] == [4, 5]
    assert [shown(api_client, target) for target in targets] == [4, 5]
    assert VideoDailyStats.objects.get(video_id=targets[0].id).likes == 4


def test_a_flush_killed_after_applying_part_of_a_batch_counts_nothing_twice(
    api_client, auth_client, make_user, monkeypatch
):
    owner = make_user()
    videos = [ready_video(owner) for _ in range(3)]
    for video in videos:
        like(auth_client(), video)
    real_apply = BufferedCounter._apply

    def dies_after_first_document(self, batch_id, counts):
        first = dict([next(iter(counts.items()))])
        real_apply(self, batch_id, first)
        raise SystemExit("worker killed")

    monkeypatch.setattr(BufferedCounter, "_apply", dies_after_first_document)
    with pytest.raises(SystemExit):
        likes.flush_like_counters()
    assert sorted(stored(video) for video in videos) == [0, 0, 1]
    assert [shown(api_client, video) for video in videos] == [1, 1, 1]
    monkeypatch.setattr(BufferedCounter, "_apply", real_apply)
    likes.flush_like_counters()
    assert [stored(video) for video in videos] == [1, 1, 1]
    assert [d.likes for d in VideoDailyStats.objects] == [1, 1, 1]


def test_a_day_first_written_by_two_flushes_at_once_keeps_both_batches(
    auth_client, make_user, monkeypatch
):
    video = ready_video(make_user())
    assert like(auth_client(), video).status_code == 200
    assert post_comment(auth_client(), video).status_code == 201
    with first_write_loses(
        monkeypatch, collection="video_daily_stats", rival=likes.flush_like_counters
    ) as raced:
        comment_counts.flush_comment_counters()
    assert raced
    figures = VideoDailyStats.objects.get(video_id=video.id)
    assert (figures.likes, figures.comments) == (1, 1)
    comment_counts.flush_comment_counters()  # the batch is folded once, however often it runs
    assert VideoDailyStats.objects.get(video_id=video.id).comments == 1


def test_a_redis_flushall_only_delays_figures_until_reconcile(
    api_client, auth_client, make_user, caplog
):
    owner = make_user()
    video, post = ready_video(owner), tweet(owner)
    phantom = ready_video(owner, likes=7)  # a stored figure no like documents stand for
    fans = [auth_client() for _ in range(6)]
    for fan in fans[:4]:
        like(fan, video)
        like(fan, post)
    likes.flush_like_counters()
    for fan in fans[4:]:
        like(fan, video)
    unlike(fans[0], post)
    assert (shown(api_client, video), shown(api_client, post)) == (6, 3)

    get_redis().flushall()  # Redis restarted without persistence
    assert (shown(api_client, video), shown(api_client, post)) == (4, 4)

    caplog.set_level("INFO")
    assert tasks.reconcile_like_counters.delay().get() == 3
    assert (shown(api_client, video), shown(api_client, post)) == (6, 3)
    assert shown(api_client, phantom) == 0
    assert [stored(video), stored(post), stored(phantom)] == [6, 3, 0]
    logged = {
        record.msg["target_type"]: record.msg
        for record in caplog.records
        if isinstance(record.msg, dict) and record.msg.get("event") == "likes_reconciled"
    }
    assert (logged["video"]["repaired"], logged["video"]["amount"]) == (2, 2 + 7)
    assert (logged["tweet"]["repaired"], logged["tweet"]["amount"]) == (1, 1)
    assert tasks.reconcile_like_counters.delay().get() == 0


def test_reconcile_leaves_targets_with_recent_activity_alone(api_client, auth_client, make_user):
    video = ready_video(make_user())
    like(auth_client(), video)
    get_redis().flushall()
    like(auth_client(), video)  # touched now: its delta may be in flight while reconcile runs
    assert likes.reconcile_like_counters()["video"].repaired == 0
    assert shown(api_client, video) == 1
    let_quiet_period_pass()
    assert likes.reconcile_like_counters()["video"].repaired == 1
    assert shown(api_client, video) == 2


@pytest.fixture
def reads_seen(monkeypatch):
    """The filters of every find and the first $match of every aggregation, per collection."""
    collection_class = type(Like._get_collection())
    seen: dict[str, list] = {}
    real_find, real_aggregate = collection_class.find, collection_class.aggregate

    def find(self, filter=None, *args, **kwargs):
        seen.setdefault(self.name, []).append(filter or {})
        return real_find(self, filter, *args, **kwargs)

    def aggregate(self, pipeline, *args, **kwargs):
        first = pipeline[0].get("$match", {}) if pipeline else {}
        seen.setdefault(self.name, []).append(first)
        return real_aggregate(self, pipeline, *args, **kwargs)

    monkeypatch.setattr(collection_class, "find", find)
    monkeypatch.setattr(collection_class, "aggregate", aggregate)
    return seen


def named_ids(where) -> set:
    """The ids a filter names (by _id or by target), or None when it names none."""
    for field in ("_id", "target_id"):
        value = where.get(field)
        if isinstance(value, dict) and "$in" in value:
            return set(value["$in"])
        if value is not None and not isinstance(value, dict):
            return {value}
    return None


def test_reconcile_looks_only_at_what_changed_since_its_last_run(
    auth_client, make_user, settings, reads_seen
):
    owner = make_user()
    videos = [ready_video(owner) for _ in range(12)]
    fans = [auth_client() for _ in range(3)]
    for video in videos:
        like(fans[0], video)
    likes.flush_like_counters()
    let_quiet_period_pass()
    settings.RECONCILE_SWEEP_DOCS = 0  # no slow sweep in this run
    assert likes.reconcile_like_counters()["video"].checked == 12
    like(fans[1], videos[3])
    unlike(fans[0], videos[7])
    Video._get_collection().update_one({"_id": videos[3].id}, {"$inc": {"likes": 5}})  # drift
    let_quiet_period_pass()
    reads_seen.clear()
    repairs = likes.reconcile_like_counters()
    assert {kind: repair.checked for kind, repair in repairs.items()} == {
        "video": 2,
        "tweet": 0,
        "comment": 0,
    }
    assert repairs["video"].repaired == 1
    for name in ("videos", "likes"):
        for where in reads_seen.get(name, []):
            assert named_ids(where) <= {videos[3].id, videos[7].id}, (name, where)
    assert [stored(video) for video in videos[3:8:4]] == [2, 0]
    assert likes.reconcile_like_counters()["video"].checked == 0  # nothing changed since


def test_a_slow_sweep_finds_drift_in_documents_nobody_touched(auth_client, make_user, settings):
    owner = make_user()
    videos = [ready_video(owner, likes=n) for n in (0, 3, 0, 1, 0)]  # no likes stand for 3 and 1
    like(auth_client(), videos[2])
    likes.flush_like_counters()
    let_quiet_period_pass()
    settings.RECONCILE_SWEEP_DOCS = 2
    runs = [likes.reconcile_like_counters()["video"] for _ in range(3)]
    assert [run.checked for run in runs] == [1 + 2, 2, 1]  # the changed item, then the sweep
    assert sum(run.repaired for run in runs) == 2
    assert [stored(video) for video in videos] == [0, 0, 1, 0, 0]


def test_a_reconcile_out_of_time_stops_and_the_next_run_resumes(
    auth_client, make_user, settings, monkeypatch
):
    owner = make_user()
    videos = [ready_video(owner) for _ in range(6)]
    fan = auth_client()
    for video in videos:
        like(fan, video)
    likes.flush_like_counters()
    Video._get_collection().update_many({}, {"$set": {"likes": 4}})  # every one drifted
    let_quiet_period_pass()
    settings.RECONCILE_SWEEP_DOCS = 0
    settings.RECONCILE_BUDGET_SECONDS = 10
    monkeypatch.setattr("common.reconcile.RECONCILE_CHUNK", 2)
    now = [0.0]

    def clock() -> float:  # each look at the clock finds 6 s more gone
        now[0] += 6
        return now[0]

    monkeypatch.setattr("common.reconcile.clock", clock)
    runs = [likes.reconcile_like_counters()["video"] for _ in range(4)]
    assert [(run.checked, run.repaired) for run in runs] == [(2, 2), (2, 2), (2, 2), (0, 0)]
    assert [stored(video) for video in videos] == [1] * 6


def test_reconcile_repairs_nothing_after_normal_operation(auth_client, make_user, monkeypatch):
    owner = make_user()
    video, post = ready_video(owner), tweet(owner)
    fans = [auth_client() for _ in range(4)]
    for fan in fans:
        like(fan, video)
        like(fan, post)
    likes.flush_like_counters()
    unlike(fans[0], video)
    like(auth_client(), post)
    real_apply = BufferedCounter._apply
    kill_between_claim_and_apply(monkeypatch)
    with pytest.raises(SystemExit):
        likes.flush_like_counters()  # a batch is left claimed but not applied
    monkeypatch.setattr(BufferedCounter, "_apply", real_apply)
    let_quiet_period_pass()
    repairs = likes.reconcile_like_counters()
    assert {kind: repair.repaired for kind, repair in repairs.items()} == {
        "video": 0,
        "tweet": 0,
        "comment": 0,
    }
    assert (stored(video), stored(post)) == (3, 5)


def test_a_reader_never_sees_a_figure_go_backwards_while_nobody_unlikes(
    api_client, auth_client, make_user, monkeypatch
):
    rng = random.Random(9)
    owner = make_user()
    video, post = ready_video(owner), tweet(owner)
    fans = [auth_client() for _ in range(40)]
    real_apply = BufferedCounter._apply
    last = {video.id: 0, post.id: 0}
    liked = {video.id: 0, post.id: 0}
    for fan in fans:
        for target in (video, post):
            if rng.random() < 0.7:
                like(fan, target)
                liked[target.id] += 1
        step = rng.choice(["flush", "killed", "read", "read"])
        if step == "flush":
            likes.flush_like_counters()
        elif step == "killed":
            kill_between_claim_and_apply(monkeypatch)
            with pytest.raises(SystemExit):
                likes.flush_like_counters()
            monkeypatch.setattr(BufferedCounter, "_apply", real_apply)
        for target in (video, post):
            figure = shown(api_client, target)
            assert figure >= last[target.id]
            last[target.id] = figure
    likes.flush_like_counters()
    assert [shown(api_client, target) for target in (video, post)] == [
        liked[video.id],
        liked[post.id],
    ]


def test_more_flushes_than_a_document_remembers_batches_count_nothing_twice(
    api_client, auth_client, make_user
):
    video = ready_video(make_user())
    for count in range(1, 31):
        like(auth_client(), video)
        likes.flush_like_counters()
        assert shown(api_client, video) == stored(video) == count


def test_reads_racing_a_flushing_beat_never_go_backwards(
    api_client, auth_client, make_user, atomic_mongo_writes
):
    video = ready_video(make_user())
    fans = [auth_client() for _ in range(60)]
    stop = threading.Event()

    def beat():
        while not stop.wait(0.002):
            likes.flush_like_counters()

    flusher = threading.Thread(target=beat)
    flusher.start()
    try:
        last = 0
        for fan in fans:
            assert like(fan, video).status_code == 200
            for _ in range(2):
                figure = shown(api_client, video)
                assert figure >= last
                last = figure
    finally:
        stop.set()
        flusher.join()
    likes.flush_like_counters()
    assert shown(api_client, video) == stored(video) == 60


def test_fifty_like_unlike_pairs_racing_from_one_user_end_with_the_truth(
    api_client, auth_client, targets, atomic_mongo_writes
):
    fan = auth_client()
    for target in targets:
        calls = [like, unlike] * 50
        random.Random(5).shuffle(calls)
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(
                pool.map(lambda call, t=target: call(same_user(fan), t).status_code, calls)
            )
        assert set(statuses) == {200}
    likes.flush_like_counters()
    for target in targets:
        truth = Like.objects(target_id=target.id).count()
        assert truth in (0, 1)
        assert stored(target) == shown(api_client, target) == truth
    let_quiet_period_pass()
    assert {k: r.repaired for k, r in likes.reconcile_like_counters().items()} == {
        "video": 0,
        "tweet": 0,
        "comment": 0,
    }


@pytest.mark.parametrize(
    ("first", "then", "liked_before"),
    [(like, unlike, False), (unlike, like, True)],
    ids=["unlike-overtakes-like", "like-overtakes-unlike"],
)
def test_a_change_overtaking_the_same_fans_earlier_one_never_shows_an_impossible_figure(
    api_client, auth_client, make_user, monkeypatch, first, then, liked_before
):
    video = ready_video(make_user())
    fan = auth_client()
    if liked_before:
        like(fan, video)
    answers, seen = {}, []
    method = "insert_one" if first is like else "delete_one"
    with held_after_write(monkeypatch, method) as (written, released):
        earlier = threading.Thread(target=lambda: answers.update(first=first(fan, video)))
        earlier.start()
        assert written.wait(5)
        later = threading.Thread(target=lambda: answers.update(then=then(same_user(fan), video)))
        later.start()
        later.join(0.3)  # the later change may finish while the earlier one is not counted
        seen.extend(shown(api_client, video) for _ in range(3))
        released.set()
        earlier.join()
        later.join()
    seen.extend(answer.json()["likes"] for answer in answers.values())
    assert all(0 <= figure <= 1 for figure in seen), seen
    truth = Like.objects(target_id=video.id).count()
    assert shown(api_client, video) == truth
    likes.flush_like_counters()
    assert shown(api_client, video) == stored(video) == truth


def test_figures_shown_while_six_fans_race_likes_and_unlikes_stay_possible(
    api_client, auth_client, targets, atomic_mongo_writes, fine_thread_switches
):
    video, post = targets
    fans = [auth_client() for _ in range(6)]
    stop = threading.Event()
    seen = []

    def beat():
        while not stop.wait(0.001):
            likes.flush_like_counters()

    def read():
        reader = APIClient()
        while not stop.is_set():
            seen.extend(shown(reader, target) for target in (video, post))

    def race(call, fan, target):
        answer = call(same_user(fan), target)
        assert answer.status_code == 200
        seen.append(answer.json()["likes"])

    calls = [
        (call, fan, target) for fan in fans for target in targets for call in (like, unlike) * 8
    ]
    random.Random(3).shuffle(calls)
    helpers = [threading.Thread(target=beat), threading.Thread(target=read)]
    for thread in helpers:
        thread.start()
    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            for job in [pool.submit(race, *call) for call in calls]:
                job.result()
    finally:
        stop.set()
        for thread in helpers:
            thread.join()
    assert seen
    assert min(seen) >= 0 and max(seen) <= len(fans), sorted(set(seen))
    likes.flush_like_counters()
    for target in targets:
        assert shown(api_client, target) == Like.objects(target_id=target.id).count()


def test_beat_schedules_like_and_subscription_flushes_and_reconciles(settings):
    from config.celery_app import app

    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["engagement.tasks.flush_like_counters"] == settings.LIKE_FLUSH_SECONDS
    assert (
        schedule["engagement.tasks.reconcile_like_counters"] == settings.COUNTER_RECONCILE_SECONDS
    )
    assert (
        schedule["channels_app.tasks.flush_subscription_counters"]
        == settings.SUBSCRIPTION_FLUSH_SECONDS
    )
    assert "channels_app.tasks.reconcile_subscription_counters" in schedule
    route = app.amqp.router.route
    for task in schedule:
        assert import_string(task).name == task
        assert route({}, task)["queue"].name == "default"
