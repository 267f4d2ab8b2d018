"""Builders for media tests: uploads through the API and ready items straight in the store."""

import time
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

from django.utils import timezone

from videos.documents import Video
from videos.listing import refresh_listing

VIDEOS = "/api/v1/videos"


def upload(client, path: Path, **fields):
    """POST a media file through the API like a browser form."""
    with open(path, "rb") as handle:
        return client.post(
            VIDEOS, {"title": "A clip", **fields, "file": handle}, format="multipart"
        )


def ready_video(owner, **fields) -> Video:
    """An item marked processed, for tests about who sees what (no media files behind it)."""
    values = {
        "title": "Ready item",
        "status": "ready",
        "progress": 100.0,
        "visibility": "public",
        "published": True,
        "duration": 10.0,
        **fields,
    }
    video = Video(owner_id=owner.id, owner_active=owner.is_active, **values)
    if "published_at" not in fields:
        video.published_at = timezone.now()
    return refresh_listing(video=video)


def path_of(url: str) -> str:
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk(client, url: str) -> tuple[list[dict], list[int]]:
    """Every entry from the first page on, and each page's length."""
    entries, sizes = [], []
    while url:
        page = client.get(url).json()
        entries += page["results"]
        sizes.append(len(page["results"]))
        url = path_of(page["next"]) if page["next"] else None
    return entries, sizes


def play(client, video, *, seconds: float = 10.0, position: float | None = None, **extra):
    """A player's start call, then its heartbeat `seconds` of wall time later; the last answer."""
    url = f"{VIDEOS}/{video.id if hasattr(video, 'id') else video}/views"
    client.post(url, {"position": 0}, format="json", **extra)
    later = time.time() + seconds
    body = {"position": seconds if position is None else position, "watched_seconds": seconds}
    with mock.patch("videos.watch.wall_clock", return_value=later):
        return client.post(url, body, format="json", **extra)
