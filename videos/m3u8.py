"""HLS playlist text: what the pipeline reads from and changes in the playlists ffmpeg writes.

Kept free of Django, like media_tools, so workers, benchmarks and tests can use it directly.
"""

import re
from dataclasses import dataclass

# Players that open a playlist still being written start at its beginning, not its live edge.
START_AT_BEGINNING = "#EXT-X-START:TIME-OFFSET=0,PRECISE=YES"
_EVENT_TYPE = "#EXT-X-PLAYLIST-TYPE:EVENT"
_VOD_TYPE = "#EXT-X-PLAYLIST-TYPE:VOD"
_EXTINF = re.compile(r"^#EXTINF:([0-9]+(?:\.[0-9]+)?)")
_TARGET_DURATION = re.compile(r"^#EXT-X-TARGETDURATION:([0-9]+)\s*$", re.MULTILINE)
_URI_ATTRIBUTE = re.compile(r'URI="([^"]+)"')
_AUDIO_GROUP = re.compile(r'AUDIO="([^"]+)"')
_GROUP_ID = re.compile(r'GROUP-ID="([^"]+)"')


@dataclass(frozen=True)
class Segment:
    """One media segment a media playlist names: its URI, start and length in seconds."""

    uri: str
    start: float
    duration: float


def segments(text: str) -> list[Segment]:
    """The segments of a media playlist in order, each with where it starts."""
    found: list[Segment] = []
    start, duration = 0.0, None
    for line in text.splitlines():
        line = line.strip()
        extinf = _EXTINF.match(line)
        if extinf:
            duration = float(extinf.group(1))
        elif line and not line.startswith("#") and duration is not None:
            found.append(Segment(uri=line, start=start, duration=duration))
            start += duration
            duration = None
    return found


def segment_at(text: str, seconds: float) -> tuple[Segment, float] | None:
    """The segment holding `seconds` and the offset into it (the last one past its end)."""
    listed = segments(text)
    for segment in listed:
        if seconds < segment.start + segment.duration:
            return segment, max(0.0, seconds - segment.start)
    if not listed:
        return None
    last = listed[-1]
    return last, last.duration


def is_complete(text: str) -> bool:
    """Whether a media playlist has its end (no segment will be added)."""
    return "#EXT-X-ENDLIST" in text.splitlines()


def as_vod(text: str) -> str:
    """An EVENT playlist whose writer has finished, declared VOD: nothing will change now."""
    return "\n".join(
        _VOD_TYPE if line.strip() == _EVENT_TYPE else line for line in text.splitlines()
    ) + ("\n" if text.endswith("\n") else "")


def starting_at_beginning(text: str, *, whole: float | None = None) -> str:
    """A playlist still being written that players start at 0:00, not at its live edge.

    EXT-X-START goes right after the header. Given the `whole` length the item will have, a
    media playlist also asks players to keep that far behind its live edge (EXT-X-SERVER-CONTROL
    HOLD-BACK, at least three target durations as RFC 8216bis wants): a player starts at the
    beginning and is never pulled forward to the edge while the run is ahead of it (hls.js, left
    to its defaults, jumps to the edge once ten target durations behind).
    """
    header = [START_AT_BEGINNING]
    target = _TARGET_DURATION.search(text)
    if whole is not None and target:
        hold_back = max(whole, 3 * int(target.group(1)))
        header.append(f"#EXT-X-SERVER-CONTROL:HOLD-BACK={hold_back:.3f}")
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith(("#EXT-X-START:", "#EXT-X-SERVER-CONTROL:"))
    ]
    at = 1 if lines and lines[0].strip() == "#EXTM3U" else 0
    while at < len(lines) and lines[at].startswith("#EXT-X-VERSION:"):
        at += 1
    return "\n".join([*lines[:at], *header, *lines[at:]]) + "\n"


def master_naming_only(text: str, *, available: set[str]) -> str | None:
    """A master playlist keeping only the renditions and variants whose playlists exist.

    A rendition (EXT-X-MEDIA) stays when its URI is available; a variant (EXT-X-STREAM-INF)
    when its own playlist is and its audio group, if it names one, kept a rendition. None when
    no variant is left, since a player could play nothing.
    """
    lines = text.splitlines()
    groups = {
        group.group(1)
        for line in lines
        if line.startswith("#EXT-X-MEDIA:")
        and (uri := _URI_ATTRIBUTE.search(line))
        and uri.group(1) in available
        and (group := _GROUP_ID.search(line))
    }
    kept: list[str] = []
    variants = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#EXT-X-MEDIA:"):
            uri = _URI_ATTRIBUTE.search(line)
            if uri is None or uri.group(1) in available:
                kept.append(line)
        elif line.startswith("#EXT-X-STREAM-INF:"):
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            group = _AUDIO_GROUP.search(line)
            if following in available and (group is None or group.group(1) in groups):
                kept += [line, following]
                variants += 1
            index += 1
        elif line.strip():
            kept.append(line)
        index += 1
    return "\n".join(kept) + "\n" if variants else None
