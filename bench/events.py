"""Event streams bench: how many idle streams one server process holds, and how long a stored
notification takes to reach its client with many streams open.

Usage: python bench/events.py [--streams 2000] [--delay-at 1000] [--samples 200]

The server is the embedded run's (bench/asgi_serve.py: uvicorn, one process) over
bench/events_app.py, which seeds --streams listeners into the in-process mongomock store; Redis
is real (REDIS_URL, or a private redis-server started here). The client, in this process, is
asyncio with one raw HTTP/1.1 connection per stream, each a different user (bearer token), each
counted open once its first event (the unread figure) arrived.

1. Streams are opened --step at a time up to --delay-at; then --samples times, one at a time, the
   bench asks the server to store a notification for a random open listener: the server calls
   notifications.delivery.notify and records the time just before; the client records when the
   `notification` event arrives. Delay = arrival - call (one machine, one clock).
2. Streams are opened on up to --streams; the server's RSS (/proc/<pid>/status) is read after
   each step, and at the end one notification per 100 streams checks that they still answer.
Targets: >= 2,000 idle streams within 300 MB RSS; delay p50 <= 100 ms, p99 <= 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.range_serving import free_port, stop_server  # noqa: E402
from bench.social import start_redis  # noqa: E402

STREAMS_TARGET, RSS_TARGET_MB = 2000, 300
P50_TARGET_MS, P99_TARGET_MS = 100, 500


class Stream:
    """One client connection reading a text/event-stream (chunked) and parsing its events."""

    def __init__(self, index: int):
        self.index = index
        self.ready = asyncio.Event()
        self.notified: asyncio.Queue[float] = asyncio.Queue()
        self.closed = False

    async def run(self, port: int, token: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
            f"Authorization: Bearer {token}\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"stream {self.index}: {head[:200]!r}")
        text = b""
        try:
            while True:
                size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
                if size == 0:
                    break
                text += (await reader.readexactly(size + 2))[:-2]
                while b"\n\n" in text:
                    block, text = text.split(b"\n\n", 1)
                    self._event(block.decode())
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.closed = True
            writer.close()

    def _event(self, block: str) -> None:
        fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line)
        if fields.get("event") == "unread_count":
            self.ready.set()
        elif fields.get("event") == "notification":
            self.notified.put_nowait(time.time())


def status(pid: int, field: str) -> int:
    """A figure of /proc/<pid>/status (VmRSS in kB, Threads)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def rss_mb(pid: int) -> float:
    return status(pid, "VmRSS") / 1024


async def open_streams(streams, tasks, port: int, tokens: list[str], upto: int, step: int):
    """Open streams up to `upto`, `step` at a time, each counted once its first event came."""
    while len(streams) < upto:
        batch = [Stream(index) for index in range(len(streams), min(upto, len(streams) + step))]
        for stream in batch:
            tasks.append(asyncio.create_task(stream.run(port, tokens[stream.index])))
        streams.extend(batch)
        await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in batch)), timeout=300)


async def notify(server, stream: Stream, n: int) -> float:
    """Have the server store a notification for this stream's user; when it arrived."""
    server.stdin.write(f"notify {stream.index} {n}\n".encode())
    server.stdin.flush()
    return await asyncio.wait_for(stream.notified.get(), timeout=10)


def read_calls(path: Path) -> dict[int, float]:
    return {
        int(n): float(called)
        for n, called in (line.split() for line in path.read_text().splitlines())
    }


async def drive(args, server, port: int, tokens: list[str], calls: Path) -> None:
    streams: list[Stream] = []
    tasks: list[asyncio.Task] = []
    began = time.perf_counter()
    baseline = rss_mb(server.pid)
    print(f"server RSS before any stream: {baseline:.0f} MB")
    await open_streams(streams, tasks, port, tokens, args.delay_at, args.step)
    print(
        f"{len(streams)} streams open in {time.perf_counter() - began:.1f}s, "
        f"server RSS {rss_mb(server.pid):.0f} MB"
    )
    arrivals: dict[int, float] = {}
    for n in range(args.samples):
        arrivals[n] = await notify(server, random.choice(streams), n)
        await asyncio.sleep(args.pause_ms / 1000)
    await asyncio.sleep(0.5)
    called = read_calls(calls)
    delays = sorted((arrivals[n] - called[n]) * 1000 for n in arrivals)
    p50 = statistics.median(delays)
    p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
    print(
        f"notification delay with {len(streams)} streams open, {len(delays)} samples: "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {delays[-1]:.1f} ms"
    )
    steps = []
    while len(streams) < args.streams:
        await open_streams(streams, tasks, port, tokens, len(streams) + args.step, args.step)
        steps.append((len(streams), rss_mb(server.pid)))
        threads = status(server.pid, "Threads")
        print(f"{len(streams)} streams open: server RSS {steps[-1][1]:.0f} MB, {threads} threads")
    for n, stream in enumerate(streams[:: max(1, len(streams) // 20)], start=args.samples):
        await notify(server, stream, n)
    alive = sum(not stream.closed for stream in streams)
    held, rss = len(streams), rss_mb(server.pid)
    per_stream = (rss - baseline) * 1024 / max(1, held)
    print(
        f"idle streams held: {held} ({alive} still open after a sample of them was notified), "
        f"server RSS {rss:.0f} MB ({per_stream:.0f} kB per stream over the {baseline:.0f} MB "
        "baseline)"
    )
    for task in tasks:
        task.cancel()
    verdicts = {
        f"idle streams >= {STREAMS_TARGET} within {RSS_TARGET_MB} MB RSS": held >= STREAMS_TARGET
        and alive == held
        and rss <= RSS_TARGET_MB,
        f"delay p50 <= {P50_TARGET_MS} ms": p50 <= P50_TARGET_MS,
        f"delay p99 <= {P99_TARGET_MS} ms": p99 <= P99_TARGET_MS,
    }
    for target, met in verdicts.items():
        print(f"{target}: {'PASS' if met else 'FAIL'}")


def run(args: argparse.Namespace, tmp: Path) -> None:
    redis_url, redis_process = start_redis(tmp)
    port = free_port()
    state, calls, log = tmp / "state.json", tmp / "calls.txt", tmp / "server.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(tmp),
        "MONGODB_URI": "mongomock://localhost/eventsbench",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "memory://localhost//",
        "EVENTS_BENCH_USERS": str(args.streams),
        "EVENTS_BENCH_STATE": str(state),
        "EVENTS_BENCH_CALLS": str(calls),
    }
    command = [
        sys.executable,
        str(ROOT / "bench" / "asgi_serve.py"),
        "bench.events_app:application",
        f"127.0.0.1:{port}",
    ]
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"cores: {os.cpu_count()}, 1-min load before starting: {load}")
    print(f"server: {' '.join(command[1:])} (one process; Mongo in it, Redis real)")
    print(
        f"client: asyncio, one connection per stream and user; opened {args.step} at a time; "
        f"{args.samples} notifications at {args.delay_at} streams, {args.pause_ms} ms apart"
    )
    with open(log, "wb") as out:
        server = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        while not state.exists() or not state.stat().st_size:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        time.sleep(1)
        tokens = json.loads(state.read_text())["tokens"]
        asyncio.run(drive(args, server, port, tokens, calls))
    finally:
        stop_server(server)
        if redis_process is not None:
            stop_server(redis_process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=2000, help="idle streams to open")
    parser.add_argument("--delay-at", type=int, default=1000, help="streams open while timing")
    parser.add_argument("--samples", type=int, default=200, help="notifications timed")
    parser.add_argument("--pause-ms", type=int, default=20, help="pause between notifications")
    parser.add_argument("--step", type=int, default=250, help="streams opened at a time")
    args = parser.parse_args()
    if not 0 < args.delay_at <= args.streams:
        raise SystemExit("need 0 < --delay-at <= --streams")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 2 * args.streams + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="events-bench-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
