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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
class HlsOutput:
    """The files of the produced HLS package (master.m3u8 first level), relative to its folder."""

    files: list[str]


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
) -> HlsOutput:
    """Encode every rendition in a single ffmpeg run (one decode) into an HLS VOD package."""
    if not renditions:
        raise ValueError("at least one rendition is required")
    if kind == "video":
        args = _video_hls_args(info, renditions, segment_seconds)
    elif kind == "audio":
        args = _audio_hls_args(renditions)
    else:
        raise ValueError(f"unknown media kind: {kind!r}")

    out = Path(out_dir)
    # The hls muxer creates out_dir and the per-variant directories (%v) itself.
    cmd = [
        "-i",
        _input_url(source),
        *args,
        "-f",
        "hls",
        "-hls_time",
        str(segment_seconds),
        "-hls_playlist_type",
        "vod",
        # Every segment starts on a forced keyframe, so it can be advertised as independent.
        "-hls_flags",
        "independent_segments",
        "-hls_segment_filename",
        str(out / "%v" / "seg_%03d.ts"),
        "-master_pl_name",
        "master.m3u8",
        str(out / "%v" / "index.m3u8"),
    ]
    _run_ffmpeg(cmd, duration=info.duration, on_progress=on_progress, timeout=timeout)
    if on_progress is not None:
        on_progress(100.0)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return HlsOutput(files=files)


def extract_thumbnail(*, source: str, dest: str, at_seconds: float, max_width: int = 1280) -> None:
    """Write one JPEG frame for posters, shrunk (never enlarged) to keep storage small."""
    max_w = max(2, max_width - max_width % 2)
    # -2 keeps the aspect ratio with an even height; narrower frames are left untouched.
    scale = f"scale=w='if(gt(iw,{max_w}),{max_w},iw)':h='if(gt(iw,{max_w}),-2,ih)'"
    source_args = ["-ss", f"{max(0.0, at_seconds):.3f}", "-i", _input_url(source)]
    _write_still(
        [*source_args, "-map", "0:V:0", "-vf", scale], codec=["mjpeg", "-q:v", "3"], dest=dest
    )


def render_waveform(*, source: str, dest: str, width: int = 1280, height: int = 360) -> None:
    """Write a PNG waveform so audio items have artwork even without cover art."""
    graph = (
        f"[0:a:0]aformat=channel_layouts=mono,"
        f"showwavespic=s={width}x{height}:colors=0x3ea6ff:scale=sqrt[wave]"
    )
    _write_still(
        ["-i", _input_url(source), "-filter_complex", graph, "-map", "[wave]"],
        codec=["png"],
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
    info: MediaInfo, renditions: list[RenditionPlan], segment_seconds: int
) -> list[str]:
    """Build the scale cascade, per-rung x264 options and var_stream_map for a video ladder."""
    if any(r.height is None or r.video_bitrate_k is None for r in renditions):
        raise ValueError("video renditions need a height and a video bitrate")
    ordered = sorted(renditions, key=lambda r: r.height or 0, reverse=True)
    graph: list[str] = []
    args: list[str] = []
    stream_map: list[str] = []
    group = ",agroup:aud" if info.has_audio else ""
    for i, rendition in enumerate(ordered):
        # The source is decoded once; each rung is scaled from the rung above it (a cascade),
        # so small rungs read a quarter of the pixels instead of re-reading the full frame.
        source = "[0:V:0]" if i == 0 else f"[c{i}]"
        flags = "" if i == 0 else f":flags={LOWER_RUNG_SCALER}"
        sink = f",split=2[v{i}][c{i + 1}]" if i + 1 < len(ordered) else f"[v{i}]"
        graph.append(f"{source}scale=-2:{rendition.height}{flags}{sink}")
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
    args = [
        "-filter_complex",
        ";".join(graph),
        *args,
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
        args += ["-map", "0:a:0", "-c:a", "aac", "-b:a", f"{audio_k}k", "-ac", "2"]
        stream_map.append("a:0,agroup:aud,name:audio")
    return [*args, "-var_stream_map", " ".join(stream_map)]


def _audio_hls_args(renditions: list[RenditionPlan]) -> list[str]:
    """Map the decoded audio once per bitrate; ffmpeg decodes each input stream only once."""
    args: list[str] = []
    stream_map: list[str] = []
    for i, rendition in enumerate(renditions):
        args += ["-map", "0:a:0", f"-b:a:{i}", f"{rendition.audio_bitrate_k}k"]
        stream_map.append(f"a:{i},name:{rendition.name}")
    return [*args, "-c:a", "aac", "-ac", "2", "-var_stream_map", " ".join(stream_map)]


def _run_ffmpeg(
    args: list[str],
    *,
    duration: float | None = None,
    on_progress: Callable[[float], None] | None = None,
    timeout: float | None = None,
) -> None:
    """Run ffmpeg, report progress from its -progress stream, and turn failures into errors."""
    cmd = [FFMPEG, "-hide_banner", "-nostdin", "-y", "-progress", "pipe:1", "-nostats", *args]
    with tempfile.TemporaryFile() as stderr_file:
        # stderr goes to a file, so a chatty ffmpeg can never block on a full pipe.
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr_file,
                text=True,
                errors="replace",
            )
        except FileNotFoundError as exc:
            raise MediaToolsMissing(f"{FFMPEG} is not installed") from exc
        timed_out = threading.Event()

        def kill_on_timeout() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, kill_on_timeout) if timeout is not None else None
        try:
            if timer is not None:
                timer.start()
            reported: float | None = None
            for line in proc.stdout:
                seconds = _progress_seconds(line)
                if seconds is None or on_progress is None or not duration:
                    continue
                # Capped below 100 until ffmpeg has exited cleanly and the playlists are final.
                percent = min(99.0, seconds / duration * 100.0)
                if reported is None or percent > reported:
                    reported = percent
                    on_progress(percent)
            returncode = proc.wait()
        finally:
            if timer is not None:
                timer.cancel()
            if proc.poll() is None:  # the progress callback raised: do not leave ffmpeg running
                proc.kill()
                proc.wait()
            proc.stdout.close()
        if returncode != 0:
            stderr_file.seek(0)
            tail = _tail(stderr_file.read(), STDERR_TAIL_LINES)
            if timed_out.is_set():
                raise TranscodeError(f"ffmpeg timed out after {timeout:g}s\n{tail}")
            raise TranscodeError(f"ffmpeg exited with status {returncode}\n{tail}")


def _progress_seconds(line: str) -> float | None:
    """Parse out_time_us/out_time_ms (both microseconds in ffmpeg) from a -progress line."""
    key, _, value = line.strip().partition("=")
    if key not in ("out_time_us", "out_time_ms"):
        return None
    try:
        return max(0, int(value)) / 1_000_000
    except ValueError:  # "N/A" before the first packet is written
        return None


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
