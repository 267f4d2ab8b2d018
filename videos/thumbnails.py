"""Thumbnails an owner sets: an uploaded image, or a frame of the item chosen by its time.

A chosen frame is one of the candidates processing offers (their very picture, when the time
is a candidate's) or any other moment, taken from the segment of the top rendition that holds
it: a few seconds of video to read, never the whole source, from whatever storage holds it.
"""

import shutil
import tempfile
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from common.errors import Conflict, RuleViolation, Unavailable
from common.images import validate_image
from common.storage import PUBLIC, media_storage
from common.tasks import delete_files
from videos import m3u8
from videos.documents import Video
from videos.listing import refresh_listing
from videos.media_tools import MediaToolsMissing, TranscodeError, extract_thumbnail

# A time within this of a candidate's is that candidate (times are kept to the millisecond).
SAME_MOMENT_SECONDS = 0.0005
# How far before a segment's listed end a frame is asked for: its last frame starts before it.
SEGMENT_END_MARGIN_SECONDS = 0.1


def store_thumbnail(*, video: Video, content: bytes, extension: str) -> str:
    """Store a picture as the owner's thumbnail; return the name it replaces."""
    old = video.thumbnail
    name = f"thumbnails/{video.id}/{uuid.uuid4().hex}.{extension}"
    video.thumbnail = storages[PUBLIC].save(name, ContentFile(content))
    video.thumbnail_custom = True
    return old


def set_thumbnail(*, video: Video, upload) -> Video:
    """Replace the thumbnail with the owner's image; the generated one is not used again."""
    image = validate_image(upload=upload, field="thumbnail")
    return _replace(video=video, content=image.content, extension=image.extension)


def set_thumbnail_frame(*, video: Video, at: float) -> Video:
    """Replace the thumbnail with the frame `at` seconds in; checked before anything is read."""
    if video.kind != "video":
        raise RuleViolation.on_field("at", "An audio item has no frames; upload an image.")
    if video.status != "ready":
        raise Conflict("Frames can be chosen once processing has finished.")
    if at > (video.duration or 0):
        raise RuleViolation.on_field(
            "at", f"The item is {video.duration:g} seconds long; choose a time within it."
        )
    candidate = next(
        (c for c in video.thumbnail_candidates if abs(c.at - at) < SAME_MOMENT_SECONDS), None
    )
    if candidate is not None:
        with storages[PUBLIC].open(candidate.name, "rb") as handle:
            content = handle.read()
    else:
        content = _frame_from_rendition(video=video, at=at)
    return _replace(video=video, content=content, extension="jpg")


def _replace(*, video: Video, content: bytes, extension: str) -> Video:
    old = store_thumbnail(video=video, content=content, extension=extension)
    refresh_listing(video=video)
    if old:
        delete_files.delay([old], PUBLIC)
    return video


def _frame_from_rendition(*, video: Video, at: float) -> bytes:
    """The frame at `at` seconds, read from the segment of the top rendition holding it."""
    top = max(video.renditions, key=lambda rendition: rendition.height or 0)
    folder = f"{video.hls_prefix}{top.name}/"
    with media_storage().open(f"{folder}index.m3u8", "rb") as handle:
        found = m3u8.segment_at(handle.read().decode(), at)
    if found is None:
        raise Conflict("This item has no frames to choose from.")
    segment, offset = found
    offset = min(offset, max(0.0, segment.duration - SEGMENT_END_MARGIN_SECONDS))
    with tempfile.TemporaryDirectory(prefix="frame-") as work:
        source, frame = Path(work) / "segment.ts", Path(work) / "frame.jpg"
        with media_storage().open(folder + segment.uri, "rb") as stored, source.open("wb") as copy:
            shutil.copyfileobj(stored, copy)
        try:
            extract_thumbnail(source=str(source), dest=str(frame), at_seconds=offset, exact=True)
        except TranscodeError:
            # A segment's listed length can pass its last frame: take its first one instead.
            extract_thumbnail(source=str(source), dest=str(frame), at_seconds=0, exact=True)
        except MediaToolsMissing as exc:
            raise Unavailable("Frames cannot be taken now: the server cannot read media.") from exc
        return frame.read_bytes()


def pictures_of(video) -> list[str]:
    """Every picture of an item in the public store: its thumbnail and the candidate frames."""
    names = [video.thumbnail, *(candidate.name for candidate in video.thumbnail_candidates)]
    return list(dict.fromkeys(name for name in names if name))
