"""Load bench: a mixed workload against gunicorn on loopback with seeded data, and the cached item
detail against the /healthz floor in the same run.

Usage: python bench/load.py [--channels 1000] [--clients 4] [--seconds 3] [--rounds 3]
       [--hot 20] [--server uvicorn|gunicorn|gunicorn-uvicorn]

The server (--server) is the embedded run's uvicorn (the default: config/asgi_server.py, one
process), gunicorn as bench/social.py runs it (config/gunicorn.py, one gthread worker, --preload)
or gunicorn with the stack's uvicorn worker, over bench/load_app.py, which seeds the in-process
mongomock store: --channels channels with one public item and one tweet each, a reader following
10 of them, --clients signed-in users. Redis is real (REDIS_URL, or a private redis-server started
here).

Each round runs three timed phases of --seconds each (--clients threads, one keep-alive
connection each): GET /healthz alone (the floor), GET /api/v1/videos/{id} alone, anonymously over
--hot items (served from the cache after the first read of each), then the mixed workload, where
every thread loops over the routes of ROUTES in that order, each request checked. Routes whose
path the running schema lacks (search and comments, on builds before they landed) are skipped,
and said so. Latencies are pooled over the rounds; req/s of a mixed route is its share of the
mixed phase.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.range_serving import free_port, start_server, stop_server  # noqa: E402
from bench.social import print_figures, start_redis, summary, wait_ready  # noqa: E402

CACHED_FLOOR_TARGET = 0.5


@dataclass(frozen=True)
class Route:
    """One route of the mixed workload: how to call it and what a good answer is."""

    name: str
    method: str
    path: Callable[[dict, int, int], str]  # (state, client index, iteration) -> path
    signed_in: bool
    expect: int
    needs: str = ""  # an OpenAPI path the schema must have for the route to run
    body: Callable[[int], dict] | None = None


def _hot_item(state: dict, index: int, n: int) -> str:
    return state["items"][n % state["hot"]]


def _liked_item(state: dict, index: int, n: int) -> str:
    # Each client likes its own items, so every PUT and DELETE is a real change.
    return state["items"][state["hot"] + index + state["clients"] * (n % 50)]


ROUTES = [
    Route("GET /feed", "GET", lambda s, i, n: "/api/v1/feed", True, 200),
    Route(
        "GET /videos/{id} (anonymous)",
        "GET",
        lambda s, i, n: f"/api/v1/videos/{_hot_item(s, i, n)}",
        False,
        200,
    ),
    Route(
        "GET /videos/{id} (signed in)",
        "GET",
        lambda s, i, n: f"/api/v1/videos/{_hot_item(s, i, n + 7)}",
        True,
        200,
    ),
    Route(
        "PUT like", "PUT", lambda s, i, n: f"/api/v1/videos/{_liked_item(s, i, n)}/like", True, 200
    ),
    Route(
        "DELETE like",
        "DELETE",
        lambda s, i, n: f"/api/v1/videos/{_liked_item(s, i, n)}/like",
        True,
        200,
    ),
    Route(
        "GET /search",
        "GET",
        lambda s, i, n: f"/api/v1/search?q=item+{n % 100}",
        False,
        200,
        needs="/api/v1/search",
    ),
    Route(
        "POST /videos/{id}/comments",
        "POST",
        lambda s, i, n: f"/api/v1/videos/{_hot_item(s, i, n)}/comments",
        True,
        201,
        needs="/api/v1/videos/{id}/comments",
        body=lambda n: {"content": f"Nice one, number {n}"},
    ),
]


class Client:
    """One keep-alive connection; requests may carry a bearer token."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method: str, path: str, *, token: str = "", body: dict | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        began = time.perf_counter()
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - began

    def close(self) -> None:
        self.connection.close()


def phase(port: int, clients: int, seconds: float, step) -> tuple[dict[str, list[float]], float]:
    """Run step(client index, iteration, client) -> (route name, seconds) on every client for
    `seconds`; the latencies per route and the phase's length."""
    connections = [Client(port) for _ in range(clients)]
    latencies: list[dict[str, list[float]]] = [{} for _ in range(clients)]
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        deadline = time.perf_counter() + seconds
        try:
            for n in itertools.count():
                if time.perf_counter() >= deadline:
                    return
                route, elapsed = step(index, n, connections[index])
                latencies[index].setdefault(route, []).append(elapsed)
        except BaseException as exc:  # report it from the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for connection in connections:
        connection.close()
    if errors:
        raise errors[0]
    merged: dict[str, list[float]] = {}
    for per_client in latencies:
        for route, values in per_client.items():
            merged.setdefault(route, []).extend(values)
    return merged, elapsed


def checked(route: Route, status: int, body: bytes) -> None:
    if status != route.expect:
        raise RuntimeError(f"{route.method} {route.name}: {status} {body[:300]!r}")
    liked = route.method == "PUT"
    if route.name in ("PUT like", "DELETE like") and json.loads(body)["liked"] != liked:
        raise RuntimeError(f"{route.name} did not change the like: {body[:200]!r}")


def single(name: str, path_of: Callable[[int], str]):
    def step(index: int, n: int, client: Client):
        status, body, elapsed = client.call("GET", path_of(n))
        if status != 200:
            raise RuntimeError(f"{name}: {status} {body[:300]!r}")
        return name, elapsed

    return step


def mixed(routes: list[Route], state: dict):
    def step(index: int, n: int, client: Client):
        route = routes[n % len(routes)]
        token = state["likers"][index] if route.signed_in else ""
        if route.name == "GET /feed":
            token = state["readers"]["10"]
        body = route.body(n) if route.body else None
        status, data, elapsed = client.call(
            route.method, route.path(state, index, n // len(routes)), token=token, body=body
        )
        checked(route, status, data)
        return route.name, elapsed

    return step


def schema_paths(port: int) -> set[str]:
    client = Client(port)
    status, body, _ = client.call("GET", "/api/schema/?format=json")
    client.close()
    if status != 200:
        raise RuntimeError(f"schema: {status}")
    return set(json.loads(body)["paths"])


def cache_entries(redis_url: str) -> int:
    import redis

    connection = redis.Redis.from_url(redis_url)
    return sum(1 for _ in connection.scan_iter("cache:video:*"))


def server_command(server: str, port: int) -> list[str]:
    """gunicorn: config/gunicorn.py's gthread worker (WSGI); gunicorn-uvicorn: the same with the
    stack's uvicorn worker (ASGI); uvicorn: the embedded run's server, in one process."""
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        *("-c", str(ROOT / "config/gunicorn.py"), "--bind", f"127.0.0.1:{port}"),
        *("--workers", "1", "--preload", "--chdir", str(ROOT)),
    ]
    if server == "gunicorn":
        return [*gunicorn, "bench.load_app:application"]
    if server == "gunicorn-uvicorn":
        return [*gunicorn, "-k", "config.asgi_server.Worker", "bench.load_app:asgi_application"]
    serve = str(ROOT / "bench" / "asgi_serve.py")
    return [sys.executable, serve, "bench.load_app:asgi_application", f"127.0.0.1:{port}"]


def run(args: argparse.Namespace, tmp: Path) -> None:
    redis_url, redis_process = start_redis(tmp)
    port = free_port()
    state_path = tmp / "state.json"
    command = server_command(args.server, port)
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(tmp),
        "MONGODB_URI": "mongomock://localhost/loadbench",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "memory://localhost//",
        "GUNICORN_THREADS": str(args.clients),
        "SOCIAL_BENCH_CHANNELS": str(args.channels),
        "SOCIAL_BENCH_LIKERS": str(args.clients),
        "SOCIAL_BENCH_STATE": str(state_path),
        # A few bench users comment far more than a person may: lift the comment throttle.
        "THROTTLE_COMMENT": "1000000/h",
    }
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"cores: {os.cpu_count()}, 1-min load before starting: {load}")
    print(f"server ({args.server}): {' '.join(command[1:])}")
    print(
        f"data: {args.channels} channels with one public item and one tweet each; Mongo is the "
        "embedded in-process mongomock store (config/mongo_memory.py); Redis is real"
    )
    print(
        f"client: {args.clients} threads, one keep-alive connection each; {args.rounds} rounds of "
        f"3 phases x {args.seconds:g}s; item detail over {args.hot} hot items"
    )
    server = None
    results: dict[str, tuple[list[float], float]] = {}

    def record(outcome: tuple[dict[str, list[float]], float], suffix: str = "") -> None:
        latencies, elapsed = outcome
        for route, values in latencies.items():
            before, spent = results.get(route + suffix, ([], 0.0))
            results[route + suffix] = (before + values, spent + elapsed)

    try:
        server = start_server(command, log=tmp / "server.log", env={**os.environ, **env})
        wait_ready(server, port, tmp / "server.log", state_path)
        state = json.loads(state_path.read_text())
        state.update(hot=args.hot, clients=args.clients)
        paths = schema_paths(port)
        routes = [route for route in ROUTES if not route.needs or route.needs in paths]
        for route in ROUTES:
            if route not in routes:
                print(f"skipped: {route.name} ({route.needs} is not in this build's schema)")
        print(f"mix: {' -> '.join(route.name for route in routes)}")
        hot = state["items"][: args.hot]

        def detail(n: int) -> str:
            return f"/api/v1/videos/{hot[n % len(hot)]}"

        for round_number in range(args.rounds):
            floor = single("GET /healthz", lambda n: "/healthz")
            record(phase(port, args.clients, args.seconds, floor), " (alone)")
            cached = single("GET /videos/{id} cached, anonymous", detail)
            record(phase(port, args.clients, args.seconds, cached), " (alone)")
            record(phase(port, args.clients, args.seconds, mixed(routes, state)), " (mixed)")
            print(f"round {round_number + 1} done")
        print(f"cache entries for items in Redis: {cache_entries(redis_url)}")
    finally:
        if server is not None:
            stop_server(server)
        if redis_process is not None:
            stop_server(redis_process)

    figures = {route: summary(*outcome) for route, outcome in results.items()}
    print_figures(figures, width=46)
    mixed_total = sum(f["rps"] for route, f in figures.items() if route.endswith("(mixed)"))
    print(f"mixed workload, all routes: {mixed_total:.1f} req/s")
    ratio = (
        figures["GET /videos/{id} cached, anonymous (alone)"]["rps"]
        / figures["GET /healthz (alone)"]["rps"]
    )
    verdict = "PASS" if ratio >= CACHED_FLOOR_TARGET else "FAIL"
    print(
        f"cached item detail / floor req/s: {ratio:.2f} (target >= {CACHED_FLOOR_TARGET}): "
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000, help="channels (>= 1000)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per phase")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the phases")
    parser.add_argument("--hot", type=int, default=20, help="items read by item detail")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "gunicorn-uvicorn", "uvicorn"],
        default="uvicorn",
        help="the server (see server_command); uvicorn is the embedded run's",
    )
    args = parser.parse_args()
    if args.channels < 1000 or args.hot + args.clients * 50 > args.channels:
        raise SystemExit("need --channels >= 1000 and room for the hot and liked items")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="load-bench-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
