"""Sample media generated with ffmpeg's lavfi sources: demo data and tests, no binary files."""

import subprocess
from pathlib import Path

from videos.media_tools import FFMPEG


def make_clip(
    folder: Path,
    *,
    name: str = "clip.mp4",
    seconds: float = 2,
    size: str = "320x240",
    audio: bool = True,
    pattern: str = "testsrc2",
    frequency: int = 440,
) -> Path:
    """A short test-pattern video, with a tone unless audio=False."""
    path = folder / name
    cmd = [FFMPEG, "-v", "error", "-y", "-f", "lavfi", "-i", f"{pattern}=size={size}:rate=25"]
    if audio:
        cmd += ["-f", "lavfi", "-i", f"sine=frequency={frequency}:sample_rate=44100"]
    cmd += ["-t", str(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]
    if audio:
        cmd += ["-c:a", "aac", "-b:a", "64k"]
    subprocess.run([*cmd, str(path)], check=True)
    return path


def make_audio(
    folder: Path, *, name: str = "track.m4a", seconds: float = 2, frequency: int = 330
) -> Path:
    """A short tone as an audio-only file."""
    path = folder / name
    source = f"sine=frequency={frequency}:sample_rate=44100"
    cmd = [FFMPEG, "-v", "error", "-y", "-f", "lavfi", "-i", source, "-t", str(seconds)]
    subprocess.run([*cmd, str(path)], check=True)
    return path
