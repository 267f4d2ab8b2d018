"""The embedded run's write journal: every write to the in-memory stores, on disk before its
answer goes out, replayed over the last snapshot at start.

SQLite in WAL mode holds it. Writers append under the write barrier (config.journal_capture)
into memory, numbered in the order they were applied; one committer thread writes whatever has
gathered as one row (a batch: its first and last numbers and its operations as BSON documents)
in one transaction, so concurrent requests share a commit. A batch is in the file whole or not at
all: SQLite drops a transaction whose WAL frames were cut short, so a torn last record is never
half-applied. With `synchronous=FULL` each commit is synced to the disk (survives power loss on
a disk that honours fsync); with NORMAL a commit survives the process being killed, not power
loss. Each snapshot records the last number it holds and truncates the journal up to it.

The queued background tasks are kept in the same file (their own table, in the same
transactions): a task published is recorded, a task finished is removed, and the start re-sends
what was left.
"""

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import bson
import structlog

logger = structlog.get_logger(__name__)

SYNC_MODES = ("FULL", "NORMAL")


class JournalFailed(Exception):
    """The journal could not commit: writes applied since are not on disk."""


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS batches"
    " (last_seq INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, ops BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tasks (task_id TEXT PRIMARY KEY, message BLOB NOT NULL)",
)


class Journal:
    """An open journal file, with its committer thread once start()ed."""

    def __init__(self, *, path: Path, sync: str = "FULL"):
        if sync.upper() not in SYNC_MODES:
            raise ValueError(f"STORE_JOURNAL_SYNC must be one of {', '.join(SYNC_MODES)}")
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={sync.upper()}")
        for statement in _SCHEMA:
            self._db.execute(statement)
        newest = self._db.execute("SELECT COALESCE(MAX(last_seq), 0) FROM batches")
        (self.last_seq,) = newest.fetchone()
        self.committed_seq = self.last_seq
        self._ops: list[tuple[int, bytes]] = []
        self._task_changes: list[tuple[str, bytes | None]] = []
        self._truncate_to = 0
        self._changed = threading.Condition()
        self._waiters: list[tuple[int, asyncio.AbstractEventLoop, asyncio.Future]] = []
        self._stopping = False
        self._failure: Exception | None = None
        self._thread: threading.Thread | None = None

    def start_after(self, seq: int) -> None:
        """Number the next operations after `seq` too (a snapshot's newer than the journal)."""
        self.last_seq = self.committed_seq = max(self.last_seq, seq)

    def append(self, op: dict) -> int:
        """Queue one applied operation; the caller holds the write barrier. Returns its number."""
        with self._changed:
            self.last_seq += 1
            op["s"] = self.last_seq
            self._ops.append((self.last_seq, bson.encode(op)))
            self._changed.notify()
            return self.last_seq

    def task_published(self, task_id: str, message: dict) -> int:
        """Keep a published task until it is done; durable with the next commit."""
        with self._changed:
            self._task_changes.append((task_id, bson.encode(message)))
            return self._bump()

    def task_done(self, task_id: str) -> int:
        """Forget a task that succeeded or failed for good."""
        with self._changed:
            self._task_changes.append((task_id, None))
            return self._bump()

    def _bump(self) -> int:
        self.last_seq += 1
        self._ops.append((self.last_seq, b""))
        self._changed.notify()
        return self.last_seq

    def truncate(self, *, upto: int) -> None:
        """Drop the operations a snapshot holds (numbered up to `upto`) with the next commit."""
        with self._changed:
            self._truncate_to = max(self._truncate_to, upto)
            self._changed.notify()

    def operations(self, *, after: int) -> Iterator[dict]:
        """The committed operations numbered after `after`, in order (before start())."""
        rows = self._db.execute(
            "SELECT ops FROM batches WHERE last_seq > ? ORDER BY last_seq", (after,)
        )
        for (blob,) in rows:
            for op in bson.decode_all(blob):
                if op["s"] > after:
                    yield op

    def pending_tasks(self) -> list[dict]:
        """The tasks published and not done yet, oldest first."""
        rows = self._db.execute("SELECT message FROM tasks ORDER BY rowid")
        return [bson.decode(blob) for (blob,) in rows]

    def start(self) -> None:
        """Start committing in a thread."""
        self._thread = threading.Thread(target=self._run, name="store-journal", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not (self._ops or self._task_changes or self._truncate_to or self._stopping):
                    self._changed.wait()
                if self._stopping and not (self._ops or self._task_changes or self._truncate_to):
                    return
                ops, self._ops = self._ops, []
                task_changes, self._task_changes = self._task_changes, []
                truncate_to, self._truncate_to = self._truncate_to, 0
            try:
                self._commit(ops, task_changes, truncate_to)
            except sqlite3.Error as exc:  # the promise cannot be kept: every wait now fails
                logger.critical("journal_commit_failed", path=str(self.path), error=str(exc))
                self._fail(JournalFailed(f"{self.path}: {exc}"))
                return
            self._committed(ops[-1][0] if ops else None)

    def _fail(self, failure: JournalFailed) -> None:
        with self._changed:
            self._failure = failure
            self._changed.notify_all()
            waiters, self._waiters = self._waiters, []
        for _, loop, future in waiters:
            loop.call_soon_threadsafe(_refuse, future, failure)

    def _commit(self, ops, task_changes, truncate_to: int) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        blobs = [blob for _, blob in ops if blob]
        if blobs:
            db.execute(
                "INSERT INTO batches (last_seq, first_seq, ops) VALUES (?, ?, ?)",
                (ops[-1][0], ops[0][0], b"".join(blobs)),
            )
        for task_id, message in task_changes:
            if message is None:
                db.execute("DELETE FROM tasks WHERE task_id = ?", (task_id,))
            else:
                db.execute(
                    "INSERT OR REPLACE INTO tasks (task_id, message) VALUES (?, ?)",
                    (task_id, message),
                )
        if truncate_to:
            db.execute("DELETE FROM batches WHERE last_seq <= ?", (truncate_to,))
        db.execute("COMMIT")
        if truncate_to:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _committed(self, seq: int | None) -> None:
        with self._changed:
            if seq is not None:
                self.committed_seq = seq
            self._changed.notify_all()
            ready = [waiter for waiter in self._waiters if waiter[0] <= self.committed_seq]
            self._waiters = [waiter for waiter in self._waiters if waiter[0] > self.committed_seq]
        for _, loop, future in ready:
            loop.call_soon_threadsafe(_resolve, future)

    def wait_durable(self, seq: int) -> None:
        """Block until the operations numbered up to `seq` are committed."""
        with self._changed:
            self._changed.wait_for(lambda: self.committed_seq >= seq or self._failure)
            if self.committed_seq < seq:
                raise self._failure

    async def durable(self, seq: int) -> None:
        """Wait, without blocking the event loop, until operations up to `seq` are committed."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        with self._changed:
            if self.committed_seq >= seq:
                return
            if self._failure:
                raise self._failure
            self._waiters.append((seq, loop, future))
        await future

    def close(self) -> None:
        """Commit what is queued, stop the committer and close the file."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()
        self._db.close()


def _resolve(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


def _refuse(future: asyncio.Future, failure: JournalFailed) -> None:
    if not future.done():
        future.set_exception(failure)
