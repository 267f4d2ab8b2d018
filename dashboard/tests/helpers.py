"""A scripted player with its own wall clock, and rollups seeded straight into the store."""

from datetime import timedelta

from django.utils import timezone

from videos.documents import VideoDailyStats
from videos.tests.helpers import VIDEOS

DASHBOARD = "/api/v1/dashboard"


class Clock:
    """The wall clock heartbeats are checked against, moved by hand."""

    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now


def beat(client, video, clock: Clock, *, after: float, position: float, watched: float, **extra):
    """One heartbeat `after` seconds of wall time since the previous one."""
    clock.now += after
    body = {"position": position, "watched_seconds": watched}
    return client.post(f"{VIDEOS}/{video.id}/views", body, format="json", **extra)


def watch_to(client, video, clock: Clock, *, until: float, step: float = 10.0, **extra) -> list:
    """Play from the start to `until` seconds, honestly, a heartbeat every `step` seconds."""
    answers = [beat(client, video, clock, after=0, position=0, watched=0, **extra).json()]
    position = 0.0
    while position < until:
        moved = min(step, until - position)
        position += moved
        answers.append(
            beat(
                client, video, clock, after=moved, position=position, watched=moved, **extra
            ).json()
        )
    return answers


def day(offset: int = 0) -> str:
    """Today (UTC) plus `offset` days, as rollups name days."""
    return (timezone.now().date() + timedelta(days=offset)).isoformat()


def rollup(video, offset: int = 0, **figures) -> VideoDailyStats:
    """A day of figures for an item, as the flushes would have left them."""
    return VideoDailyStats(
        video_id=video.id, owner_id=video.owner_id, day=day(offset), **figures
    ).save(force_insert=True)
