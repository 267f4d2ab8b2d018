"""What a channel's feeds carry: its newest listed items and tweets (Atom), and its newest
listed audio items with their files (podcast). Two queries at most, each on an index that
starts with the channel."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.urls import reverse

from accounts.documents import User
from common.storage import media_storage, public_url
from engagement.documents import Tweet
from videos.documents import Video

ATOM_ENTRIES = 50
PODCAST_EPISODES = 100
# Enclosure types by the source's extension (Apple's for M4A and MP3).
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/x-m4a",
    "aac": "audio/aac",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "weba": "audio/webm",
    "webm": "audio/webm",
}


def utc(moment: datetime) -> datetime:
    """A stored time (naive, in UTC) or a fresh one (aware) as an aware UTC time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Entry:
    kind: str  # "video" or "tweet"
    at: datetime
    item: Video | Tweet


@dataclass(frozen=True)
class Episode:
    video: Video
    extension: str
    size: int

    @property
    def media_type(self) -> str:
        return AUDIO_TYPES.get(self.extension, "application/octet-stream")


def latest_entries(*, channel: User, limit: int = ATOM_ENTRIES) -> list[Entry]:
    """The channel's newest listed items and tweets, newest first."""
    videos = (
        Video.objects(is_listed=True, owner_id=channel.id)
        .order_by("-published_at", "-id")
        .limit(limit)
    )
    tweets = (
        Tweet.objects(author_id=channel.id, author_active=True)
        .order_by("-created_at", "-id")
        .limit(limit)
    )
    entries = [Entry("video", utc(video.published_at), video) for video in videos]
    entries += [Entry("tweet", utc(tweet.created_at), tweet) for tweet in tweets]
    entries.sort(key=lambda entry: (entry.at, entry.kind, entry.item.id), reverse=True)
    return entries[:limit]


def latest_episodes(*, channel: User, limit: int = PODCAST_EPISODES) -> list[Episode]:
    """The channel's newest listed audio items that have a stored file, newest first, each with
    its file's size (the enclosure's length; read from the storage for items processed before
    items kept it)."""
    storage = media_storage()
    episodes = []
    videos = (
        Video.objects(is_listed=True, owner_id=channel.id, kind="audio")
        .order_by("-published_at", "-id")
        .limit(limit)
    )
    for video in videos:
        size = video.source_bytes or _stored_size(storage, video.source)
        if size:
            extension = PurePosixPath(video.source).suffix.lstrip(".").lower()
            episodes.append(Episode(video=video, extension=extension, size=size))
    return episodes


def _stored_size(storage, name: str) -> int | None:
    """The size of a source processed before items kept it (None when it cannot be had)."""
    if not name:
        return None
    try:
        return storage.size(name)
    except OSError:
        return None


class FeedLinks:
    """Absolute URLs of what a feed names, on the host the caller used."""

    def __init__(self, request):
        self.request = request

    def url(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))

    def public(self, name: str) -> str | None:
        return public_url(name, self.request)

    def tag(self, *, created: datetime, specific: str) -> str:
        """A tag URI (RFC 4151): permanent, whatever the title or username becomes."""
        host = urlsplit(self.request.build_absolute_uri("/")).hostname or "localhost"
        return f"tag:{host},{utc(created).date().isoformat()}:{specific}"
