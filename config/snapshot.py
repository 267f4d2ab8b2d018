"""The embedded run's in-memory stores kept on disk between runs.

A snapshot holds every document of the in-process MongoDB (mongomock) and, when the Redis
stand-in (fakeredis) is in use, every Redis key with its expiry: buffered counters, view
de-duplication windows, throttles. It is a stream of BSON documents (exact types, no loss): a
header, then `{"c": collection, "d": document}` per document and
`{"k": key, "t": type, "v": value, "x": expiry in epoch ms or null}` per key. It is written to
a temporary file and renamed over the last one, so a crash mid-write keeps the previous snapshot.

Both stores are copied under the write barrier (config.journal_capture), at one point no write
crosses; they are encoded and written after it is released. The header records the number of the
last journalled write the copy holds (0 without a journal): a start replays the writes after it,
and a saved snapshot truncates the journal up to it.
"""

import hashlib
import io
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import bson
import mongoengine
import structlog
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions

from common.redis import get_redis
from config.journal import Journal
from config.journal_capture import BARRIER

logger = structlog.get_logger(__name__)

FORMAT = "streamsphere-store"
VERSION = 1
CODEC = CodecOptions(tz_aware=True, tzinfo=UTC, uuid_representation=UuidRepresentation.STANDARD)


class SnapshotError(Exception):
    """The snapshot file exists but cannot be read back."""


@dataclass(frozen=True)
class SnapshotStats:
    """What a snapshot holds."""

    documents: int
    keys: int
    taken_at: datetime
    journal_seq: int = 0


def _redis_entries() -> list[dict]:
    redis = get_redis()
    readers = {
        "string": redis.get,
        "hash": redis.hgetall,
        "list": lambda key: redis.lrange(key, 0, -1),
        "set": lambda key: sorted(redis.smembers(key)),
        "zset": lambda key: [[m, s] for m, s in redis.zrange(key, 0, -1, withscores=True)],
    }
    entries = []
    for key in sorted(redis.scan_iter(count=1000)):
        kind = redis.type(key)
        value = readers[kind](key) if kind in readers else None
        expires_at = redis.pexpiretime(key)
        if value in (None, {}, []) or expires_at == -2:
            continue  # expired or deleted while being read
        entries.append(
            {"k": key, "t": kind, "v": value, "x": expires_at if expires_at > 0 else None}
        )
    return entries


def _mongo_documents() -> list[dict]:
    db = mongoengine.get_db()
    return [
        {"c": name, "d": document}
        for name in sorted(db.list_collection_names())
        for document in db[name].find()
    ]


def _encode(*, with_redis: bool, journal: Journal | None) -> tuple[bytes, bytes, SnapshotStats]:
    """The snapshot's header and its contents: copied under the write barrier, encoded after."""
    with BARRIER:
        entries = _redis_entries() if with_redis else []
        documents = _mongo_documents()
        journal_seq = journal.last_seq if journal is not None else 0
        taken_at = datetime.now(UTC)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "taken_at": taken_at,
        "redis": with_redis,
        "journal_seq": journal_seq,
    }
    body = io.BytesIO()
    for item in [*documents, *entries]:
        body.write(bson.encode(item, codec_options=CODEC))
    stats = SnapshotStats(len(documents), len(entries), taken_at, journal_seq)
    return bson.encode(header, codec_options=CODEC), body.getvalue(), stats


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one rename, so readers never see half a file; owner-only,
    as it holds every password hash, whatever the umask or a leftover partial file's mode."""
    partial = path.with_name(path.name + ".tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def _restore_redis(entries: list[dict]) -> int:
    redis = get_redis()
    writers = {
        "string": lambda pipe, key, value: pipe.set(key, value),
        "hash": lambda pipe, key, value: pipe.hset(key, mapping=value),
        "list": lambda pipe, key, value: pipe.rpush(key, *value),
        "set": lambda pipe, key, value: pipe.sadd(key, *value),
        "zset": lambda pipe, key, value: pipe.zadd(key, dict(value)),
    }
    now_ms = int(time.time() * 1000)
    pipe = redis.pipeline(transaction=False)
    restored = 0
    for entry in entries:
        if entry["x"] is not None and entry["x"] <= now_ms:
            continue
        writers[entry["t"]](pipe, entry["k"], entry["v"])
        if entry["x"] is not None:
            pipe.pexpireat(entry["k"], entry["x"])
        restored += 1
    pipe.execute()
    return restored


def restore(*, path: Path, with_redis: bool) -> SnapshotStats | None:
    """Load a snapshot into the empty in-memory stores; None when there is none yet.

    Redis keys come back only into the in-process stand-in (`with_redis`), never into a real
    Redis that a later run was pointed at.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        header, *items = bson.decode_all(data, codec_options=CODEC)
    except (bson.errors.BSONError, ValueError) as exc:
        raise SnapshotError(f"{path} is not a readable snapshot ({exc})") from exc
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise SnapshotError(f"{path} is not a version {VERSION} {FORMAT} snapshot")
    collections: dict[str, list[dict]] = {}
    for item in items:
        if "c" in item:
            collections.setdefault(item["c"], []).append(item["d"])
    db = mongoengine.get_db()
    for name, documents in collections.items():
        db[name].insert_many(documents)
    keys = 0
    if header["redis"] and with_redis:
        keys = _restore_redis([item for item in items if "k" in item])
    documents = sum(len(documents) for documents in collections.values())
    return SnapshotStats(documents, keys, header["taken_at"], header.get("journal_seq", 0))


class Snapshotter:
    """Saves the stores to one file on request and on a timer, skipping unchanged contents, and
    truncates the journal (when there is one) up to what the file holds."""

    def __init__(self, *, path: Path, with_redis: bool, journal: Journal | None = None):
        self.path = path
        self.with_redis = with_redis
        self.journal = journal
        self._lock = threading.Lock()
        self._digest = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def save(self) -> SnapshotStats:
        """Write a snapshot now (unless it would be the same bytes as the last one)."""
        with self._lock:
            header, body, stats = _encode(with_redis=self.with_redis, journal=self.journal)
            digest = hashlib.sha256(body).hexdigest()
            if digest != self._digest or not self.path.exists():
                write_atomically(self.path, header + body)
                self._digest = digest
            if self.journal is not None:
                # An unchanged body skipped the write, and the file's older number holds the same
                # contents: the writes in between changed nothing, so none of them is needed.
                self.journal.wait_durable(stats.journal_seq)
                self.journal.truncate(upto=stats.journal_seq)
            return stats

    def start(self, *, every_seconds: float) -> None:
        """Save every `every_seconds` in a daemon thread until stop()."""

        def run() -> None:
            while not self._stop.wait(every_seconds):
                try:
                    self.save()
                except Exception as exc:  # keep trying: the next save may succeed
                    logger.error("snapshot_failed", path=str(self.path), error=str(exc))

        self._thread = threading.Thread(target=run, name="store-snapshot", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the timer, letting a save in progress finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
