"""Benchmark the one-process HLS ladder against encoding only its top (720p) rendition, and
what processing adds to the ladder's run: the storyboard, the candidate thumbnails and the
loudness measurement.

Usage: .venv/bin/python bench/transcode_ladder.py [--seconds 60] [--runs 2]

Every measurement goes through videos.media_tools.transcode_to_hls, so the 720p rung has exactly
the same preset, rate control, keyframes, audio and segmenting in all; the only differences are
the extra rungs, then the side outputs. Targets: ladder wall time <= 1.40 x the 720p-only wall
time; the ladder with its side outputs (what processing runs) <= 1.10 x the ladder alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from videos import frames, media_tools, storyboard

TARGET_RATIO = 1.40
TARGET_EXTRAS_RATIO = 1.10


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
    *,
    extras: bool = False,
) -> tuple[float, float]:
    """Wall and CPU seconds of one transcode_to_hls call; `extras` adds what processing adds."""
    side_outputs = []
    if extras:
        plan = storyboard.plan_storyboard(
            duration=info.duration, width=info.width, height=info.height
        )
        side_outputs = [
            storyboard.sprite_output(plan, dest=str(out_dir / "sprite.jpg")),
            frames.stills_output(frames.candidate_times(info.duration), folder=str(out_dir)),
        ]
        out_dir.mkdir(parents=True)
    cpu_before = children_cpu_seconds()
    start = time.perf_counter()
    media_tools.transcode_to_hls(
        source=str(source),
        out_dir=str(out_dir / "hls"),
        info=info,
        kind="video",
        renditions=renditions,
        side_outputs=side_outputs,
        measure_loudness=extras,
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

        variants = (("top", top, False), ("ladder", ladder, False), ("extras", ladder, True))
        results: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in variants}
        # Interleave the variants so a burst of background load hurts all, not just one.
        for run in range(1, args.runs + 1):
            for label, renditions, extras in variants:
                wall, cpu = timed_transcode(
                    source, work / f"{label}-{run}", info, renditions, extras=extras
                )
                results[label].append((wall, cpu))
                print(f"run {run} {label:>6}: {wall:6.2f}s wall {cpu:6.2f}s cpu")

    best = {label: min(results[label]) for label in results}
    ratio = best["ladder"][0] / best["top"][0]
    cpu_ratio = best["ladder"][1] / best["top"][1]
    extras_ratio = best["extras"][0] / best["ladder"][0]
    extras_cpu_ratio = best["extras"][1] / best["ladder"][1]
    print(f"best of {args.runs} interleaved runs (lowest wall time) per variant:")
    print(f"  720p only   : {best['top'][0]:6.2f}s wall ({best['top'][1]:.2f}s cpu)")
    print(f"  full ladder : {best['ladder'][0]:6.2f}s wall ({best['ladder'][1]:.2f}s cpu)")
    print(
        f"  ladder + storyboard, candidates, loudness: {best['extras'][0]:6.2f}s wall "
        f"({best['extras'][1]:.2f}s cpu)"
    )
    print(f"  ratio ladder/top: {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu")
    print(f"  ratio with extras/ladder: {extras_ratio:.2f}x wall, {extras_cpu_ratio:.2f}x cpu")
    # On a shared machine the medians of CPU time vary less than any one run's wall time.
    median_cpu = {
        label: statistics.median(cpu for _, cpu in runs) for label, runs in results.items()
    }
    print(
        f"  median cpu of {args.runs}: ladder/top {median_cpu['ladder'] / median_cpu['top']:.2f}x, "
        f"extras/ladder {median_cpu['extras'] / median_cpu['ladder']:.2f}x"
    )
    met = ratio <= TARGET_RATIO
    extras_met = extras_ratio <= TARGET_EXTRAS_RATIO
    print(f"target ladder/top <= {TARGET_RATIO:.2f}x: {'MET' if met else 'NOT MET'}")
    print(
        f"target extras/ladder <= {TARGET_EXTRAS_RATIO:.2f}x: {'MET' if extras_met else 'NOT MET'}"
    )
    return 0 if met and extras_met else 1


if __name__ == "__main__":
    sys.exit(main())
