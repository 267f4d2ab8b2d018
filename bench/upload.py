"""Benchmark resumable uploads (tus, 8 MiB chunks, tuspy) against one multipart POST of the same
file, and count the bytes a resumed upload sends again after its client is killed mid-chunk.

Usage: .venv/bin/python bench/upload.py [--size-mb 256] [--chunk-mb 8] [--rounds 3]

One embedded server (`manage.py serve`, its stores in a temporary folder) takes every upload in
the same run. The file is real media (raw 720p video in Matroska, so ffprobe and processing
accept it and it is exactly as large as asked). Each round sends it once as multipart
POST /api/v1/videos and once with tus (POST /videos as JSON, then tuspy with 8 MiB chunks) to a
draft item, in alternating order; each time runs from the first request to the answer that
accepts the file (202, or the last PATCH's 204: both include the ffprobe check), and the next
upload waits until the item is processed, so transcoding never competes with a measurement.
Medians are compared with the goal (tus / multipart throughput >= 0.80).

Then a tuspy client in its own process uploads the file through a counting relay
(bench/http_relay.py) and is killed with SIGKILL in the middle of a chunk; a new process resumes
it from its stored URL. Bytes sent again = request body bytes through the relay - file size
(goal: less than one chunk).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_relay import Relay  # noqa: E402
from bench.range_serving import free_port, start_server, stop_server  # noqa: E402

MIB = 1024 * 1024
RATIO_GOAL = 0.80
FRAME = (1280, 720)
PASSWORD = "a-long-pass-phrase"
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def make_media(path: Path, size: int) -> None:
    """Raw 720p frames in Matroska, as many as fit in `size` bytes with the container."""
    frame_bytes = FRAME[0] * FRAME[1] * 3 // 2
    frames = (size - 64 * 1024) // frame_bytes
    source = f"testsrc2=size={FRAME[0]}x{FRAME[1]}:rate=25"
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v"]
    command += [str(frames), "-c:v", "rawvideo", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(command, check=True)


def sign_up(base: str, log: Path) -> str:
    """A new account through the API (its code read off the console log); its access token."""
    from tests.live import sign_up as live_sign_up

    return live_sign_up(base, log, username=f"bench{secrets.token_hex(3)}", password=PASSWORD)[
        "access"
    ]


def draft(base: str, token: str) -> str:
    answer = requests.post(
        f"{base}/api/v1/videos",
        json={"title": "Bench", "visibility": "private"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()["id"]


def wait_processed(base: str, token: str, video_id: str) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        item = requests.get(
            f"{base}/api/v1/videos/{video_id}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).json()
        if item["status"] in ("ready", "failed"):
            if item["status"] == "failed":
                raise RuntimeError(f"processing failed: {item}")
            return
        time.sleep(0.5)
    raise RuntimeError(f"{video_id} was not processed in time")


def multipart(base: str, token: str, path: Path) -> tuple[float, str]:
    """One multipart POST of the file; seconds from reading it (as tuspy reads its chunks) to
    the 202, and the item."""
    boundary = secrets.token_hex(16)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBench\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"'
        "\r\nContent-Type: video/x-matroska\r\n\r\n"
    ).encode()
    started = time.perf_counter()
    body = head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    answer = requests.post(
        f"{base}/api/v1/videos",
        data=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    if answer.status_code != 202:
        raise RuntimeError(f"multipart upload answered {answer.status_code}: {answer.text[:500]}")
    return elapsed, answer.json()["id"]


def tus_uploader(endpoint: str, token: str, path: Path, video_id: str, chunk: int, **options):
    from tusclient.client import TusClient

    client = TusClient(endpoint, headers={"Authorization": f"Bearer {token}"})
    return client.uploader(
        file_path=str(path),
        chunk_size=chunk,
        metadata={"video_id": video_id, "filename": path.name},
        **options,
    )


def tus(base: str, token: str, path: Path, chunk: int) -> tuple[float, str]:
    """The item as JSON, then tuspy; seconds from the first request to the last PATCH's 204."""
    started = time.perf_counter()
    video_id = draft(base, token)
    tus_uploader(f"{base}/api/v1/uploads/", token, path, video_id, chunk).upload()
    return time.perf_counter() - started, video_id


def resume_client(args) -> None:
    """A client process: upload (or resume) the file with tuspy, its URL kept in a file."""
    from tusclient.storage.filestorage import FileStorage

    uploader = tus_uploader(
        args.endpoint,
        args.token,
        Path(args.path),
        args.video_id,
        args.chunk,
        store_url=True,
        url_storage=FileStorage(args.urls),
    )
    print(f"starting at offset {uploader.offset}", flush=True)
    uploader.upload()


def killed_and_resumed(base: str, token: str, path: Path, chunk: int, work: Path) -> dict:
    """Kill a tuspy process in the middle of a chunk, resume in a new one: the bytes sent twice."""
    relay = Relay(int(base.rsplit(":", 1)[1]))
    video_id = draft(base, token)
    size = path.stat().st_size
    command = [sys.executable, __file__, "client", "--endpoint", f"{relay.url}/api/v1/uploads/"]
    command += ["--token", token, "--path", str(path), "--video-id", video_id]
    command += ["--chunk", str(chunk), "--urls", str(work / "tus-urls.json")]
    # The relay holds the body a third into the middle chunk, so the kill lands inside it.
    relay.hold_at((size // chunk // 2) * chunk + chunk // 3)
    first = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    if not relay.holding.wait(300):
        raise RuntimeError("the first client never got half-way")
    first.send_signal(signal.SIGKILL)
    first.wait()
    relay.release()
    time.sleep(1)  # what the client had sent before it died drains to the server
    sent_before_kill = relay.body_bytes
    second = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    resumed_at = int(second.stdout.split("starting at offset ")[1].split()[0])
    relay.close()
    wait_processed(base, token, video_id)
    return {
        "killed_after": sent_before_kill,
        "resumed_at": resumed_at,
        "resent": relay.body_bytes - size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode")
    client = sub.add_parser("client")
    for name in ("endpoint", "token", "path", "video-id", "urls"):
        client.add_argument(f"--{name}", required=True)
    client.add_argument("--chunk", type=int, required=True)
    parser.add_argument("--size-mb", type=int, default=256)
    parser.add_argument("--chunk-mb", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.mode == "client":
        resume_client(args)
        return

    chunk = args.chunk_mb * MIB
    flags = f"--size-mb {args.size_mb} --chunk-mb {args.chunk_mb} --rounds {args.rounds}"
    print(f"flags: {flags}; 1-min load before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        work = Path(tmp)
        media = work / "bench.mkv"
        make_media(media, args.size_mb * MIB)
        size = media.stat().st_size
        port = free_port()
        env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
        env.update(VAR_DIR=str(work / "var"), PYTHONUNBUFFERED="1", STORE_SNAPSHOT_SECONDS="3600")
        log = work / "serve.log"
        manage = str(ROOT / "manage.py")
        server = start_server(
            [sys.executable, manage, "serve", f"127.0.0.1:{port}"], log=log, env=env
        )
        base = f"http://127.0.0.1:{port}"
        try:
            from tests.live import wait_for

            wait_for(
                lambda: requests.get(f"{base}/healthz", timeout=5).ok,
                seconds=60,
                log=log,
                what="the server",
            )
            token = sign_up(base, log)
            print(
                f"file: {size / MIB:.1f} MiB of raw 720p video; tus chunks of {args.chunk_mb} MiB"
            )
            times: dict[str, list[float]] = {"multipart POST": [], "tus": []}
            for round_number in range(args.rounds):
                order = (
                    ["multipart POST", "tus"]
                    if round_number % 2 == 0
                    else ["tus", "multipart POST"]
                )
                for way in order:
                    if way == "tus":
                        seconds, video_id = tus(base, token, media, chunk)
                    else:
                        seconds, video_id = multipart(base, token, media)
                    times[way].append(seconds)
                    rate = size / MIB / seconds
                    print(f"round {round_number + 1} {way:>14}: {seconds:6.2f} s {rate:7.1f} MiB/s")
                    wait_processed(base, token, video_id)
            medians = {way: statistics.median(values) for way, values in times.items()}
            ratio = medians["multipart POST"] / medians["tus"]
            verdict = "PASS" if ratio >= RATIO_GOAL else "FAIL"
            print(
                f"median multipart POST {size / MIB / medians['multipart POST']:.1f} MiB/s, "
                f"tus {size / MIB / medians['tus']:.1f} MiB/s: tus / multipart = {ratio:.2f} "
                f"(goal >= {RATIO_GOAL:.2f}): {verdict}"
            )
            resumed = killed_and_resumed(base, token, media, chunk, work)
            verdict = "PASS" if resumed["resent"] < chunk else "FAIL"
            print(
                f"client killed after {resumed['killed_after'] / MIB:.2f} MiB of bodies, resumed "
                f"at offset {resumed['resumed_at'] / MIB:.2f} MiB; bytes sent again: "
                f"{resumed['resent']} ({resumed['resent'] / MIB:.2f} MiB) (goal < one chunk of "
                f"{args.chunk_mb} MiB): {verdict}"
            )
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
