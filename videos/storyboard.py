"""Storyboards: the preview pictures players show over the seek bar.

One sprite sheet of small frames taken every `interval` seconds, rendered by the same ffmpeg run
that encodes the ladder (a branch of its smallest rung), and a WebVTT track whose cues point at
each frame's rectangle (`sprite.jpg#xywh=x,y,w,h`), the form video.js, Vidstack, Plyr and
JW Player read. The interval grows with the duration, so a sheet never holds more than
MAX_TILES frames however long the item.
"""

import math
from dataclasses import dataclass

from videos.media_tools import SideOutput

SPRITE_NAME = "sprite.jpg"
TRACK_NAME = "thumbnails.vtt"
# A tile's longer side, in pixels (YouTube's storyboards use 160x90).
TILE_SIDE = 160
MAX_TILES = 100
COLUMNS = 10
MIN_INTERVAL_SECONDS = 2
JPEG_QUALITY = 5  # mjpeg -q:v, 2 (best) to 31


@dataclass(frozen=True)
class StoryboardPlan:
    """Where each frame goes: `count` tiles of tile_width x tile_height, `columns` a row."""

    duration: float
    interval: int
    count: int
    columns: int
    rows: int
    tile_width: int
    tile_height: int

    @property
    def filter_chain(self) -> str:
        """Frames every `interval` seconds, shrunk and laid out on one sheet."""
        return (
            f"fps=1/{self.interval},"
            f"scale={self.tile_width}:{self.tile_height},setsar=1,"
            f"tile={self.columns}x{self.rows}"
        )

    def webvtt(self, *, image: str = SPRITE_NAME) -> str:
        """The thumbnails track: one cue per tile, the last ending with the item."""
        lines = ["WEBVTT", ""]
        for index in range(self.count):
            start = index * self.interval
            end = min(self.duration, start + self.interval)
            x = (index % self.columns) * self.tile_width
            y = (index // self.columns) * self.tile_height
            lines += [
                f"{_timestamp(start)} --> {_timestamp(end)}",
                f"{image}#xywh={x},{y},{self.tile_width},{self.tile_height}",
                "",
            ]
        return "\n".join(lines)


def plan_storyboard(*, duration: float, width: int, height: int) -> StoryboardPlan:
    """A sheet of at most MAX_TILES frames, at least MIN_INTERVAL_SECONDS apart."""
    interval = max(MIN_INTERVAL_SECONDS, math.ceil(duration / MAX_TILES))
    count = max(1, math.ceil(duration / interval))
    columns = min(COLUMNS, count)
    if width >= height:
        tile_width, tile_height = TILE_SIDE, _even(TILE_SIDE * height / width)
    else:
        tile_width, tile_height = _even(TILE_SIDE * width / height), TILE_SIDE
    return StoryboardPlan(
        duration=duration,
        interval=interval,
        count=count,
        columns=columns,
        rows=math.ceil(count / columns),
        tile_width=tile_width,
        tile_height=tile_height,
    )


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis / 1000:06.3f}"


def sprite_output(plan: StoryboardPlan, *, dest: str) -> SideOutput:
    """The sheet as a side output of the ladder's run, from its smallest rung."""
    return SideOutput(
        tap="smallest",
        chain=plan.filter_chain,
        args=(
            *("-frames:v", "1", "-c:v", "mjpeg", "-q:v", str(JPEG_QUALITY)),
            *("-f", "image2", "-update", "1", dest),
        ),
    )
