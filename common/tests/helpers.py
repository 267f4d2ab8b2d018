"""Builders for hostile inputs, a store snapshot and store races, shared by every app's tests."""

import io
import struct
import zlib
from collections.abc import Callable
from contextlib import contextmanager

import mongoengine
from pymongo.errors import BulkWriteError

from common.redis import get_redis


def png_bomb(*, width: int = 9000, height: int = 9000) -> bytes:
    """A few-kB PNG declaring a huge picture: 1-bit grey rows of zeros, compressed hard."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" * (1 + (width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


class CountingStream(io.BytesIO):
    """A request body (wsgi.input) that counts the bytes the server reads from it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def store_snapshot() -> dict:
    """Every platform document and every counter hash in Redis (not throttles, stamps, marks)."""
    db = mongoengine.get_db()
    documents = {
        name: sorted(map(repr, db[name].find())) for name in sorted(db.list_collection_names())
    }
    redis = get_redis()
    counters = {
        key: redis.hgetall(key)
        for key in sorted(redis.scan_iter("counter:*"))
        if ":touched:" not in key and redis.type(key) == "hash"
    }
    return {"documents": documents, "counters": counters}


@contextmanager
def first_write_loses(monkeypatch, *, collection: str, rival: Callable[[], object]):
    """The next bulk write to `collection` races `rival`, which writes first: each upsert of it
    fails with a duplicate key, as on a MongoDB server whose unique index saw the rival's
    insert land between the upsert's lookup and its own insert (the server does not retry an
    upsert whose filter is more than an equality on that index)."""
    collection_class = type(mongoengine.get_db()[collection])
    real = collection_class.bulk_write
    raced = []

    def bulk_write(self, operations, *args, **kwargs):
        if self.name != collection or raced:
            return real(self, operations, *args, **kwargs)
        raced.append(True)
        rival()
        errors = [
            {"index": index, "code": 11000, "errmsg": "E11000 duplicate key error", "op": {}}
            for index in range(len(operations))
        ]
        raise BulkWriteError({"writeErrors": errors, "nInserted": 0, "nUpserted": 0})

    monkeypatch.setattr(collection_class, "bulk_write", bulk_write)
    yield raced
    monkeypatch.setattr(collection_class, "bulk_write", real)
