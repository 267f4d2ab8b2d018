"""Thin, dependency-free wrappers around ffprobe/ffmpeg for the media pipeline.

Kept free of Django so workers, benchmarks and tests can use it directly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from videos import m3u8
from videos.loudness import MEASURE_CHAIN, STEREO, Loudness, parse_summary

FFMPEG = os.environ.get("FFMPEG_BINARY", "ffmpeg")
FFPROBE = os.environ.get("FFPROBE_BINARY", "ffprobe")

# Same preset for every rung, so the top rendition looks the same whether or not a ladder is built.
X264_PRESET = "veryfast"
# Only rungs below the top one get these, so the top rung is encoded identically with or without
# a ladder. Measured on a 2-core box (720p30 testsrc2, see bench/transcode_ladder.py): the
# 360p+240p x264 encodes at plain veryfast cost ~40% of the 720p one, which alone puts the ladder
# at ~1.5x. subme=1 (veryfast uses 2) and the diamond motion search (veryfast uses hex) bring the
# ladder from 1.39x to 1.29x of the top rung's CPU time for ~0.4 dB PSNR on those rungs, of which
# me=dia costs 0.02 dB; unlike the "superfast" preset (~1 dB) they keep mb-tree and the lookahead.
# The cascade uses bilinear rather than bicubic: cheaper, and unlike fast_bilinear it still
# low-pass filters when downscaling, so it does not alias.
LOWER_RUNG_X264_PARAMS = "subme=1:me=dia"
LOWER_RUNG_SCALER = "bilinear"
PROBE_TIMEOUT_SECONDS = 30.0
# Thumbnails and waveforms have no caller-supplied timeout; a hung ffmpeg must not pin a worker.
STILL_TIMEOUT_SECONDS = 300.0
STDERR_TAIL_LINES = 20
# How often a running ffmpeg's caller hears from it (progress, publishing what it wrote).
TICK_SECONDS = 0.5
# The end of ffmpeg's log kept for reading summaries (loudness); encoder statistics follow them.
LOG_TAIL_BYTES = 64 * 1024

# (height, video kbit/s), best first; a source only gets the rungs that do not upscale it.
VIDEO_LADDER = ((720, 2800), (360, 800), (240, 400))
VIDEO_AUDIO_BITRATE_K = 128
AUDIO_LADDER_K = (128, 64)

# Demuxers that make ffmpeg open other files or URLs (or render text as video): an uploaded
# file detected as one of these is a known SSRF / local-file-disclosure vector, never media.
_INDIRECT_FORMATS = frozenset({"hls", "dash", "concat", "tty"})
# A file: URL, or an absolute path not glued to a word ("out#0/hls", "kb/s" and "N/A" stay).
_PATH_IN_TEXT = re.compile(r"\bfile:[^\s'\"():,;]+|(?<![\w.~#-])/[^\s'\"():,;]+")


class InvalidMediaError(Exception):
    """Raised when a file is not usable audio/video, so callers can reject the upload."""


class MediaToolsMissing(Exception):
    """ffmpeg or ffprobe is not installed where this process looks for it."""


class TranscodeError(Exception):
    """Raised when ffmpeg fails; the message ends with ffmpeg's stderr tail for diagnosis."""


@dataclass(frozen=True)
class MediaInfo:
    """What the pipeline needs to know about a source to plan and run its encodes."""

    duration: float
    has_video: bool
    has_audio: bool
    width: int | None
    height: int | None
    video_codec: str | None
    audio_codec: str | None
    format_name: str


@dataclass(frozen=True)
class RenditionPlan:
    """One HLS variant; its name is also the variant's directory inside the output."""

    name: str
    height: int | None
    video_bitrate_k: int | None
    audio_bitrate_k: int


@dataclass(frozen=True)
class SideOutput:
    """A picture the ladder's run also writes, from frames it decodes anyway.

    `tap` is "source" (the decoded frames at full size) or "smallest" (the lowest rung's frames,
    cheaper to shrink further); `chain` filters them; `args` are the output's options, ending
    with its path.
    """

    tap: str
    chain: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class HlsOutput:
    """The files of the produced HLS package (master.m3u8 first level), relative to its folder,
    and the loudness of its audio when it was measured (None: not asked, or not measured)."""

    files: list[str]
    loudness: Loudness | None = None


def missing_tools() -> list[str]:
    """The media binaries this process cannot find on its PATH."""
    return [tool for tool in (FFMPEG, FFPROBE) if shutil.which(tool) is None]


def probe_media(*, path: str) -> MediaInfo:
    """Describe a media file with ffprobe, rejecting anything the pipeline cannot transcode."""
    cmd = [
        FFPROBE,
        "-hide_banner",
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        _input_url(path),
    ]
    try:
        result = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PROBE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise InvalidMediaError("reading the media file timed out") from exc
    except FileNotFoundError as exc:
        raise MediaToolsMissing(f"{FFPROBE} is not installed") from exc
    if result.returncode != 0:
        reason = _tail(result.stderr, 1) or f"ffprobe exited with {result.returncode}"
        raise InvalidMediaError(f"not a readable media file: {reason}")
    try:
        data = json.loads(result.stdout)
    except ValueError as exc:
        raise InvalidMediaError("not a readable media file: unparsable ffprobe output") from exc

    fmt = data.get("format") or {}
    format_name = fmt.get("format_name") or ""
    if _INDIRECT_FORMATS.intersection(format_name.split(",")):
        raise InvalidMediaError(f"unsupported container: {format_name}")

    streams = data.get("streams") or []
    video = next((s for s in streams if _is_real_video(s)), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise InvalidMediaError("the file has no audio or video stream")

    duration = _to_float(fmt.get("duration"))
    if duration is None:
        stream_durations = [_to_float(s.get("duration")) for s in (video, audio) if s]
        duration = max((d for d in stream_durations if d is not None), default=None)
    if not duration or duration <= 0:
        raise InvalidMediaError("the file has no playable duration")

    width, height = _display_size(video) if video else (None, None)
    return MediaInfo(
        duration=duration,
        has_video=video is not None,
        has_audio=audio is not None,
        width=width,
        height=height,
        video_codec=video.get("codec_name") if video else None,
        audio_codec=audio.get("codec_name") if audio else None,
        format_name=format_name,
    )


def first_timestamp(data: bytes) -> int | None:
    """The earliest start timestamp (90 kHz clock) of an MPEG-TS segment's streams, read from
    its first bytes on stdin (never a path or URL); None when it has none."""
    cmd = [FFPROBE, "-hide_banner", "-v", "error", "-f", "mpegts", "-i", "pipe:0"]
    cmd += ["-show_entries", "stream=start_pts", "-print_format", "json"]
    try:
        result = subprocess.run(
            cmd, input=data, capture_output=True, timeout=PROBE_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    except FileNotFoundError as exc:
        raise MediaToolsMissing(f"{FFPROBE} is not installed") from exc
    try:
        streams = json.loads(result.stdout).get("streams") or []
    except ValueError:
        return None
    starts = [s["start_pts"] for s in streams if isinstance(s.get("start_pts"), int)]
    return min(starts, default=None)


def plan_renditions(*, info: MediaInfo, kind: str) -> list[RenditionPlan]:
    """Pick the HLS ladder for a source without ever upscaling it."""
    if kind == "video":
        if not info.has_video or not info.height:
            raise InvalidMediaError("the file has no video stream")
        rungs = [(h, br) for h, br in VIDEO_LADDER if h <= info.height]
        if not rungs:
            # Smaller than the lowest rung: keep the source size (H.264 4:2:0 needs even sizes).
            rungs = [(max(2, info.height - info.height % 2), VIDEO_LADDER[-1][1])]
        return [
            RenditionPlan(
                name=f"{height}p",
                height=height,
                video_bitrate_k=bitrate,
                audio_bitrate_k=VIDEO_AUDIO_BITRATE_K,
            )
            for height, bitrate in rungs
        ]
    if kind == "audio":
        if not info.has_audio:
            raise InvalidMediaError("the file has no audio stream")
        return [
            RenditionPlan(name=f"aac_{k}k", height=None, video_bitrate_k=None, audio_bitrate_k=k)
            for k in AUDIO_LADDER_K
        ]
    raise ValueError(f"unknown media kind: {kind!r}")


def transcode_to_hls(
    *,
    source: str,
    out_dir: str,
    info: MediaInfo,
    kind: str,
    renditions: list[RenditionPlan],
    segment_seconds: int = 6,
    on_progress: Callable[[float], None] | None = None,
    timeout: float | None = None,
    side_outputs: Sequence[SideOutput] = (),
    measure_loudness: bool = False,
    gain_db: float = 0.0,
) -> HlsOutput:
    """Encode every rendition in a single ffmpeg run (one decode) into an HLS package.

    The variant playlists are EVENT playlists while the run goes on (ffmpeg lists a segment once
    it is complete, and replaces a playlist by renaming), so they can be published as they are
    written; when it ends they are declared VOD. The same run writes `side_outputs`, measures the
    loudness of the audio it encodes when asked, and applies `gain_db` to that audio.

    `on_progress` hears, every TICK_SECONDS while ffmpeg runs, how much of the item the playlists
    list (ffmpeg's own -progress stalls while a sparse side output waits for its next frame).
    """
    if not renditions:
        raise ValueError("at least one rendition is required")
    if kind == "video":
        graph, args, side_args = _video_hls_args(
            info, renditions, segment_seconds, side_outputs, _audio_chain(measure_loudness, gain_db)
        )
    elif kind == "audio":
        if side_outputs:
            raise ValueError("audio items have no frames for side outputs")
        graph, args = _audio_hls_args(renditions, _audio_chain(measure_loudness, gain_db))
        side_args = []
    else:
        raise ValueError(f"unknown media kind: {kind!r}")

    out = Path(out_dir)
    # The hls muxer creates out_dir and the per-variant directories (%v) itself.
    cmd = [
        "-i",
        _input_url(source),
        *(["-filter_complex", ";".join(graph)] if graph else []),
        *args,
        "-f",
        "hls",
        "-hls_time",
        str(segment_seconds),
        "-hls_playlist_type",
        "event",
        # Every segment starts on a forced keyframe, so it can be advertised as independent.
        "-hls_flags",
        "independent_segments",
        "-hls_segment_filename",
        str(out / "%v" / "seg_%03d.ts"),
        "-master_pl_name",
        "master.m3u8",
        str(out / "%v" / "index.m3u8"),
        *side_args,
    ]

    def tick() -> None:
        if on_progress is not None:
            # Capped below 100 until ffmpeg has exited cleanly and the playlists are final.
            on_progress(min(99.0, _written_share(out, info.duration)))

    log = _run_ffmpeg(cmd, on_tick=tick, timeout=timeout)
    for playlist in out.glob("*/index.m3u8"):
        playlist.write_text(m3u8.as_vod(playlist.read_text()))
    if on_progress is not None:
        on_progress(100.0)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return HlsOutput(files=files, loudness=parse_summary(log) if measure_loudness else None)


def analyse_audio(
    *,
    source: str,
    waveform: str,
    width: int = 1280,
    height: int = 360,
    timeout: float = STILL_TIMEOUT_SECONDS,
) -> Loudness | None:
    """One decode of a sound: a PNG waveform (artwork for audio items) and its loudness (None
    if ffmpeg measured nothing)."""
    graph = (
        f"[0:a:0]asplit=2[shown][measured];"
        f"[shown]aformat=channel_layouts=mono,"
        f"showwavespic=s={width}x{height}:colors=0x3ea6ff:scale=sqrt[wave];"
        f"[measured]{STEREO},{MEASURE_CHAIN}[sink]"
    )
    log = _run_ffmpeg(
        [
            *("-i", _input_url(source), "-filter_complex", graph),
            *("-map", "[wave]", "-frames:v", "1", "-c:v", "png"),
            *("-f", "image2", "-update", "1", waveform),
            *("-map", "[sink]", "-f", "null", "-"),
        ],
        timeout=timeout,
    )
    _require_output(waveform)
    return parse_summary(log)


def fit_width(max_width: int) -> str:
    """A scale filter shrinking (never enlarging) frames to `max_width`, aspect kept."""
    max_w = max(2, max_width - max_width % 2)
    # -2 keeps the aspect ratio with an even height; narrower frames are left untouched.
    return f"scale=w='if(gt(iw,{max_w}),{max_w},iw)':h='if(gt(iw,{max_w}),-2,ih)'"


def extract_thumbnail(
    *, source: str, dest: str, at_seconds: float, max_width: int = 1280, exact: bool = False
) -> None:
    """Write one JPEG frame for posters, shrunk (never enlarged) to keep storage small.

    By default ffmpeg seeks the input to the frame; `exact` decodes from the start instead and
    takes the frame at `at_seconds` precisely, for short inputs whose seeking is imprecise (an
    MPEG-TS segment has no index to seek by).
    """
    at = ["-ss", f"{max(0.0, at_seconds):.3f}"]
    source_args = ["-i", _input_url(source), *at] if exact else [*at, "-i", _input_url(source)]
    _write_still(
        [*source_args, "-map", "0:V:0", "-vf", fit_width(max_width)],
        codec=["mjpeg", "-q:v", "3"],
        dest=dest,
    )


def _write_still(args: list[str], *, codec: list[str], dest: str) -> None:
    """Encode a single picture and fail loudly if ffmpeg produced none."""
    _run_ffmpeg(
        [*args, "-frames:v", "1", "-c:v", *codec, "-f", "image2", "-update", "1", dest],
        timeout=STILL_TIMEOUT_SECONDS,
    )
    _require_output(dest)


def _video_hls_args(
    info: MediaInfo,
    renditions: list[RenditionPlan],
    segment_seconds: int,
    side_outputs: Sequence[SideOutput],
    audio_chain: str,
) -> tuple[list[str], list[str], list[str]]:
    """The filter graph (scale cascade, side branches, audio chain), the HLS output's options
    (per-rung x264 options, var_stream_map) and the side outputs' options, for a video ladder."""
    if any(r.height is None or r.video_bitrate_k is None for r in renditions):
        raise ValueError("video renditions need a height and a video bitrate")
    ordered = sorted(renditions, key=lambda r: r.height or 0, reverse=True)
    taps = {tap: [s for s in side_outputs if s.tap == tap] for tap in ("source", "smallest")}
    if len(side_outputs) != len(taps["source"]) + len(taps["smallest"]):
        raise ValueError("a side output taps the source or the smallest rung")
    graph: list[str] = []
    args: list[str] = []
    stream_map: list[str] = []
    group = ",agroup:aud" if info.has_audio else ""
    top = "[0:V:0]"
    if taps["source"]:
        top = "[top]"
        labels = [top, *_labels("source", taps["source"])]
        graph.append(f"[0:V:0]split={len(labels)}{''.join(labels)}")
    for i, rendition in enumerate(ordered):
        # The source is decoded once; each rung is scaled from the rung above it (a cascade),
        # so small rungs read a quarter of the pixels instead of re-reading the full frame.
        source = top if i == 0 else f"[c{i}]"
        flags = "" if i == 0 else f":flags={LOWER_RUNG_SCALER}"
        below = [f"[c{i + 1}]"] if i + 1 < len(ordered) else _labels("smallest", taps["smallest"])
        graph.append(f"{source}scale=-2:{rendition.height}{flags}" + _split([f"[v{i}]", *below]))
        rate = rendition.video_bitrate_k
        args += [
            "-map",
            f"[v{i}]",
            f"-b:v:{i}",
            f"{rate}k",
            f"-maxrate:v:{i}",
            f"{rate * 107 // 100}k",
            f"-bufsize:v:{i}",
            f"{rate * 3 // 2}k",
        ]
        if i > 0:
            args += [f"-x264-params:v:{i}", LOWER_RUNG_X264_PARAMS]
        stream_map.append(f"v:{i}{group},name:{rendition.name}")
    side_args: list[str] = []
    for tap, outputs in taps.items():
        for label, output in zip(_labels(tap, outputs), outputs, strict=True):
            graph.append(f"{label}{output.chain}{label[:-1]}_out]")
            side_args += ["-map", f"{label[:-1]}_out]", *output.args]
    args += [
        "-c:v",
        "libx264",
        "-preset",
        X264_PRESET,
        "-pix_fmt",
        "yuv420p",
        # Keyframes exactly on segment boundaries, identical across rungs, so players can switch.
        "-force_key_frames",
        f"expr:gte(t,n_forced*{segment_seconds})",
    ]
    if info.has_audio:
        # Audio is encoded once and referenced by every video variant through the "aud" group.
        audio_k = max(r.audio_bitrate_k for r in ordered)
        audio = "0:a:0"
        if audio_chain:
            graph.append(f"[0:a:0]{audio_chain}[aud]")
            audio = "[aud]"
        args += ["-map", audio, "-c:a", "aac", "-b:a", f"{audio_k}k", "-ac", "2"]
        stream_map.append("a:0,agroup:aud,name:audio")
    return graph, [*args, "-var_stream_map", " ".join(stream_map)], side_args


def _audio_hls_args(
    renditions: list[RenditionPlan], audio_chain: str
) -> tuple[list[str], list[str]]:
    """Map the decoded audio once per bitrate; ffmpeg decodes each input stream only once, and
    a chain (gain, measurement) runs once before the copies part."""
    graph: list[str] = []
    labels = ["0:a:0"] * len(renditions)
    if audio_chain:
        labels = [f"[a{i}]" for i in range(len(renditions))]
        graph.append(f"[0:a:0]{audio_chain}" + _split(labels, kind="asplit"))
    args: list[str] = []
    stream_map: list[str] = []
    for i, (rendition, label) in enumerate(zip(renditions, labels, strict=True)):
        args += ["-map", label, f"-b:a:{i}", f"{rendition.audio_bitrate_k}k"]
        stream_map.append(f"a:{i},name:{rendition.name}")
    return graph, [*args, "-c:a", "aac", "-ac", "2", "-var_stream_map", " ".join(stream_map)]


def _audio_chain(measure_loudness: bool, gain_db: float) -> str:
    """The filters the encoded audio passes: stereo, the gain, then the measurement."""
    if not measure_loudness and not gain_db:
        return ""
    chain = [STEREO]
    if gain_db:
        chain.append(f"volume={gain_db:.2f}dB")
    if measure_loudness:
        chain.append(MEASURE_CHAIN)
    return ",".join(chain)


def _labels(tap: str, outputs: Sequence[SideOutput]) -> list[str]:
    return [f"[{tap}{j}]" for j in range(len(outputs))]


def _split(labels: list[str], *, kind: str = "split") -> str:
    """Name a chain's output, parted into several when more than one branch reads it."""
    if len(labels) == 1:
        return labels[0]
    return f",{kind}={len(labels)}{''.join(labels)}"


def _run_ffmpeg(
    args: list[str],
    *,
    on_tick: Callable[[], None] | None = None,
    timeout: float | None = None,
) -> str:
    """Run ffmpeg, call `on_tick` every TICK_SECONDS while it runs (in this thread), and turn
    failures into errors; an exception from `on_tick` stops ffmpeg and propagates.

    Returns the end of ffmpeg's log (LOG_TAIL_BYTES), where filters print their summaries.
    """
    cmd = [FFMPEG, "-hide_banner", "-nostdin", "-y", "-nostats", *args]
    with tempfile.TemporaryFile() as stderr_file:
        # stderr goes to a file, so a chatty ffmpeg can never block on a full pipe.
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr_file
            )
        except FileNotFoundError as exc:
            raise MediaToolsMissing(f"{FFMPEG} is not installed") from exc
        deadline = None if timeout is None else time.monotonic() + timeout
        timed_out = False
        try:
            while True:
                wait = TICK_SECONDS
                if deadline is not None:
                    wait = max(0.0, min(wait, deadline - time.monotonic()))
                try:
                    returncode = proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    if deadline is not None and time.monotonic() >= deadline:
                        timed_out = True
                        proc.kill()
                    elif on_tick is not None:
                        on_tick()
        finally:
            if proc.poll() is None:  # on_tick raised: do not leave ffmpeg running
                proc.kill()
                proc.wait()
        if returncode != 0:
            stderr_file.seek(0)
            tail = _tail(stderr_file.read(), STDERR_TAIL_LINES)
            if timed_out:
                raise TranscodeError(f"ffmpeg timed out after {timeout:g}s\n{tail}")
            raise TranscodeError(f"ffmpeg exited with status {returncode}\n{tail}")
        size = stderr_file.seek(0, os.SEEK_END)
        stderr_file.seek(max(0, size - LOG_TAIL_BYTES))
        return stderr_file.read().decode("utf-8", "replace")


def _written_share(out: Path, duration: float) -> float:
    """How much of the item the HLS playlists in `out` list so far, in percent (the longest
    variant's: each playlist only grows)."""
    written = max(
        (
            sum(segment.duration for segment in m3u8.segments(playlist.read_text()))
            for playlist in out.glob("*/index.m3u8")
        ),
        default=0.0,
    )
    return 100.0 * written / duration if duration else 0.0


def _input_url(path: str) -> str:
    """Force the file protocol so a path can never be read as a URL or an option."""
    return f"file:{path}"


def _require_output(dest: str) -> None:
    """ffmpeg exits 0 when seeking past the end writes nothing; callers must hear about it."""
    if not os.path.isfile(dest) or os.path.getsize(dest) == 0:
        raise TranscodeError(f"ffmpeg produced no image at {dest}")


def _is_real_video(stream: dict) -> bool:
    """True for picture streams that play, not cover art embedded in audio files."""
    return (
        stream.get("codec_type") == "video"
        and (stream.get("disposition") or {}).get("attached_pic", 0) != 1
    )


def _display_size(stream: dict) -> tuple[int | None, int | None]:
    """Width/height as displayed: ffmpeg auto-rotates, so a 90-degree rotation swaps them."""
    width, height = stream.get("width"), stream.get("height")
    rotation = _to_float((stream.get("tags") or {}).get("rotate"))
    for side_data in stream.get("side_data_list") or []:
        if "rotation" in side_data:
            rotation = _to_float(side_data["rotation"])
    if rotation is not None and round(rotation) % 180 == 90:
        width, height = height, width
    return width, height


def _to_float(value: object) -> float | None:
    """ffprobe reports numbers as strings and unknowns as "N/A"; normalise both."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def without_paths(text: str) -> str:
    """Tool output fit for clients: ffmpeg names the files it read or wrote, a server's paths."""
    return _PATH_IN_TEXT.sub("<file>", text)


def _tail(output: bytes, lines: int) -> str:
    """Last lines of a process's output, decoded leniently."""
    return "\n".join(output.decode("utf-8", "replace").strip().splitlines()[-lines:])
