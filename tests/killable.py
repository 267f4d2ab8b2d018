"""A worker killed at any store operation, and the stores put back as they were, so one world can
be purged again and again, killed at a different point each time."""

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path

import mongoengine
import redis
from django.conf import settings
from django.core.files.storage import FileSystemStorage

from common.redis import get_redis
from config.journal_capture import MONGO_WRITES


class WorkerKilled(BaseException):
    """The worker's process died: no code after it runs, no `except Exception` catches it."""


class StoreOperations:
    """Counts what a run does to the stores (Mongo writes, Redis round-trips, file deletions).
    Armed with `kill_at`, the run dies at that operation: it and every later one raise
    WorkerKilled, since nothing a dead process would still do (a `finally`) reaches a store."""

    def __init__(self):
        self.count = 0
        self.kill_at: int | None = None
        self.dead = False

    def step(self) -> None:
        if self.dead:
            raise WorkerKilled
        self.count += 1
        if self.kill_at is not None and self.count >= self.kill_at:
            self.dead = True
            raise WorkerKilled

    def restart(self, *, kill_at: int | None = None) -> None:
        """A fresh worker: counting from zero, dying at `kill_at` if given."""
        self.count, self.kill_at, self.dead = 0, kill_at, False


def watch_operations(monkeypatch) -> StoreOperations:
    """Route every store operation of this test through a StoreOperations."""
    operations = StoreOperations()
    collection_class = type(mongoengine.get_db()["probe"])
    for name in MONGO_WRITES:
        original = getattr(collection_class, name)

        def write(self, *args, _original=original, **kwargs):
            operations.step()
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(collection_class, name, write)
    command, send = redis.Redis.execute_command, redis.client.Pipeline.execute

    def counted_command(self, *args, **kwargs):
        if not isinstance(self, redis.client.Pipeline):
            operations.step()
        return command(self, *args, **kwargs)

    def counted_send(self, *args, **kwargs):
        operations.step()
        return send(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counted_command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", counted_send)
    delete = FileSystemStorage.delete

    def counted_delete(self, name):
        operations.step()
        return delete(self, name)

    monkeypatch.setattr(FileSystemStorage, "delete", counted_delete)
    return operations


def media_folders() -> list[Path]:
    return [Path(folder) for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)]


@dataclass(frozen=True)
class StoresCopy:
    documents: dict[str, list[dict]]
    keys: list[tuple[bytes, int, bytes]]
    folders: Path


def _raw_redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


def copy_stores(into: Path) -> StoresCopy:
    """Every document, every Redis key (with its time to live) and every media file, now."""
    db = mongoengine.get_db()
    documents = {name: list(db[name].find()) for name in db.list_collection_names()}
    raw = _raw_redis()
    keys = [(key, raw.pttl(key), raw.dump(key)) for key in raw.scan_iter(count=1000)]
    for index, folder in enumerate(media_folders()):
        if folder.exists():
            shutil.copytree(folder, into / str(index))
    return StoresCopy(documents=documents, keys=keys, folders=into)


def restore_stores(saved: StoresCopy) -> None:
    """Put the stores back as copy_stores found them."""
    db = mongoengine.get_db()
    for name in set(db.list_collection_names()) | set(saved.documents):
        db[name].delete_many({})
        if saved.documents.get(name):
            db[name].insert_many(copy.deepcopy(saved.documents[name]))
    get_redis().flushdb()
    raw = _raw_redis()
    for key, ttl, dumped in saved.keys:
        raw.restore(key, max(ttl, 0), dumped, replace=True)
    for index, folder in enumerate(media_folders()):
        shutil.rmtree(folder, ignore_errors=True)
        if (saved.folders / str(index)).exists():
            shutil.copytree(saved.folders / str(index), folder)
