"""Benchmark HTTP Range serving by GET /api/v1/videos/{id}/stream: under gunicorn against nginx,
and through nginx by X-Accel-Redirect against nginx serving the file directly.

Usage: .venv/bin/python bench/range_serving.py [--size-mb 1024] [--range-mb 64] [--requests 32]
       [--rounds 9] [--downloads 4] [--paths gunicorn,accel] [--worker gthread|uvicorn]

"gunicorn" (STREAM_DELIVERY=direct): both servers serve the same file on loopback in the same
run: ours through the real URL, view, selector and media storage (bench/range_app.py seeds the
video into in-process mongomock, hence gunicorn --preload with one worker; otherwise
config/gunicorn.py as is), nginx with sendfile on.

One client, identical for both: raw HTTP/1.1 over one keep-alive connection per server, mode and
round, ranges of --range-mb at varying offsets. It runs in two modes:
- "discard" lets the kernel drop each body unread (recv MSG_TRUNC), so the client is not the
  bottleneck: this is the server-bound figure held to the target (ours / nginx >= 0.80);
- "copy" reads each body into a reused 256 KiB buffer, like a real client; on loopback the copy
  usually caps both servers, so its ratio is printed for information.
Rounds alternate the servers (nginx, ours, nginx, ours...); medians are reported. Rounds vary a
lot on a small shared machine: raise --rounds for a steadier median. /proc/<worker>/io tells
whether gunicorn sent each response with one os.sendfile() or read it block by block.
--worker uvicorn runs the stack's ASGI worker instead (no sendfile: blocks read in a thread).

"accel" (STREAM_DELIVERY=accel): Debian's nginx with the repo's template (rendered for loopback,
as tests/nginx.py does) in front of the same app. Whole-file downloads, bodies discarded, rounds
alternating the two paths through the one nginx: the stream URL (the app checks access and
answers an X-Accel-Redirect, nginx sends the file) and /media/ mapped to the same folder (nginx
alone). Held to accel / direct >= 0.95 (medians), and to under 5 ms of the app's time per
download: the mean duration_ms of the app's own request log lines, with the gunicorn worker's
CPU time per download beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bson import ObjectId

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import nginx as front  # noqa: E402

TARGET_RATIO = 0.80
# nginx sending a file after our X-Accel-Redirect, against sending it directly.
ACCEL_TARGET_RATIO = 0.95
# The app only checks access and signs the redirect, however large the file.
APP_THREAD_TARGET_MS = 5.0
MIB = 1024 * 1024
BLOCK = 16 * MIB
COPY_CHUNK = 256 * 1024
HEAD_END = b"\r\n\r\n"
MODES = {"discard": False, "copy": True}
NGINX_CONF = """\
{user}daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{}}
http {{
    sendfile on;
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            root {root};
        }}
    }}
}}
"""


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_source(path: Path, size: int) -> None:
    """Write `size` bytes by repeating one random 16 MiB block, then flush them to disk."""
    path.parent.mkdir(parents=True)
    block = os.urandom(BLOCK)
    with open(path, "wb") as handle:
        for start in range(0, size, BLOCK):
            handle.write(block[: min(BLOCK, size - start)])
        handle.flush()
        os.fsync(handle.fileno())


def offsets(*, size: int, length: int, count: int) -> list[int]:
    """`count` range starts spread over the file, neither page-aligned nor in order."""
    span = size - length + 1
    return [(index * 7919 * 4099 + index * 13) % span for index in range(count)]


def get_range(
    sock: socket.socket,
    path: str,
    start: int | None,
    length: int,
    buffer: memoryview,
    *,
    copy: bool,
    digest=None,
) -> dict[str, str]:
    """GET one range (start None: the whole file, `length` bytes) on a keep-alive connection;
    return the status and lower-cased headers.

    copy=True reads the body into the reused `buffer`, COPY_CHUNK at a time (feeding `digest`
    if given); copy=False lets the kernel drop it unread.
    """
    wanted = "" if start is None else f"Range: bytes={start}-{start + length - 1}\r\n"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{wanted}\r\n".encode())
    peeked = b""
    while HEAD_END not in peeked:
        peeked = sock.recv(65536, socket.MSG_PEEK)
        if not peeked:
            raise ConnectionError(f"{path}: connection closed before the response headers")
    head = sock.recv(peeked.index(HEAD_END) + len(HEAD_END), socket.MSG_WAITALL)
    lines = head.decode("latin-1").split("\r\n")
    headers = {"status": lines[0].split()[1]}
    for line in filter(None, lines[1:]):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    left = int(headers.get("content-length", 0))
    while left:
        if copy:
            read = sock.recv_into(buffer, min(left, COPY_CHUNK))
            if digest is not None:
                digest.update(buffer[:read])
        else:
            read = sock.recv_into(buffer, min(left, len(buffer)), socket.MSG_TRUNC)
        if not read:
            raise ConnectionError(f"{path}: connection closed {left} bytes before the body's end")
        left -= read
    expected = "200" if start is None else "206"
    if headers["status"] != expected or headers.get("content-length") != str(length):
        raise RuntimeError(f"{path}: {headers['status']}, {headers.get('content-length')} bytes")
    return headers


def verify(*, port: int, path: str, source: Path, size: int, length: int) -> None:
    """One odd range: 206, the right Content-Range and the file's bytes (sha256)."""
    start = size // 3 + 12345
    length = min(length, size - start)
    digest = hashlib.sha256()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        headers = get_range(
            sock, path, start, length, memoryview(bytearray(COPY_CHUNK)), copy=True, digest=digest
        )
    content_range = f"bytes {start}-{start + length - 1}/{size}"
    if headers.get("content-range") != content_range:
        raise RuntimeError(f"{path}: Content-Range {headers.get('content-range')!r}")
    with open(source, "rb") as handle:
        handle.seek(start)
        if hashlib.sha256(handle.read(length)).digest() != digest.digest():
            raise RuntimeError(f"{path}: body differs from the file slice")


def measure(*, port: int, path: str, starts: list, length: int, copy: bool) -> float:
    """GB/s (10^9 bytes) moving every range (None: the whole file) over one keep-alive
    connection."""
    buffer = memoryview(bytearray(min(length, BLOCK)))
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        began = time.perf_counter()
        for start in starts:
            get_range(sock, path, start, length, buffer, copy=copy)
        elapsed = time.perf_counter() - began
    return len(starts) * length / elapsed / 1e9


def start_server(command: list[str], *, log: Path, env: dict[str, str] | None = None):
    """Start a server in its own process group, its output going to `log`."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_ready(process: subprocess.Popen, port: int, path: str, log: Path) -> None:
    """Poll until `path` serves a range; fail with the log's tail if the server dies or hangs."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                get_range(sock, path, 0, 1, memoryview(bytearray(1)), copy=True)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer on port {port}:\n{log.read_text()[-3000:]}")


def wait_healthy(process: subprocess.Popen, port: int, log: Path) -> None:
    """Poll the app's /healthz until it answers 200; fail with the log's tail if it dies."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer on port {port}:\n{log.read_text()[-3000:]}")


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by start_server() and everything it forked."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_pid(master: int) -> int:
    """The single gunicorn worker forked by `master`."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker, found {children}")
    return int(children[0])


def read_syscalls(pid: int) -> int:
    """Read-type syscalls (read, sendfile; not recv) a process made so far, per /proc/<pid>/io."""
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("syscr:"):
            return int(line.split()[1])
    raise RuntimeError(f"no syscr in /proc/{pid}/io")


@dataclass(frozen=True)
class Source:
    """The benchmark's file, stored as a ready public video's source in the media storage."""

    video_id: str
    name: str
    media_root: Path
    size: int

    @property
    def path(self) -> Path:
        return self.media_root / self.name


def app_command(port: int, *, worker: str = "gthread") -> list[str]:
    """Our app under gunicorn: config/gunicorn.py, one worker (gthread, or the stack's uvicorn
    worker), the video seeded before forking."""
    return [
        str(ROOT / ".venv/bin/gunicorn"),
        *("-c", str(ROOT / "config/gunicorn.py"), "--bind", f"127.0.0.1:{port}"),
        *("--workers", "1", "--preload", "--chdir", str(ROOT)),
        *(
            ("-k", "config.asgi_server.Worker", "bench.range_app:asgi_application")
            if worker == "uvicorn"
            else ("bench.range_app:application",)
        ),
    ]


def app_env(tmp: Path, source: Source, *, delivery: str) -> dict[str, str]:
    """The embedded stores, the seeded video, and how its bytes leave (STREAM_DELIVERY)."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(tmp),
        "PRIVATE_MEDIA_ROOT": str(source.media_root),
        "MONGODB_URI": "mongomock://localhost/rangebench",
        "REDIS_URL": "",
        "CLOUDINARY_URL": "",
        "STREAM_DELIVERY": delivery,
        "RANGE_BENCH_VIDEO_ID": source.video_id,
        "RANGE_BENCH_SOURCE": source.name,
    }


def run(args: argparse.Namespace, tmp: Path) -> None:
    """Write the file, then run each comparison asked for on it."""
    size, length = args.size_mb * MIB, args.range_mb * MIB
    if not 0 < length <= size:
        raise SystemExit("need 0 < --range-mb <= --size-mb")
    video_id = str(ObjectId())
    source = Source(
        video_id=video_id,
        name=f"videos/{video_id}/v1/source.mp4",
        media_root=tmp / "private-media",
        size=size,
    )
    began = time.perf_counter()
    write_source(source.path, size)
    print(f"wrote {args.size_mb} MiB to {source.path} in {time.perf_counter() - began:.1f}s")
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"cores: {os.cpu_count()}, 1-min load before starting: {load} (others' work adds noise)")
    if "gunicorn" in args.paths:
        compare_gunicorn(args, tmp, source)
    if "accel" in args.paths:
        compare_accel(args, tmp, source)


def compare_gunicorn(args: argparse.Namespace, tmp: Path, source: Source) -> None:
    """Ranges from gunicorn (STREAM_DELIVERY=direct) against nginx on the same file."""
    size, length = source.size, args.range_mb * MIB
    nginx_port, ours_port = free_port(), free_port()
    nginx_dir = tmp / "nginx"
    nginx_dir.mkdir()
    conf = nginx_dir / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        NGINX_CONF.format(user=user, tmp=nginx_dir, port=nginx_port, root=source.media_root)
    )
    nginx_cmd = [front.NGINX, "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")]
    nginx_cmd += ["-c", str(conf)]
    ours_cmd = app_command(ours_port, worker=args.worker)
    ours_env = app_env(tmp, source, delivery="direct")
    paths = {"nginx": f"/{source.name}", "streamsphere": f"/api/v1/videos/{source.video_id}/stream"}
    ports = {"nginx": nginx_port, "streamsphere": ours_port}
    print(f"\n== gunicorn (direct) against nginx\nnginx: {' '.join(nginx_cmd)}")
    print(f"  conf: {' '.join(conf.read_text().split())}")
    print(f"ours: {' '.join(f'{k}={v}' for k, v in ours_env.items())} {' '.join(ours_cmd)}")
    print(
        f"client: {args.requests} x {args.range_mb} MiB ranges at varying offsets per server, "
        "mode and round, one keep-alive connection each"
    )

    results = {(mode, server): [] for mode in MODES for server in ports}
    servers = []
    try:
        servers.append(start_server(nginx_cmd, log=nginx_dir / "stdout.log"))
        ours_log = tmp / "gunicorn.log"
        servers.append(start_server(ours_cmd, log=ours_log, env={**os.environ, **ours_env}))
        wait_ready(servers[0], nginx_port, paths["nginx"], nginx_dir / "error.log")
        wait_ready(servers[1], ours_port, paths["streamsphere"], ours_log)
        for server, port in ports.items():
            verify(port=port, path=paths[server], source=source.path, size=size, length=length)
        print("verified: both answer 206 with the right Content-Range and the file's bytes")

        worker = worker_pid(servers[1].pid)
        syscalls_before = read_syscalls(worker)
        starts = offsets(size=size, length=length, count=args.requests)
        for round_number in range(1, args.rounds + 1):
            for (mode, server), rates in results.items():
                rates.append(
                    measure(
                        port=ports[server],
                        path=paths[server],
                        starts=starts,
                        length=length,
                        copy=MODES[mode],
                    )
                )
            print(
                f"round {round_number}: "
                + "; ".join(
                    f"{mode} nginx {results[mode, 'nginx'][-1]:.2f}, "
                    f"streamsphere {results[mode, 'streamsphere'][-1]:.2f} GB/s "
                    f"({results[mode, 'streamsphere'][-1] / results[mode, 'nginx'][-1]:.2f})"
                    for mode in MODES
                )
            )
        syscalls = read_syscalls(worker) - syscalls_before
    finally:
        for process in reversed(servers):
            stop_server(process)

    responses = args.rounds * args.requests * len(MODES)
    print(
        f"gunicorn worker: {syscalls / responses:.1f} read-type syscalls per {args.range_mb} MiB "
        f"response (os.sendfile: about 1; read()+send() fallback: about {length // 4096})"
    )
    print(
        f"\n{args.size_mb} MiB file, {args.range_mb} MiB ranges, {args.requests} requests x "
        f"{args.rounds} rounds, {os.cpu_count()} cores, median GB/s:"
    )
    for mode, label in (("copy", "copying client (info)"), ("discard", "range serving")):
        nginx_rate = statistics.median(results[mode, "nginx"])
        ours_rate = statistics.median(results[mode, "streamsphere"])
        ratio = ours_rate / nginx_rate
        paired = statistics.median(
            ours / theirs
            for ours, theirs in zip(
                results[mode, "streamsphere"], results[mode, "nginx"], strict=True
            )
        )
        line = (
            f"nginx {nginx_rate:.2f} GB/s, streamsphere {ours_rate:.2f} GB/s, "
            f"ratio {ratio:.2f} (median of per-round ratios {paired:.2f})"
        )
        if mode == "discard":
            verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
            line += f" (target >= {TARGET_RATIO:.2f}): {verdict}"
        print(f"{label}: {line}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process (all its threads) used so far, per /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stream_durations(log: Path) -> list[float]:
    """duration_ms of every GET .../stream the app logged (its JSON request lines), in order."""
    durations = []
    for text in log.read_text().splitlines():
        if not text.startswith("{"):
            continue
        line = json.loads(text)
        if line.get("event") == "request" and line.get("path", "").endswith("/stream"):
            durations.append(line["duration_ms"])
    return durations


def compare_accel(args: argparse.Namespace, tmp: Path, source: Source) -> None:
    """Whole-file downloads through the repo's nginx config: after our X-Accel-Redirect (the app
    checks access and signs the redirect) against nginx serving the same file directly."""
    front_port, app_port = free_port(), free_port()
    values = front.compose_values()
    conf = front.main_config(
        tmp / "front",
        {
            **values,
            "NGINX_LISTEN": f"127.0.0.1:{front_port}",
            "NGINX_UPSTREAM": f"127.0.0.1:{app_port}",
            "NGINX_EVENTS_UPSTREAM": f"127.0.0.1:{app_port}",
            "NGINX_STATIC_ROOT": str(tmp / "static"),
            # /media/ is the same folder here, so the same server also sends the file directly.
            "MEDIA_ROOT": str(source.media_root),
            "PRIVATE_MEDIA_ROOT": str(source.media_root),
        },
    )
    env = {
        **app_env(tmp, source, delivery="accel"),
        "STREAM_ACCEL_PREFIX": values["STREAM_ACCEL_PREFIX"],
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "json",
        "TRUSTED_PROXY_COUNT": "1",
    }
    paths = {
        "direct": f"/media/{source.name}",
        "accel": f"/api/v1/videos/{source.video_id}/stream",
    }
    print(f"\n== nginx accel against nginx direct\nnginx: {' '.join(front.command(conf))}")
    print(f"  the repo's template ({front.TEMPLATE.relative_to(ROOT)}) rendered for loopback")
    print(f"ours: {' '.join(f'{k}={v}' for k, v in env.items())} {' '.join(app_command(app_port))}")
    print(
        f"client: {args.downloads} whole-file downloads of {args.size_mb} MiB per path and round, "
        "one keep-alive connection each, bodies discarded unread; rounds alternate the paths"
    )
    app_log = tmp / "gunicorn-accel.log"
    servers = []
    try:
        servers.append(start_server(front.command(conf), log=tmp / "front.log"))
        servers.append(start_server(app_command(app_port), log=app_log, env={**os.environ, **env}))
        wait_ready(servers[0], front_port, paths["direct"], tmp / "front" / "error.log")
        wait_healthy(servers[1], app_port, app_log)
        for path in paths.values():
            verify(port=front_port, path=path, source=source.path, size=source.size, length=MIB)
        print("verified: both paths answer 206 with the right Content-Range and the file's bytes")

        worker = worker_pid(servers[1].pid)
        cpu_before, logged_before = cpu_seconds(worker), len(stream_durations(app_log))
        rates = {path: [] for path in paths}
        downloads = [None] * args.downloads
        for round_number in range(1, args.rounds + 1):
            for path, url in paths.items():
                rates[path].append(
                    measure(
                        port=front_port, path=url, starts=downloads, length=source.size, copy=False
                    )
                )
            print(
                f"round {round_number}: nginx direct {rates['direct'][-1]:.2f}, "
                f"nginx accel {rates['accel'][-1]:.2f} GB/s "
                f"({rates['accel'][-1] / rates['direct'][-1]:.2f})"
            )
        cpu = cpu_seconds(worker) - cpu_before
        # The log line is written before the redirect leaves, so every measured one is there.
        durations = stream_durations(app_log)[logged_before:]
    finally:
        for process in reversed(servers):
            stop_server(process)

    count = args.rounds * args.downloads
    if len(durations) != count:
        raise RuntimeError(f"the app logged {len(durations)} stream requests, expected {count}")
    direct, accel = statistics.median(rates["direct"]), statistics.median(rates["accel"])
    ratio = accel / direct
    paired = statistics.median(a / d for a, d in zip(rates["accel"], rates["direct"], strict=True))
    print(
        f"\n{args.size_mb} MiB file, {args.downloads} downloads x {args.rounds} rounds per path, "
        f"{os.cpu_count()} cores, median GB/s:"
    )
    verdict = "PASS" if ratio >= ACCEL_TARGET_RATIO else "FAIL"
    print(
        f"accel delivery: nginx direct {direct:.2f} GB/s, nginx accel {accel:.2f} GB/s, "
        f"ratio {ratio:.2f} (median of per-round ratios {paired:.2f}) "
        f"(target >= {ACCEL_TARGET_RATIO:.2f}): {verdict}"
    )
    thread_ms = statistics.mean(durations)
    verdict = "PASS" if thread_ms < APP_THREAD_TARGET_MS else "FAIL"
    print(
        f"app thread per {args.size_mb} MiB download: {thread_ms:.2f} ms in the app (its request "
        f"log: median {statistics.median(durations):.2f}, max {max(durations):.2f} ms), worker "
        f"CPU {cpu * 1000 / count:.2f} ms (target < {APP_THREAD_TARGET_MS:g} ms): {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="file size in MiB")
    parser.add_argument("--range-mb", type=int, default=64, help="bytes per Range request, MiB")
    parser.add_argument("--requests", type=int, default=32, help="requests per server per round")
    parser.add_argument("--rounds", type=int, default=9, help="rounds (nginx, ours per mode)")
    parser.add_argument(
        "--worker",
        choices=["gthread", "uvicorn"],
        default="gthread",
        help="gunicorn's worker: gthread (WSGI, sendfile) or the stack's uvicorn worker (ASGI)",
    )
    parser.add_argument(
        "--downloads", type=int, default=4, help="accel: whole-file downloads per path per round"
    )
    parser.add_argument(
        "--paths",
        default="gunicorn,accel",
        help="comparisons to run: gunicorn (direct vs nginx), accel (nginx accel vs direct)",
    )
    args = parser.parse_args()
    args.paths = set(args.paths.split(","))
    if not args.paths <= {"gunicorn", "accel"}:
        raise SystemExit("--paths takes gunicorn, accel or both")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="range-bench-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
