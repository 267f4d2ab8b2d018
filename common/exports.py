"""Data exports: what each app contributes (JSON records and stored files) and the zip they are
streamed into, a record and a file chunk at a time, so memory stays flat however much a user
has."""

import io
import json
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from bson import ObjectId
from django.core.files.storage import storages

COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """A file of the user's in a store (common.storage's names), and where it goes in the zip."""

    store: str
    name: str
    path: str


def _nothing() -> Iterator:
    return iter(())


@dataclass(frozen=True)
class ExportPart:
    """`<name>.json` in the zip, a list of the records `records()` yields (read lazily, a batch
    at a time), and the stored files `files()` yields."""

    name: str
    records: Callable[[], Iterator[dict]]
    files: Callable[[], Iterator[StoredFile]] = field(default=_nothing)


def plain(value):
    """JSON for what records hold besides JSON's own types: ids as strings, times in ISO 8601."""
    if isinstance(value, ObjectId):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def write_archive(*, parts: Iterable[ExportPart], into: BinaryIO) -> None:
    """Write every part into a zip on `into` (seekable): JSON compressed, stored files as they
    are (media is compressed already); files gone from their store are left out."""
    with zipfile.ZipFile(into, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for part in parts:
            _write_records(archive, f"{part.name}.json", part.records())
            for stored in part.files():
                _copy_file(archive, stored)


def _write_records(archive: zipfile.ZipFile, path: str, records: Iterator[dict]) -> None:
    with archive.open(path, "w", force_zip64=True) as entry:
        text = io.TextIOWrapper(entry, encoding="utf-8", write_through=False)
        text.write("[")
        for count, record in enumerate(records):
            text.write(",\n" if count else "\n")
            text.write(json.dumps(record, default=plain, ensure_ascii=False))
        text.write("\n]\n")
        text.flush()
        text.detach()


def _copy_file(archive: zipfile.ZipFile, stored: StoredFile) -> None:
    info = zipfile.ZipInfo(stored.path, date_time=time.gmtime()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    try:
        source = storages[stored.store].open(stored.name, "rb")
    except FileNotFoundError:
        return
    with source, archive.open(info, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, COPY_CHUNK)
