"""Caption files: WebVTT and SRT read line by line into cues, and WebVTT written from cues.

Kept free of Django. Every step is linear in the file: lines are split once, timestamps and cue
settings are read by hand (no pattern over a whole line), cue text is scanned once for its tags,
and limits stop the reading as soon as they are passed, so hostile input costs no more than a
well-formed file of the same size. Anything that is not a clean WebVTT or SRT file is refused
with the line that breaks it; nothing is guessed.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass

# Cue text: lines a cue may have, and characters.
MAX_CUE_LINES = 10
MAX_CUE_CHARS = 1000
# Cues showing at the same instant: captions for two or three speakers, never a wall of text.
MAX_OVERLAP = 8
# Longest identifier or settings text read; longer ones are no caption file's.
MAX_LINE_CHARS = 4096
ARROW = "-->"
# Tags kept in cue text: WebVTT's own, and what SRT writers use of them (<font> is dropped).
VTT_TAGS = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})
SRT_TAGS = frozenset({"i", "b", "u"})
# Settings a cue may carry, each with the values it takes; region blocks are not kept.
ALIGNMENTS = frozenset({"start", "center", "end", "left", "right"})
LINE_ALIGNMENTS = frozenset({"start", "center", "end"})
POSITION_ALIGNMENTS = frozenset({"line-left", "center", "line-right"})
_CONTROL = frozenset(chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32), 127))


class CaptionError(ValueError):
    """The file is not a caption file we take; the message names the line when it can."""


@dataclass(frozen=True)
class Cue:
    """One cue: milliseconds from the item's start, WebVTT settings text and cue text."""

    start: int
    end: int
    settings: str
    text: str


@dataclass(frozen=True)
class Limits:
    """What one caption file may hold: its cues, and the item's length they must fit in."""

    max_cues: int
    duration_ms: int


def parse(data: bytes, *, limits: Limits) -> tuple[str, list[Cue]]:
    """The file's format ("vtt" or "srt") and its cues, ordered by start; CaptionError else."""
    if b"\x00" in data:
        raise CaptionError("This is a binary file, not WebVTT or SRT.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaptionError("Caption files must be UTF-8 text.") from exc
    text = text.removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t")):
        cues = _read_vtt(lines, limits=limits)
        kind = "vtt"
    elif _looks_like_srt(lines):
        cues = _read_srt(lines, limits=limits)
        kind = "srt"
    else:
        raise CaptionError("This is neither WebVTT (first line WEBVTT) nor SRT.")
    if not cues:
        raise CaptionError("The file holds no cues.")
    cues.sort(key=lambda cue: (cue.start, cue.end))
    _check_overlap(cues)
    return kind, cues


def _looks_like_srt(lines: list[str]) -> bool:
    """SRT opens with a cue number, or directly with a timing line."""
    first = next((line.strip() for line in lines if line.strip()), "")
    return (first.isascii() and first.isdigit()) or ARROW in first


class _Lines:
    """Lines with their 1-based numbers, read one block at a time."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.at = 0

    def skip_blank(self) -> None:
        while self.at < len(self.lines) and not self.lines[self.at].strip():
            self.at += 1

    def done(self) -> bool:
        return self.at >= len(self.lines)

    def peek(self) -> str:
        return self.lines[self.at]

    def take(self) -> tuple[int, str]:
        self.at += 1
        return self.at, self.lines[self.at - 1]


def _read_vtt(lines: list[str], *, limits: Limits) -> list[Cue]:
    """WebVTT: header, then NOTE, STYLE, REGION and cue blocks separated by blank lines."""
    reader = _Lines(lines)
    while not reader.done() and reader.peek().strip():
        number, line = reader.take()
        if ARROW in line:
            raise CaptionError(f"Line {number}: the header must end with a blank line.")
    cues: list[Cue] = []
    while True:
        reader.skip_blank()
        if reader.done():
            return cues
        number, line = reader.take()
        if line.split(None, 1)[0] in ("NOTE", "STYLE", "REGION") and ARROW not in line:
            _skip_block(reader)
            continue
        if ARROW not in line:
            _check_line(number, line)
            if reader.done() or ARROW not in reader.peek():
                raise CaptionError(f"Line {number}: expected a cue timing (start --> end).")
            number, line = reader.take()
        start, end, settings = _timing(number, line, srt=False)
        text = _cue_text(reader, number, tags=VTT_TAGS)
        cues.append(Cue(start=start, end=end, settings=_settings(settings), text=text))
        _check_cue(number, cues, limits)


def _read_srt(lines: list[str], *, limits: Limits) -> list[Cue]:
    """SRT: blocks of a cue number (optional), a timing line and text, blank lines between."""
    reader = _Lines(lines)
    cues: list[Cue] = []
    while True:
        reader.skip_blank()
        if reader.done():
            return cues
        number, line = reader.take()
        if ARROW not in line:
            if not (line.strip().isascii() and line.strip().isdigit()):
                raise CaptionError(f"Line {number}: expected a cue number or timing.")
            if reader.done() or ARROW not in reader.peek():
                raise CaptionError(f"Line {number}: expected a cue timing after the cue number.")
            number, line = reader.take()
        start, end, _coordinates = _timing(number, line, srt=True)
        text = _cue_text(reader, number, tags=SRT_TAGS)
        cues.append(Cue(start=start, end=end, settings="", text=text))
        _check_cue(number, cues, limits)


def _skip_block(reader: _Lines) -> None:
    while not reader.done() and reader.peek().strip():
        reader.take()


def _check_line(number: int, line: str) -> None:
    if len(line) > MAX_LINE_CHARS:
        raise CaptionError(f"Line {number} is too long.")


def _check_cue(number: int, cues: list[Cue], limits: Limits) -> None:
    """The cue just read ends after it starts, inside the item, and within the cue count."""
    cue = cues[-1]
    if cue.end <= cue.start:
        raise CaptionError(f"Line {number}: a cue must end after it starts.")
    if cue.end > limits.duration_ms:
        raise CaptionError(
            f"Line {number}: the cue ends at {format_timestamp(cue.end)}, "
            f"past the item's end ({format_timestamp(limits.duration_ms)})."
        )
    if len(cues) > limits.max_cues:
        raise CaptionError(f"At most {limits.max_cues} cues in one file.")


def _timing(number: int, line: str, *, srt: bool) -> tuple[int, int, str]:
    """`start --> end` and what follows it (WebVTT settings; SRT's coordinates, ignored)."""
    _check_line(number, line)
    left, _, right = line.partition(ARROW)
    parts = right.split(None, 1)
    if not left.strip() or not parts:
        raise CaptionError(f"Line {number}: expected a cue timing (start --> end).")
    start = parse_timestamp(left.strip(), srt=srt)
    end = parse_timestamp(parts[0], srt=srt)
    if start is None or end is None:
        example = "00:01:02,500" if srt else "00:01:02.500"
        raise CaptionError(f"Line {number}: timestamps look like {example}.")
    return start, end, parts[1] if len(parts) > 1 else ""


def parse_timestamp(text: str, *, srt: bool = False) -> int | None:
    """Milliseconds from WebVTT's `[hh:]mm:ss.ttt` or SRT's `hh:mm:ss,ttt` (a dot taken too),
    else None."""
    separator = "," if srt and "," in text else "."
    clock, dot, fraction = text.partition(separator)
    if not dot or len(fraction) != 3 or not _digits(fraction):
        return None
    fields = clock.split(":")
    if len(fields) == 2 and not srt:
        hours, minutes, seconds = "0", *fields
    elif len(fields) == 3:
        hours, minutes, seconds = fields
    else:
        return None
    if not (1 <= len(hours) <= 3 and _digits(hours)):
        return None
    if not all(len(field) == 2 and _digits(field) for field in (minutes, seconds)):
        return None
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def format_timestamp(ms: int) -> str:
    """WebVTT's `hh:mm:ss.ttt`."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _settings(text: str) -> str:
    """The cue settings WebVTT defines, each with a value it takes; others are dropped."""
    kept = []
    for setting in text.split():
        name, colon, value = setting.partition(":")
        if not colon or name in {part.partition(":")[0] for part in kept}:
            continue
        if _setting_value_ok(name, value):
            kept.append(setting)
    return " ".join(kept)


def _setting_value_ok(name: str, value: str) -> bool:
    main, comma, alignment = value.partition(",")
    if name == "vertical":
        return value in ("rl", "lr")
    if name == "align":
        return value in ALIGNMENTS
    if name == "size":
        return _percentage(value)
    if name == "position":
        return _percentage(main) and (not comma or alignment in POSITION_ALIGNMENTS)
    if name == "line":
        number = main.removeprefix("-")
        place = _percentage(main) or (0 < len(number) <= 3 and _digits(number))
        return place and (not comma or alignment in LINE_ALIGNMENTS)
    return False


def _percentage(text: str) -> bool:
    """0% to 100%, with at most 3 decimals."""
    whole, dot, decimals = text.removesuffix("%").partition(".")
    if not text.endswith("%") or not (0 < len(whole) <= 3 and _digits(whole)):
        return False
    if dot and not (0 < len(decimals) <= 3 and _digits(decimals)):
        return False
    return float(text[:-1]) <= 100


def _cue_text(reader: _Lines, number: int, *, tags: frozenset[str]) -> str:
    """The cue's text lines up to a blank line or the next timing line, its tags cleaned."""
    lines, length = [], 0
    while not reader.done() and reader.peek().strip() and ARROW not in reader.peek():
        line_number, line = reader.take()
        length += len(line)
        if len(lines) == MAX_CUE_LINES:
            raise CaptionError(f"Line {line_number}: at most {MAX_CUE_LINES} lines in a cue.")
        if length > MAX_CUE_CHARS:
            raise CaptionError(f"Line {line_number}: at most {MAX_CUE_CHARS} characters in a cue.")
        if _CONTROL.intersection(line):
            raise CaptionError(f"Line {line_number}: control characters are not caption text.")
        lines.append(clean_text(line.rstrip(), tags=tags, timestamp_tags=tags is VTT_TAGS))
    text = "\n".join(lines)
    if not text:
        raise CaptionError(f"Line {number}: the cue has no text.")
    return text


def clean_text(line: str, *, tags: frozenset[str], timestamp_tags: bool) -> str:
    """Cue text with only the tags in `tags` (and timestamp tags if asked) kept, other tags
    dropped, SRT's {\\...} overrides dropped, and any other < or > escaped; one pass."""
    out = []
    at = 0
    while at < len(line):
        char = line[at]
        if char == "{" and line.startswith("{\\", at) and "}" in line[at : at + 64]:
            at = line.index("}", at) + 1
            continue
        if char == "<":
            close = line.find(">", at, at + 256)
            inner = line[at + 1 : close] if close != -1 else ""
            if close != -1 and "<" not in inner:
                if _kept_tag(inner, tags, timestamp_tags=timestamp_tags):
                    out.append(f"<{inner}>")
                at = close + 1
                continue
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        else:
            out.append(char)
        at += 1
    return "".join(out)


def _kept_tag(inner: str, tags: frozenset[str], *, timestamp_tags: bool) -> bool:
    if inner[:1].isdigit():
        return timestamp_tags and parse_timestamp(inner) is not None
    name = inner.removeprefix("/").split(".", 1)[0].split(None, 1)
    return bool(name) and name[0] in tags


def _check_overlap(cues: list[Cue]) -> None:
    """No instant shows more than MAX_OVERLAP cues (cues are ordered by start)."""
    showing: list[int] = []
    for cue in cues:
        while showing and showing[0] <= cue.start:
            showing.pop(0)
        insort(showing, cue.end)
        if len(showing) > MAX_OVERLAP:
            raise CaptionError(
                f"More than {MAX_OVERLAP} cues show at once at {format_timestamp(cue.start)}."
            )


def write(cues: list[tuple[int, Cue]], *, header: str = "") -> str:
    """A WebVTT file of (number, cue) pairs; `header` goes below WEBVTT."""
    blocks = ["WEBVTT" + (f"\n{header}" if header else "")]
    for number, cue in cues:
        timing = f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}"
        if cue.settings:
            timing += f" {cue.settings}"
        blocks.append(f"{number}\n{timing}\n{cue.text}")
    return "\n\n".join(blocks) + "\n"


def numbered(cues: list[Cue]) -> list[tuple[int, Cue]]:
    """Each cue with its number in the whole file, the id players de-duplicate segments by."""
    return list(enumerate(cues, start=1))


def escape(text: str) -> str:
    """Plain text as WebVTT cue text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
