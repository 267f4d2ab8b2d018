"""The embedded run never loses a write it acknowledged: writers on several threads against a live
`manage.py serve`, killed with SIGKILL at random moments (one of them in the middle of a save)
or stopped with SIGTERM while they write; after each restart every acknowledged write is there
and every counter equals the records it counts."""

import os
import random
import time
from pathlib import Path

import pytest

from bench.embedded_writes import EmbeddedServer, World, drive, halt, populate
from tests.live import call, wait_for
from videos.samples import make_clip

pytestmark = pytest.mark.slow

WRITERS = 4


def read_all(base: str, path: str, token: str) -> list[dict]:
    """Every entry of a cursor-paginated list."""
    found, page = [], path
    while page:
        status, _, body = call(base, "GET", page, token=token)
        assert status == 200, body
        found += body["results"]
        page = body["next"][body["next"].index("/api/") :] if body["next"] else None
    return found


def assert_kept(base: str, world: World) -> None:
    """Every acknowledged write is there, and every figure equals its records."""
    ledger = world.ledger
    assert not ledger.refused, ledger.refused[:5]
    assert ledger.acknowledged > 0
    users = list(world.sessions)
    targets = [("tweet", tweet_id) for tweet_id in world.tweet_ids]
    if world.item_id:
        targets.append(("video", world.item_id))
    for kind, target_id in targets:
        path = f"/api/v1/{kind}s/{target_id}"
        likers = 0
        for user in users:
            status, _, shown = call(base, "GET", path, token=world.token(user))
            assert status == 200, shown
            expected = ledger.likes.get((user, kind, target_id), False)
            if expected is not None:
                assert shown["is_liked"] is expected, (user, kind, target_id)
            likers += shown["is_liked"]
        assert shown["likes"] == likers, (kind, target_id, shown["likes"], likers)
    following = dict.fromkeys(users, 0)
    for channel in users:
        subscribers = 0
        for user in users:
            status, _, shown = call(
                base, "GET", f"/api/v1/channels/{channel}", token=world.token(user)
            )
            assert status == 200, shown
            expected = ledger.subscriptions.get((user, channel), False)
            if expected is not None and user != channel:
                assert shown["is_subscribed"] is expected, (user, channel)
            subscribers += shown["is_subscribed"]
            following[user] += shown["is_subscribed"]
        assert shown["subscribers_count"] == subscribers, (channel, shown, subscribers)
    for user in users:
        status, _, shown = call(base, "GET", f"/api/v1/channels/{user}")
        assert shown["subscriptions_count"] == following[user], (user, shown)
    reader = world.token(users[0])
    for tweet_id, there in ledger.tweets.items():
        if there is not None:
            status, _, _ = call(base, "GET", f"/api/v1/tweets/{tweet_id}", token=reader)
            assert status == (200 if there else 404), (tweet_id, there)
    if world.item_id:
        comments = read_all(base, f"/api/v1/videos/{world.item_id}/comments", reader)
        listed = {comment["id"] for comment in comments}
        for comment_id, there in ledger.comments.items():
            if there is not None:
                assert (comment_id in listed) is there, (comment_id, there)
        item = call(base, "GET", f"/api/v1/videos/{world.item_id}", token=reader)[2]
        assert item["comments_count"] == len(listed)


def tasks_waiting_on_a_fifo(pid: int) -> bool:
    """Whether a thread of `pid` is blocked opening a FIFO (the save writing the snapshot)."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if "partner" in (task / "wchan").read_text() or "fifo" in (task / "wchan").read_text():
                return True
        except OSError:
            continue
    return False


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("durable")
    server = EmbeddedServer(root, STORE_SNAPSHOT_SECONDS="1")
    server.start()
    world = populate(server, users=WRITERS, clip=make_clip(root, seconds=1))
    yield server, world
    server.close()


def test_acknowledged_writes_survive_kill_9_at_random_moments_and_during_a_save(loaded):
    server, world = loaded
    rounds = random.Random(int(time.time()))
    partial = server.var_dir / "store.snapshot.tmp"
    for number in range(4):
        stop, threads = drive(world, server.base, writers=WRITERS, seed=number)
        time.sleep(rounds.uniform(1.0, 3.0))
        if number == 1:
            # The next save opens a FIFO in place of its temporary file and blocks there: the
            # kill lands in the middle of a save, after the copy and before the rename.
            wait_for(lambda: not partial.exists(), seconds=10, log=server.log, what="a save to end")
            os.mkfifo(partial, 0o600)
            wait_for(
                lambda: tasks_waiting_on_a_fifo(server.process.pid),
                seconds=10,
                log=server.log,
                what="a save to start writing",
            )
            time.sleep(0.3)
        server.kill()
        halt(stop, threads)
        server.start()
        if number == 1:
            assert "left by a save that was cut short" in server.log.read_text()
            assert not partial.exists() or partial.is_file()
        assert "Counters recounted from their records" in server.log.read_text()
        assert_kept(server.base, world)


def test_acknowledged_writes_survive_sigterm_under_load(loaded):
    server, world = loaded
    stop, threads = drive(world, server.base, writers=WRITERS, seed=99)
    time.sleep(2.0)
    assert server.terminate() == 0
    halt(stop, threads)
    server.start()
    assert_kept(server.base, world)


def test_killed_without_a_journal_the_last_snapshot_still_has_consistent_counters(tmp_path):
    server = EmbeddedServer(tmp_path, STORE_SNAPSHOT_SECONDS="1", STORE_JOURNAL="false")
    try:
        server.start()
        world = populate(server, users=WRITERS, clip=None)
        stop, threads = drive(world, server.base, writers=WRITERS, seed=7)
        time.sleep(2.5)
        server.kill()
        halt(stop, threads)
        server.start()
        # Acknowledged writes since the last snapshot may be gone; figures still match records.
        world.ledger.likes = {key: None for key in world.ledger.likes}
        world.ledger.subscriptions = {key: None for key in world.ledger.subscriptions}
        world.ledger.tweets = {}
        assert_kept(server.base, world)
    finally:
        server.close()
