"""Acknowledged writes per second against a live `manage.py serve`, with the store journal and
without it (same run, same load), and the restart time with a 100k-write journal.

The load is what tests/test_embedded_durability.py drives too: a few users, each on a thread of
its own, liking and unliking an item and tweets, subscribing and unsubscribing, posting and
deleting tweets and comments. Each writer keeps a ledger of what the server acknowledged (2xx),
and what it cannot know (a request cut off by a crash) as unknown.

    .venv/bin/python bench/embedded_writes.py [--seconds 10] [--writers 4] [--journal-writes 100000]
"""

import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time
import urllib.error
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.range_serving import free_port, start_server, stop_server
from tests.live import PASSED_ENV, call, sign_up, upload, wait_for

PASSWORD = "a-long-pass-phrase"
UNKNOWN = None
# The load writes far faster than people do: the per-user throttles would answer 429.
LOAD_ENV = {
    "THROTTLE_REGISTER": "100000/h",
    "THROTTLE_TWEET": "100000/h",
    "THROTTLE_COMMENT": "100000/h",
    "THROTTLE_LOGIN_ADDRESS": "100000/h",
}
ROOT = Path(__file__).resolve().parent.parent


class EmbeddedServer:
    """`manage.py serve` processes started one after the other on one var/ directory."""

    def __init__(self, root: Path, **env: str):
        self.root = root
        self.var_dir = root / "var"
        self.env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
        self.env.update(VAR_DIR=str(self.var_dir), PYTHONUNBUFFERED="1", **LOAD_ENV, **env)
        self.runs = 0
        self.process = None
        self.base = ""
        self.log = root / "serve.log"

    def start(self) -> float:
        """Start and wait until it answers; returns the seconds that took."""
        self.runs += 1
        port = free_port()
        self.log = self.root / f"serve-{self.runs}.log"
        command = [sys.executable, str(ROOT / "manage.py"), "serve", f"127.0.0.1:{port}"]
        started = time.monotonic()
        self.process = start_server(command, log=self.log, env=self.env)
        self.base = f"http://127.0.0.1:{port}"

        def answering() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited:\n{self.log.read_text()[-4000:]}")
            return call(self.base, "GET", "/healthz")[0] == 200

        wait_for(answering, seconds=120, log=self.log, what="the embedded server to answer")
        return time.monotonic() - started

    def kill(self) -> None:
        """kill -9, as a crash or the OOM killer does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def terminate(self) -> int:
        """SIGTERM, as a service manager sends it; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)

    def close(self) -> None:
        if self.process is not None:
            stop_server(self.process)


@dataclass
class Ledger:
    """What the server acknowledged, per thing written: True (there), False (gone), UNKNOWN."""

    likes: dict = field(default_factory=dict)
    subscriptions: dict = field(default_factory=dict)
    tweets: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    acknowledged: int = 0
    refused: list = field(default_factory=list)


@dataclass
class World:
    """The users (name → session) and what they write about."""

    sessions: dict
    item_id: str | None
    tweet_ids: list
    ledger: Ledger = field(default_factory=Ledger)

    def token(self, user: str) -> str:
        return self.sessions[user]["access"]


def populate(server: EmbeddedServer, *, users: int, clip: Path | None) -> World:
    """Sign up `users` users, each with two tweets; the first uploads `clip` (comments need an
    item) and waits for it to be ready."""
    sessions = {}
    for number in range(users):
        name = f"writer{number}"
        sessions[name] = sign_up(server.base, server.log, username=name, password=PASSWORD)
    world = World(sessions=sessions, item_id=None, tweet_ids=[])
    for name in sessions:
        for number in range(2):
            status, _, tweet = call(
                server.base,
                "POST",
                "/api/v1/tweets",
                {"content": f"{name} {number}"},
                world.token(name),
            )
            assert status == 201, tweet
            world.tweet_ids.append(tweet["id"])
    if clip is not None:
        owner = next(iter(sessions))
        world.item_id = upload(server.base, world.token(owner), clip, title="Under load")["id"]

        def ready():
            item = call(
                server.base, "GET", f"/api/v1/videos/{world.item_id}", token=world.token(owner)
            )[2]
            return item["status"] == "ready"

        wait_for(ready, seconds=120, log=server.log, what="the item to be processed")
    return world


class Writer(threading.Thread):
    """One user's writes, at full speed, until stopped."""

    def __init__(self, world: World, user: str, base: str, stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.world, self.user, self.base, self.stop = world, user, base, stop
        self.random = random.Random(seed)
        self.mine_tweets: list = []
        self.mine_comments: list = []

    def run(self) -> None:
        actions = [self.like, self.subscribe, self.tweet, self.delete_tweet]
        if self.world.item_id:
            actions += [self.like_item, self.comment, self.delete_comment]
        while not self.stop.is_set():
            self.random.choice(actions)()

    def _send(self, method: str, path: str, body: dict | None = None):
        """(status, body), or None when the server cannot have seen it (refused), or UNKNOWN."""
        try:
            status, _, answer = call(self.base, method, path, body, self.world.token(self.user))
        except ConnectionRefusedError:
            return None
        except (OSError, HTTPException) as exc:
            if isinstance(exc, urllib.error.URLError) and isinstance(
                exc.reason, ConnectionRefusedError
            ):
                return None
            return UNKNOWN, None
        if status >= 300 and status != 404:
            self.world.ledger.refused.append((method, path, status, answer))
        return status, answer

    def _toggle(self, ledger: dict, key, path: str) -> None:
        want = not ledger.get(key, False)
        answer = self._send("PUT" if want else "DELETE", path)
        if answer is None:
            return
        status, _ = answer
        if status is UNKNOWN:
            ledger[key] = UNKNOWN
        elif status < 300:
            ledger[key] = want
            self.world.ledger.acknowledged += 1

    def like(self) -> None:
        tweet_id = self.random.choice(self.world.tweet_ids)
        key = (self.user, "tweet", tweet_id)
        self._toggle(self.world.ledger.likes, key, f"/api/v1/tweets/{tweet_id}/like")

    def like_item(self) -> None:
        key = (self.user, "video", self.world.item_id)
        self._toggle(self.world.ledger.likes, key, f"/api/v1/videos/{self.world.item_id}/like")

    def subscribe(self) -> None:
        channel = self.random.choice([name for name in self.world.sessions if name != self.user])
        key = (self.user, channel)
        path = f"/api/v1/channels/{channel}/subscription"
        self._toggle(self.world.ledger.subscriptions, key, path)

    def _post(self, path: str, ledger: dict, mine: list) -> None:
        answer = self._send("POST", path, {"content": f"{self.user} says {self.random.random()}"})
        if answer is not None and answer[0] == 201:
            ledger[answer[1]["id"]] = True
            mine.append(answer[1]["id"])
            self.world.ledger.acknowledged += 1

    def _remove(self, path: str, ledger: dict, mine: list) -> None:
        if not mine:
            return
        thing = mine.pop(self.random.randrange(len(mine)))
        answer = self._send("DELETE", path.format(thing))
        if answer is None:
            mine.append(thing)
        elif answer[0] is UNKNOWN:
            ledger[thing] = UNKNOWN
        elif answer[0] == 204:
            ledger[thing] = False
            self.world.ledger.acknowledged += 1

    def tweet(self) -> None:
        self._post("/api/v1/tweets", self.world.ledger.tweets, self.mine_tweets)

    def delete_tweet(self) -> None:
        self._remove("/api/v1/tweets/{}", self.world.ledger.tweets, self.mine_tweets)

    def comment(self) -> None:
        path = f"/api/v1/videos/{self.world.item_id}/comments"
        self._post(path, self.world.ledger.comments, self.mine_comments)

    def delete_comment(self) -> None:
        self._remove("/api/v1/comments/{}", self.world.ledger.comments, self.mine_comments)


def drive(world: World, base: str, *, writers: int, seed: int) -> tuple[threading.Event, list]:
    """Start one writer per user (up to `writers`); set the event to stop them."""
    stop = threading.Event()
    threads = [
        Writer(world, user, base, stop, seed * 100 + number)
        for number, user in enumerate(list(world.sessions)[:writers])
    ]
    for thread in threads:
        thread.start()
    return stop, threads


def halt(stop: threading.Event, threads: list) -> None:
    stop.set()
    for thread in threads:
        thread.join(timeout=60)


def measure(server: EmbeddedServer, world: World, *, seconds: float, writers: int) -> float:
    """Acknowledged writes per second over `seconds` of load."""
    before = world.ledger.acknowledged
    stop, threads = drive(world, server.base, writers=writers, seed=int(time.time()))
    time.sleep(seconds)
    halt(stop, threads)
    return (world.ledger.acknowledged - before) / seconds


def journal_of(size: int, root: Path) -> tuple[float, float]:
    """Fill a journal with `size` writes in a process killed before any snapshot, then time the
    start that replays it; returns the seconds until the server answers, for an empty start and
    for that one."""
    server = EmbeddedServer(root, STORE_SNAPSHOT_SECONDS="3600")
    empty = server.start()
    populate(server, users=2, clip=None)
    server.kill()
    filler = [sys.executable, str(ROOT / "bench" / "fill_journal.py"), str(size)]
    env = {**server.env, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    process = start_server(filler, log=root / "fill.log", env=env)
    if process.wait(timeout=600) != 0:
        raise RuntimeError((root / "fill.log").read_text()[-3000:])
    seconds = server.start()
    replayed = [line for line in server.log.read_text().splitlines() if "Replayed" in line]
    print(replayed[-1] if replayed else "(nothing replayed)")
    server.close()
    return empty, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--journal-writes", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rates = {}
        for journal in ("true", "false"):
            root = Path(tmp) / f"journal-{journal}"
            root.mkdir()
            server = EmbeddedServer(root, STORE_JOURNAL=journal)
            try:
                server.start()
                world = populate(server, users=args.writers, clip=None)
                rates[journal] = measure(server, world, seconds=args.seconds, writers=args.writers)
            finally:
                server.close()
        print(
            f"acknowledged writes/s, {args.writers} writers, {args.seconds:.0f} s each: "
            f"journal {rates['true']:.0f}, no journal {rates['false']:.0f}, "
            f"ratio {rates['true'] / rates['false']:.2f}"
        )
        root = Path(tmp) / "restart"
        root.mkdir()
        empty, seconds = journal_of(args.journal_writes, root)
        print(
            f"restart with a {args.journal_writes}-write journal: {seconds:.1f} s to answer "
            f"(an empty start: {empty:.1f} s)"
        )


if __name__ == "__main__":
    main()
