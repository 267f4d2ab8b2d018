"""Media generated on the fly with ffmpeg's lavfi sources, so no binary fixtures are committed."""

import subprocess
from pathlib import Path


def make_clip(
    folder: Path,
    *,
    name: str = "clip.mp4",
    seconds: float = 2,
    size: str = "320x240",
    audio: bool = True,
) -> Path:
    """A short test-pattern video, with a tone unless audio=False."""
    path = folder / name
    cmd = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25"]
    if audio:
        cmd += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]
    cmd += ["-t", str(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast"]
    if audio:
        cmd += ["-c:a", "aac", "-b:a", "64k"]
    subprocess.run([*cmd, str(path)], check=True)
    return path


def make_audio(folder: Path, *, name: str = "track.m4a", seconds: float = 2) -> Path:
    """A short tone as an audio-only file."""
    path = folder / name
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=330:sample_rate=44100",
            "-t",
            str(seconds),
            str(path),
        ],
        check=True,
    )
    return path
