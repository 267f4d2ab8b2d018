"""An upload's bytes on disk: one file per upload under TUS_UPLOAD_DIR, its size the offset.

The file is the truth about how much arrived, so an upload survives a restart of any process
(and the embedded run's store snapshot lagging behind). A kernel lock on the file lets one
request write at a time; a process that dies drops its locks with it. Bytes that came with a
checksum wait in a file of their own until they match it, so none that failed are ever kept.
"""

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from common.errors import Busy

BLOCK = 1024 * 1024
LOCK_POLL_SECONDS = 0.05


def data_path(upload_id) -> Path:
    return Path(settings.TUS_UPLOAD_DIR) / str(upload_id)


def _pending_path(upload_id) -> Path:
    return Path(settings.TUS_UPLOAD_DIR) / f"{upload_id}.pending"


def create(upload_id) -> None:
    """The upload's empty file, owner-only like everything uploaded."""
    folder = Path(settings.TUS_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    os.close(os.open(data_path(upload_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def remove(upload_id) -> None:
    """Forget the upload's bytes; removing what is gone already is fine."""
    for path in (data_path(upload_id), _pending_path(upload_id)):
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Received:
    """What one write took in: the bytes kept, and whether the body failed its checksum."""

    kept: int
    mismatch: bool = False


class Part:
    """An upload's file, open and locked for the request that holds it."""

    def __init__(self, upload_id, handle):
        self.upload_id = upload_id
        self.handle = handle

    @property
    def path(self) -> str:
        return str(data_path(self.upload_id))

    @property
    def size(self) -> int:
        return os.fstat(self.handle.fileno()).st_size

    @property
    def gone(self) -> bool:
        """Whether the file was moved or removed by the request that held the lock before."""
        try:
            return os.stat(self.path).st_ino != os.fstat(self.handle.fileno()).st_ino
        except FileNotFoundError:
            return True

    def append(self, body, *, length: int, sha1: bytes | None) -> Received:
        """Add up to `length` bytes read from `body` at the end of the file.

        Without a checksum every byte that arrives is kept, also when the body ends early (a
        dropped connection), so a resumed upload sends only what is missing. With one, the
        bytes are kept only when all of them came and match it.
        """
        _pending_path(self.upload_id).unlink(missing_ok=True)
        if sha1 is None:
            self.handle.seek(0, os.SEEK_END)
            copied = _copy(body, self.handle, length=length)
            self.handle.flush()
            return Received(kept=copied)
        pending = _pending_path(self.upload_id)
        try:
            with open(pending, "w+b") as held:
                digest = hashlib.sha1(usedforsecurity=False)
                copied = _copy(body, held, length=length, digest=digest)
                if copied < length:
                    return Received(kept=0)
                if digest.digest() != sha1:
                    return Received(kept=0, mismatch=True)
                held.seek(0)
                self.handle.seek(0, os.SEEK_END)
                shutil.copyfileobj(held, self.handle, BLOCK)
                self.handle.flush()
                return Received(kept=length)
        finally:
            pending.unlink(missing_ok=True)


def _copy(source, sink, *, length: int, digest=None) -> int:
    """Copy up to `length` bytes in blocks, hashing them into `digest` if given; a read that
    fails or ends stops it early. How many bytes were copied."""
    remaining = length
    while remaining:
        try:
            block = source.read(min(BLOCK, remaining))
        except OSError:
            break
        if not block:
            break
        sink.write(block)
        if digest is not None:
            digest.update(block)
        remaining -= len(block)
    return length - remaining


@contextmanager
def locked(upload_id, *, exclusive: bool) -> Iterator[Part | None]:
    """The upload's file, locked (shared for reading its size, exclusive for changing it), or
    None when it does not exist. Waits up to TUS_LOCK_WAIT_SECONDS for a request holding it
    (one whose client dropped is still noticing), then refuses with Busy."""
    try:
        handle = open(data_path(upload_id), "r+b")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        yield None
        return
    try:
        _lock(handle, exclusive=exclusive)
        yield Part(upload_id, handle)
    finally:
        handle.close()


def _lock(handle, *, exclusive: bool) -> None:
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + settings.TUS_LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(handle.fileno(), mode)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Busy("Another request is writing this upload; retry shortly.") from None
            time.sleep(LOCK_POLL_SECONDS)


def stray_ids(*, idle_seconds: float) -> list[str]:
    """Names of upload files untouched for `idle_seconds`, whatever their documents say."""
    folder = Path(settings.TUS_UPLOAD_DIR)
    if not folder.is_dir():
        return []
    cutoff = time.time() - idle_seconds
    names = set()
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                names.add(path.name.removesuffix(".pending"))
        except FileNotFoundError:
            continue
    return sorted(names)
