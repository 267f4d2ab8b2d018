"""Chapters: from timestamps at line starts in the description (`0:00 Intro`) by YouTube's
rule, or set by the owner, which win until the owner sets none (null) again; and the WebVTT
chapters track players show them from."""

from dataclasses import dataclass

from common.errors import Conflict, RuleViolation
from videos import webvtt
from videos.documents import Chapter, Video
from videos.listing import refresh_listing

MIN_CHAPTERS = 3
MIN_SECONDS = 10
MAX_CHAPTERS = 100
MAX_TITLE = 100
# What may stand between a description line's timestamp and its title: `0:00 - Intro`.
_SEPARATORS = " \t-\u2013\u2014:|"
_CLOCK = frozenset("0123456789:")


@dataclass(frozen=True)
class Mark:
    """Where a chapter starts (seconds) and its title."""

    start: float
    title: str


def from_description(description: str, *, duration: float | None) -> list[Mark]:
    """The description's chapters: lines starting with a timestamp, kept only when they make
    chapters by YouTube's rule (the first at 0:00, at least three, each 10 s or longer);
    none otherwise, or while the item's length is unknown."""
    if duration is None:
        return []
    marks = []
    for line in description.splitlines():
        mark = _line_mark(line.strip())
        if mark is not None:
            marks.append(mark)
    return marks if broken_rule(marks, duration=duration) is None else []


def _line_mark(line: str) -> Mark | None:
    """`0:00 Intro`, `1:02:03 - Part two`: a timestamp, a separator, a title; else None."""
    end = 0
    while end < min(len(line), 9) and (line[end] in _CLOCK):
        end += 1
    seconds, rest = clock_seconds(line[:end]), line[end:]
    if seconds is None or not rest or rest[0] not in _SEPARATORS:
        return None
    title = rest.lstrip(_SEPARATORS).strip()[:MAX_TITLE]
    return Mark(start=float(seconds), title=title) if title else None


def clock_seconds(text: str) -> int | None:
    """Seconds from `M:SS`, `MM:SS`, `H:MM:SS` or `HH:MM:SS`, else None."""
    fields = text.split(":")
    if not 2 <= len(fields) <= 3 or not all(f.isascii() and f.isdigit() for f in fields):
        return None
    *larger, seconds = fields
    if len(seconds) != 2 or int(seconds) > 59 or not 1 <= len(larger[0]) <= 2:
        return None
    if len(larger) == 2 and (len(larger[1]) != 2 or int(larger[1]) > 59):
        return None
    total = 0
    for field in larger:
        total = total * 60 + int(field)
    return total * 60 + int(seconds)


def broken_rule(marks: list[Mark], *, duration: float) -> str | None:
    """Which chapter rule `marks` break, in words; None when they make chapters."""
    if len(marks) < MIN_CHAPTERS:
        return f"At least {MIN_CHAPTERS} chapters."
    if marks[0].start != 0:
        return "The first chapter starts at 0:00."
    ends = [mark.start for mark in marks[1:]] + [duration]
    for number, (mark, end) in enumerate(zip(marks, ends, strict=True), start=1):
        if mark.start >= duration:
            return f"Chapter {number} starts past the item's end ({duration:g} s)."
        if end <= mark.start:
            return f"Chapter {number + 1} starts before chapter {number}: list them in order."
        if end - mark.start < MIN_SECONDS:
            return f"Chapter {number} is shorter than {MIN_SECONDS} s."
    return None


def set_chapters(*, video: Video, chapters: list[dict] | None) -> Video:
    """Set the item's chapters: a list wins over the description (an empty one: no chapters),
    None goes back to the description's. A list must make chapters by the description's rule."""
    if chapters is None:
        video.chapters_custom = False
        video.custom_chapters = []
        return refresh_listing(video=video)
    if video.duration is None:
        raise Conflict("Upload the item's media before setting its chapters.", code="no_media")
    marks = [Mark(start=round(item["start"], 3), title=item["title"]) for item in chapters]
    problem = broken_rule(marks, duration=video.duration) if marks else None
    if problem is not None:
        raise RuleViolation.on_field("chapters", problem)
    video.custom_chapters = [Chapter(start=mark.start, title=mark.title) for mark in marks]
    video.chapters_custom = True
    return refresh_listing(video=video)


def source(video: Video) -> str:
    """Where the item's chapters come from: "custom" (its owner) or "description"."""
    return "custom" if video.chapters_custom else "description"


def marks_of(video: Video) -> list[Mark]:
    """The chapters shown: the owner's (those starting inside the item, should a shorter file
    have replaced it), else the description's."""
    if not video.chapters_custom:
        return from_description(video.description, duration=video.duration)
    duration = video.duration or 0
    return [
        Mark(start=chapter.start, title=chapter.title)
        for chapter in video.custom_chapters
        if chapter.start < duration
    ]


def spans(video: Video) -> list[dict]:
    """The chapters shown, each with where it ends: the next one's start, or the item's end."""
    marks = marks_of(video)
    if not marks:
        return []
    ends = [mark.start for mark in marks[1:]] + [video.duration]
    return [
        {"start": mark.start, "end": end, "title": mark.title}
        for mark, end in zip(marks, ends, strict=True)
    ]


def chapters_track(video: Video) -> str:
    """The chapters as a WebVTT chapters track (one cue per chapter)."""
    cues = [
        webvtt.Cue(
            start=round(span["start"] * 1000),
            end=round(span["end"] * 1000),
            settings="",
            text=webvtt.escape(span["title"]),
        )
        for span in spans(video)
    ]
    return webvtt.write(webvtt.numbered(cues))
