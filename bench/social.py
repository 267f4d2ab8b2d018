"""Benchmark the social routes under gunicorn: likes against the /healthz floor, and the feed
with 10 against 1,000 subscriptions.

Usage: .venv/bin/python bench/social.py [--channels 1000] [--clients 4] [--seconds 3]
       [--likes 400] [--rounds 3] [--slices 2]

gunicorn runs config/gunicorn.py with one worker process (gthread) and --preload, because
bench/social_app.py seeds the in-process mongomock store at import (the forked worker inherits
it): --channels channels that each posted one public item and one tweet, a reader following 10
of them and one following 1,000, and --clients users who like. Redis is real: REDIS_URL, or a
private redis-server started here. The client is a pool of threads, each with one keep-alive
http.client connection. Each round runs every route in turn: GET /healthz, PUT like on items
not liked yet, DELETE like on the same items (so every like request is a real change), and
GET /api/v1/feed as each reader, in slices that alternate the readers (so both see the same
machine load); latencies are pooled over the rounds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.range_serving import free_port, start_server, stop_server  # noqa: E402

LIKE_FLOOR_TARGET = 0.5
FEED_RATIO_TARGET = 1.5


class Client:
    """One keep-alive connection, signed in or not."""

    def __init__(self, port: int, token: str = ""):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str) -> tuple[int, bytes, float]:
        """Status, body and seconds of one request."""
        began = time.perf_counter()
        self.connection.request(method, path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - began

    def close(self) -> None:
        self.connection.close()


def run_phase(port: int, tokens: list[str], work) -> tuple[list[float], float]:
    """Run work(client_index, client) -> [seconds, ...] on one fresh connection per token at once
    (fresh: gunicorn closes connections idle for a few seconds, as between phases)."""
    clients = [Client(port, token) for token in tokens]
    latencies: list[list[float]] = [[] for _ in clients]
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            latencies[index] = work(index, clients[index])
        except BaseException as exc:  # report it from the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(clients))]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for client in clients:
        client.close()
    if errors:
        raise errors[0]
    return [value for values in latencies for value in values], elapsed


def timed_gets(path: str, seconds: float):
    def work(index: int, client: Client) -> list[float]:
        latencies, deadline = [], time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            status, body, elapsed = client.call("GET", path)
            if status != 200:
                raise RuntimeError(f"GET {path}: {status} {body[:200]!r}")
            latencies.append(elapsed)
        return latencies

    return work


def like_calls(method: str, items_per_client: list[list[str]]):
    expected = 200

    def work(index: int, client: Client) -> list[float]:
        latencies = []
        for item in items_per_client[index]:
            status, body, elapsed = client.call(method, f"/api/v1/videos/{item}/like")
            if status != expected or json.loads(body)["liked"] != (method == "PUT"):
                raise RuntimeError(f"{method} like: {status} {body[:200]!r}")
            latencies.append(elapsed)
        return latencies

    return work


def start_redis(tmp: Path) -> tuple[str, subprocess.Popen | None]:
    """REDIS_URL if set, else a private redis-server without persistence."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], None
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp)]
    process = start_server(command, log=tmp / "redis.log")
    return f"redis://127.0.0.1:{port}/0", process


def wait_ready(process: subprocess.Popen, port: int, log: Path, state: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            client = Client(port)
            status, _, _ = client.call("GET", "/healthz")
            client.close()
            if status == 200 and state.exists():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"no answer on port {port}:\n{log.read_text()[-3000:]}")


def summary(latencies: list[float], elapsed: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "n": len(ordered),
    }


def print_figures(figures: dict[str, dict], *, width: int) -> None:
    """The per-route table: req/s, p50 and p99 in ms, requests."""
    print(f"\n{'route':<{width}} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'requests':>9}")
    for route, figure in figures.items():
        print(
            f"{route:<{width}} {figure['rps']:>9.1f} {figure['p50']:>9.2f} {figure['p99']:>9.2f} "
            f"{figure['n']:>9d}"
        )


def check(port: int, state: dict) -> None:
    """The routes answer what they should before anything is timed."""
    for count, expected_channels in (("10", 10), ("1000", 1000)):
        client = Client(port, state["readers"][count])
        status, body, _ = client.call("GET", "/api/v1/feed")
        client.close()
        page = json.loads(body)["results"]
        kinds = {entry["type"] for entry in page}
        if status != 200 or len(page) != 20 or kinds != {"video", "tweet"}:
            raise RuntimeError(f"feed of reader{count}: {status} {body[:300]!r}")
        print(f"checked: reader{count} follows {expected_channels} channels, feed page of 20")


def run(args: argparse.Namespace, tmp: Path) -> None:
    redis_url, redis_process = start_redis(tmp)
    port = free_port()
    state_path = tmp / "state.json"
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        *("-c", str(ROOT / "config/gunicorn.py"), "--bind", f"127.0.0.1:{port}"),
        *("--workers", "1", "--preload", "--chdir", str(ROOT), "bench.social_app:application"),
    ]
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(tmp),
        "MONGODB_URI": "mongomock://localhost/socialbench",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "memory://localhost//",
        "GUNICORN_THREADS": str(args.clients),
        "SOCIAL_BENCH_CHANNELS": str(args.channels),
        "SOCIAL_BENCH_LIKERS": str(args.clients),
        "SOCIAL_BENCH_STATE": str(state_path),
    }
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"cores: {os.cpu_count()}, 1-min load before starting: {load}")
    print(f"server: {' '.join(f'{k}={v}' for k, v in env.items())} {' '.join(command)}")
    print(
        f"data: {args.channels} channels with one public item and one tweet each; "
        "Mongo is in-process mongomock with config/mongo_memory.py's speed-ups (no indexes; "
        "a query that fixes a field to ids walks only their documents)"
    )
    print(
        f"client: {args.clients} threads, one keep-alive connection each; {args.rounds} rounds "
        f"of {args.seconds:g}s per GET route (the feed: {args.slices} such slices per reader, "
        f"alternating the two) and {args.likes} PUT + {args.likes} DELETE likes"
    )
    server = None
    try:
        server = start_server(command, log=tmp / "gunicorn.log", env={**os.environ, **env})
        wait_ready(server, port, tmp / "gunicorn.log", state_path)
        state = json.loads(state_path.read_text())
        check(port, state)
        anonymous = [""] * args.clients
        readers = {count: [state["readers"][count]] * args.clients for count in ("10", "1000")}
        results: dict[str, tuple[list[float], float]] = {}

        def record(route: str, outcome: tuple[list[float], float]) -> None:
            latencies, elapsed = results.get(route, ([], 0.0))
            results[route] = (latencies + outcome[0], elapsed + outcome[1])

        items = state["items"]
        per_round = args.likes // args.clients
        for round_number in range(args.rounds):
            floor = timed_gets("/healthz", args.seconds)
            record("GET /healthz", run_phase(port, anonymous, floor))
            start = round_number * per_round
            chunks = [items[start : start + per_round] for _ in range(args.clients)]
            record("PUT like", run_phase(port, state["likers"], like_calls("PUT", chunks)))
            record("DELETE like", run_phase(port, state["likers"], like_calls("DELETE", chunks)))
            # Both readers in alternating slices (10, 1000, then 1000, 10, ...), so a drift in
            # the machine's load weighs on both alike.
            for feed_slice in range(args.slices):
                order = list(readers.items())
                for count, tokens in order if feed_slice % 2 == 0 else order[::-1]:
                    feed = timed_gets("/api/v1/feed", args.seconds)
                    record(f"GET /feed ({count} subscriptions)", run_phase(port, tokens, feed))
            print(f"round {round_number + 1} done")
    finally:
        if server is not None:
            stop_server(server)
        if redis_process is not None:
            stop_server(redis_process)

    figures = {route: summary(*outcome) for route, outcome in results.items()}
    print_figures(figures, width=34)
    floor = figures["GET /healthz"]["rps"]
    for route in ("PUT like", "DELETE like"):
        ratio = figures[route]["rps"] / floor
        verdict = "PASS" if ratio >= LIKE_FLOOR_TARGET else "FAIL"
        print(f"{route} / floor req/s: {ratio:.2f} (target >= {LIKE_FLOOR_TARGET}): {verdict}")
    feed_ratio = (
        figures["GET /feed (1000 subscriptions)"]["p50"]
        / figures["GET /feed (10 subscriptions)"]["p50"]
    )
    verdict = "PASS" if feed_ratio <= FEED_RATIO_TARGET else "FAIL"
    print(f"feed(1000) / feed(10) p50: {feed_ratio:.2f} (target <= {FEED_RATIO_TARGET}): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000, help="channels (>= 1000)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per GET route")
    parser.add_argument("--likes", type=int, default=400, help="PUT likes per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every route")
    parser.add_argument(
        "--slices", type=int, default=2, help="feed slices per round, alternating the readers"
    )
    args = parser.parse_args()
    if args.channels < 1000 or args.likes // args.clients * args.rounds > args.channels:
        raise SystemExit("need --channels >= 1000 and enough items for every round's likes")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="social-bench-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
