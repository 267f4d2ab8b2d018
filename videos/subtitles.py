"""Captions in HLS: TYPE=SUBTITLES renditions in the master playlist, and per language a WebVTT
media playlist whose segments follow the item's own segment grid, so hls.js and Safari offer
the captions with no player code.

Segments are written from the track's cues when asked for: they always match the item's
current duration, and nothing per segment is stored. In MPEG-TS media, cue time 0 must be
pinned to the stream's first timestamp (X-TIMESTAMP-MAP), else players show every cue early
by the muxer's offset; that timestamp is read once per HLS package and cached.
"""

import math
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache

from common.storage import media_storage
from videos import webvtt
from videos.documents import CaptionTrack, Video
from videos.media_tools import first_timestamp

GROUP_ID = "subs"
# Bytes of the first segment read to find its first timestamp.
PROBE_BYTES = 1024 * 1024
TIMESTAMP_CACHE_SECONDS = 7 * 24 * 3600


def with_subtitle_renditions(master: str, *, tracks: list[CaptionTrack]) -> str:
    """The master playlist naming one SUBTITLES rendition per caption track, and every variant
    referring to their group; unchanged when the item has no captions."""
    if not tracks:
        return master
    renditions = [
        f'#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="{GROUP_ID}",NAME="{track.label}",'
        f'LANGUAGE="{track.lang}",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,'
        f'URI="subtitles/{track.lang}/index.m3u8"'
        for track in sorted(tracks, key=lambda track: track.lang)
    ]
    lines = []
    for line in master.splitlines():
        if line.startswith("#EXT-X-STREAM-INF:"):
            line += f',SUBTITLES="{GROUP_ID}"'
        lines.append(line)
    # The renditions go before the first variant, after the playlist's own tags.
    first_variant = next(
        (i for i, line in enumerate(lines) if line.startswith("#EXT-X-STREAM-INF:")), len(lines)
    )
    return "\n".join([*lines[:first_variant], *renditions, *lines[first_variant:]]) + "\n"


def segment_count(*, duration: float) -> int:
    return max(1, math.ceil(duration / settings.HLS_SEGMENT_SECONDS))


def media_playlist(*, duration: float) -> str:
    """A VOD playlist of WebVTT segments on the item's segment grid."""
    length = settings.HLS_SEGMENT_SECONDS
    count = segment_count(duration=duration)
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{length}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
    ]
    for index in range(count):
        seconds = min(length, duration - index * length)
        lines += [f"#EXTINF:{seconds:.3f},", f"seg_{index}.vtt"]
    return "\n".join([*lines, "#EXT-X-ENDLIST"]) + "\n"


def segment(*, cues: list[webvtt.Cue], index: int, video: Video) -> str:
    """Segment `index`: every cue showing during it, numbered as in the whole file (players
    drop the copies of a cue that spans segments by that number)."""
    length_ms = settings.HLS_SEGMENT_SECONDS * 1000
    start, end = index * length_ms, (index + 1) * length_ms
    showing = [(n, cue) for n, cue in webvtt.numbered(cues) if cue.start < end and cue.end > start]
    ticks = stream_start(video=video)
    header = f"X-TIMESTAMP-MAP=MPEGTS:{ticks},LOCAL:00:00:00.000" if ticks else ""
    return webvtt.write(showing, header=header)


def stream_start(*, video: Video) -> int:
    """The first timestamp (90 kHz) of the item's main variant when it is MPEG-TS, else 0."""
    key = f"subtitles:stream-start:{video.hls_prefix}"
    ticks = cache.get(key)
    if ticks is None:
        ticks = _read_stream_start(video)
        cache.set(key, ticks, TIMESTAMP_CACHE_SECONDS)
    return ticks


def _read_stream_start(video: Video) -> int:
    storage = media_storage()
    prefix = video.hls_prefix
    variant = _first_uri(_read_text(storage, prefix + "master.m3u8"))
    if variant is None:
        return 0
    variant_path = PurePosixPath(variant.split("?", 1)[0])
    if prefix + str(variant_path) not in video.files:
        return 0
    first = _first_uri(_read_text(storage, prefix + str(variant_path)))
    if first is None or not first.endswith(".ts"):
        return 0
    name = prefix + str(variant_path.parent / first.split("?", 1)[0])
    if name not in video.files:
        return 0
    with storage.open(name, "rb") as handle:
        return first_timestamp(handle.read(PROBE_BYTES)) or 0


def _read_text(storage, name: str) -> str:
    with storage.open(name, "rb") as handle:
        return handle.read().decode()


def _first_uri(playlist: str) -> str | None:
    """The first URI line of a playlist: its first variant, or its first segment."""
    return next((line for line in playlist.splitlines() if line and line[0] != "#"), None)
