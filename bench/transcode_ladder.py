"""Benchmark the one-process HLS ladder against encoding only its top (720p) rendition.

Usage: .venv/bin/python bench/transcode_ladder.py [--seconds 60] [--runs 2]

Both measurements go through videos.media_tools.transcode_to_hls, so the 720p rung has exactly
the same preset, rate control, keyframes, audio and segmenting in both; the only difference is
the extra rungs. Target: ladder wall time <= 1.40 x the 720p-only wall time.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from videos import media_tools

TARGET_RATIO = 1.40


def make_clip(path: Path, seconds: int) -> None:
    """Generate a 1280x720 30 fps clip with a stereo-ish tone, encoded fast (not what we time)."""
    subprocess.run(
        [
            media_tools.FFMPEG,
            "-hide_banner",
            "-nostdin",
            "-y",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
            str(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-shortest",
            str(path),
        ],
        check=True,
    )


def children_cpu_seconds() -> float:
    """User+system CPU of finished child processes; less sensitive to noisy neighbours."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_transcode(
    source: Path,
    out_dir: Path,
    info: media_tools.MediaInfo,
    renditions: list[media_tools.RenditionPlan],
) -> tuple[float, float]:
    """Wall and CPU seconds of one transcode_to_hls call."""
    cpu_before = children_cpu_seconds()
    start = time.perf_counter()
    media_tools.transcode_to_hls(
        source=str(source), out_dir=str(out_dir), info=info, kind="video", renditions=renditions
    )
    return time.perf_counter() - start, children_cpu_seconds() - cpu_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the generated clip")
    parser.add_argument("--runs", type=int, default=2, help="runs per variant; best one counts")
    args = parser.parse_args()

    version = subprocess.run(
        [media_tools.FFMPEG, "-hide_banner", "-version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    print(f"{version} | {os.cpu_count()} CPUs | {platform.machine()}")
    print(
        f"preset={media_tools.X264_PRESET} lower rungs: x264 {media_tools.LOWER_RUNG_X264_PARAMS}, "
        f"scaler {media_tools.LOWER_RUNG_SCALER}"
    )

    with tempfile.TemporaryDirectory(prefix="ladder-bench-") as tmp:
        work = Path(tmp)
        source = work / "source.mp4"
        make_clip(source, args.seconds)
        info = media_tools.probe_media(path=str(source))
        ladder = media_tools.plan_renditions(info=info, kind="video")
        top = [ladder[0]]
        print(
            f"source {info.width}x{info.height} {info.duration:.1f}s; "
            f"ladder {[r.name for r in ladder]}; baseline {[r.name for r in top]}"
        )

        results: dict[str, list[tuple[float, float]]] = {"top": [], "ladder": []}
        # Interleave the variants so a burst of background load hurts both, not just one.
        for run in range(1, args.runs + 1):
            for label, renditions in (("top", top), ("ladder", ladder)):
                wall, cpu = timed_transcode(source, work / f"{label}-{run}", info, renditions)
                results[label].append((wall, cpu))
                print(f"run {run} {label:>6}: {wall:6.2f}s wall {cpu:6.2f}s cpu")

    best_top = min(results["top"])
    best_ladder = min(results["ladder"])
    ratio = best_ladder[0] / best_top[0]
    cpu_ratio = best_ladder[1] / best_top[1]
    print(f"best of {args.runs} interleaved runs (lowest wall time) per variant:")
    print(f"  720p only   : {best_top[0]:6.2f}s wall ({best_top[1]:.2f}s cpu)")
    print(f"  full ladder : {best_ladder[0]:6.2f}s wall ({best_ladder[1]:.2f}s cpu)")
    print(f"  ratio ladder/top: {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu")
    met = ratio <= TARGET_RATIO
    print(f"target <= {TARGET_RATIO:.2f}x: {'MET' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
