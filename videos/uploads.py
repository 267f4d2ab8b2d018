"""Media upload intake: a content check with ffprobe of what arrived, size-capped, on disk."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from common.errors import RuleViolation, Unavailable
from videos.media_tools import (
    InvalidMediaError,
    MediaInfo,
    MediaToolsMissing,
    probe_media,
    without_paths,
)

VIDEO_EXTENSIONS = {"mp4", "m4v", "mov", "mkv", "webm", "avi", "mpeg", "mpg", "ts", "3gp"}
AUDIO_EXTENSIONS = {"mp3", "m4a", "aac", "wav", "flac", "ogg", "oga", "opus", "weba", "webm"}


@dataclass(frozen=True)
class InspectedUpload:
    path: str
    extension: str
    kind: str
    info: MediaInfo


def _extension(name: str) -> str:
    return Path(name or "").suffix.lower().lstrip(".")


def _refuse(message: str) -> RuleViolation:
    return RuleViolation.on_field("file", message)


def inspect_upload(*, upload, kind: str | None) -> InspectedUpload:
    """Check the file really is media of the declared kind and within limits; infer the kind."""
    if upload is None or not hasattr(upload, "temporary_file_path"):
        raise _refuse("A media file is required.")
    return inspect_file(path=upload.temporary_file_path(), name=upload.name, kind=kind)


def media_extension(name: str) -> str:
    """The file name's extension, when it is one of a media type we take; else refused."""
    extension = _extension(name)
    if extension not in VIDEO_EXTENSIONS | AUDIO_EXTENSIONS:
        allowed = ", ".join(sorted(VIDEO_EXTENSIONS | AUDIO_EXTENSIONS))
        raise _refuse(f"Unsupported file type .{extension}; use one of {allowed}.")
    return extension


def inspect_file(*, path: str, name: str, kind: str | None) -> InspectedUpload:
    """inspect_upload for a file already whole on disk (a finished resumable upload)."""
    extension = media_extension(name)
    try:
        info = probe_media(path=path)
    except InvalidMediaError as exc:
        raise _refuse(f"The file is not playable media ({without_paths(str(exc))}).") from exc
    except MediaToolsMissing as exc:
        raise Unavailable("Uploads are unavailable: the server cannot read media now.") from exc
    kind = kind or ("video" if info.has_video else "audio")
    if kind == "video" and not info.has_video:
        raise _refuse("This file has no video stream; upload it with kind=audio.")
    if kind == "audio" and not info.has_audio:
        raise _refuse("This file has no audio stream.")
    if info.duration > settings.MEDIA_MAX_DURATION_SECONDS:
        limit = settings.MEDIA_MAX_DURATION_SECONDS // 60
        raise _refuse(f"The media is longer than {limit} minutes.")
    return InspectedUpload(path=path, extension=extension, kind=kind, info=info)


def incoming_dir(*, video_id: str, version: int | None = None) -> Path:
    """Where an item's stashed uploads wait for processing, per version."""
    folder = Path(settings.MEDIA_WORK_DIR) / "incoming" / video_id
    return folder if version is None else folder / str(version)


def discard_incoming(*, video_id: str, below: int | None = None) -> None:
    """Drop an item's stashed uploads: all of them, or those older than version `below`."""
    root = incoming_dir(video_id=video_id)
    if below is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    for folder in root.glob("*"):
        if folder.name.isdigit() and int(folder.name) < below:
            shutil.rmtree(folder, ignore_errors=True)


def stash_upload(*, inspected: InspectedUpload, video_id: str, version: int) -> str:
    """Move the checked upload into the work area the processing task reads from."""
    folder = incoming_dir(video_id=video_id, version=version)
    folder.mkdir(parents=True, exist_ok=True)
    destination = folder / f"source.{inspected.extension}"
    shutil.move(inspected.path, destination)
    os.chmod(destination, 0o640)
    return str(destination)
