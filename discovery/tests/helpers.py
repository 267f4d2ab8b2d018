"""Builders for discovery tests: viewers who finish or like items, the flushes that pair them."""

from django.core.files.base import ContentFile

from common.storage import media_storage
from engagement import tasks as engagement_tasks
from engagement.tests.helpers import like
from videos import tasks as video_tasks
from videos.tests.helpers import play, ready_video


def related_url(video) -> str:
    return f"/api/v1/videos/{video.id}/related"


def finish(client, *videos) -> None:
    """The signed-in viewer watches each item (10 s long, see ready_video) to its end."""
    for video in videos:
        assert play(client, video, seconds=10, position=10).status_code == 200


def like_all(client, *videos) -> None:
    for video in videos:
        assert like(client, video).status_code == 200


def flush_views() -> None:
    """The view/watch flush, as beat runs it."""
    video_tasks.flush_view_counters()


def flush_likes() -> None:
    """The like flush, as beat runs it."""
    engagement_tasks.flush_like_counters()


def reasons(client, video, **params) -> list[tuple[str, str, float]]:
    """Up next for an item as (title, reason, score), first page."""
    response = client.get(related_url(video), params)
    assert response.status_code == 200, response.content
    return [(item["title"], item["reason"], item["score"]) for item in response.json()["results"]]


def audio_item(owner, *, extension: str = "mp3", size: int = 4096, **fields):
    """A ready audio item whose source file is stored (any bytes: feeds read only its size)."""
    name = media_storage().save(
        f"sources/{extension}/source.{extension}", ContentFile(b"\0" * size)
    )
    return ready_video(owner, kind="audio", source=name, files=[name], **fields)
