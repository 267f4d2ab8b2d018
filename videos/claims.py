"""A processing run's claim on one version of one item, kept alive while the run works.

The claim is a random token held in a Redis lock and in the item's `processing_claim`. Every
write of a run is conditioned on it (`Claim.mine()`), so a run that lost it (its lock expired
and the sweeper handed the item to another run, or a newer upload superseded it) stops without
touching the item or anything the item references.
"""

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bson import ObjectId
from django.conf import settings
from django.utils import timezone

from common import live
from common.redis import get_redis
from videos.documents import Video

# Extend the lock only while it still holds our token; delete it only if it does.
_EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"  # noqa: E501
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"  # noqa: E501


class ClaimLost(Exception):
    """Another run owns this item now, or a newer upload superseded this one."""


@dataclass(frozen=True)
class Claim:
    """One run's right to process one version of one item."""

    video_id: ObjectId
    version: int
    token: str

    @property
    def lock_key(self) -> str:
        return f"processing:{self.video_id}:{self.version}"

    @property
    def prefix(self) -> str:
        """Storage prefix of this run's outputs. "r", not "v": Cloudinary reserves v<digits>."""
        return f"videos/{self.video_id}/r{self.version}-{self.token}/"

    @property
    def work_dir(self) -> Path:
        return (
            Path(settings.MEDIA_WORK_DIR) / "jobs" / f"{self.video_id}-{self.version}-{self.token}"
        )

    def mine(self):
        """The item as a queryset that matches only while this claim holds."""
        return Video.objects(
            id=self.video_id, version=self.version, processing_claim=self.token, status="processing"
        )

    def extend(self) -> bool:
        """Keep the lock alive; False once it holds another token or none."""
        ttl_ms = settings.PROCESSING_STALE_SECONDS * 1000
        return bool(get_redis().eval(_EXTEND, 1, self.lock_key, self.token, ttl_ms))

    def release(self) -> None:
        get_redis().eval(_RELEASE, 1, self.lock_key, self.token)


class Heartbeat:
    """A thread that keeps the claim alive through steps that report nothing (uploads)."""

    def __init__(self, claim: Claim):
        self.claim = claim
        self.interval = max(1.0, settings.PROCESSING_STALE_SECONDS / 4)
        self.lost = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="processing-heartbeat", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            if not self.beat():
                return

    def beat(self, **changes) -> bool:
        """Extend the lock and stamp the item; on failure mark the claim lost."""
        alive = self.claim.extend() and self.claim.mine().update_one(
            set__heartbeat_at=timezone.now(), **changes
        )
        if not alive:
            self.lost.set()
        return bool(alive)

    def check(self) -> None:
        """Stop the run at a step boundary once the claim is gone."""
        if self.lost.is_set():
            raise ClaimLost()


def tell_owner(*, video: Video, status: str, progress: float) -> None:
    """Push an item's status and progress to its owner's event streams."""
    data = {"id": str(video.id), "status": status, "progress": progress}
    live.publish([live.UserEvent(video.owner_id, "video_progress", data)])


class ProgressReport:
    """Writes progress with the heartbeat, at most once a second or every 2 points, and tells
    the owner's streams each whole point it reaches (a hundred events at most)."""

    def __init__(self, heartbeat: Heartbeat, *, video: Video):
        self.heartbeat = heartbeat
        self.video = video
        self.last_value, self.last_time = -100.0, 0.0
        self.last_told = -1

    def __call__(self, value: float, *, force: bool = False) -> None:
        self.heartbeat.check()
        now = time.monotonic()
        if not force and value - self.last_value < 2 and now - self.last_time < 1:
            return
        self.last_value, self.last_time = value, now
        self.heartbeat.beat(set__progress=round(value, 1))
        self.heartbeat.check()
        if int(value) > self.last_told:
            self.last_told = int(value)
            tell_owner(video=self.video, status="processing", progress=round(value, 1))

    def stage(self, start: float, end: float):
        """A callback mapping a sub-step's 0-100 onto [start, end]."""
        return lambda percent: self(start + (end - start) * percent / 100)
