"""Page cursors: the one codec behind every paged list (keyset pages, the feed, ranked lists and
the moderation console).

A token is unpadded URL-safe base64 of a small JSON object whose exact set of keys tells its
shape. Decoding checks that every value is one the stores and Python hold: datetimes carry an
offset and stay within years 1 to 9999 once moved to UTC (what Python datetimes and BSON dates
hold), integers fit in signed 64 bits, floats are finite, strings are short and encode as UTF-8,
ids are canonical ObjectIds, flags are real booleans and rank offsets lie within the ranked
lists. So a forged or cut token is the documented invalid_cursor error (404), never a failure
in Mongo, Redis or Python further down. Encoding runs the same checks, so no link is
minted that decoding would refuse.
"""

import base64
import json
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from bson import ObjectId

from common.errors import InvalidCursor

MAX_TOKEN_LENGTH = 1024
# Sort keys that are strings are short (the creator's comment queue key); the longest minted
# token, a string of this many escaped characters, stays within MAX_TOKEN_LENGTH.
MAX_STRING_LENGTH = 100
# Ranked lists (trending, search, the console's open reports) end at this rank, offsets running
# from 0 to MAX_RANK - 1: each deeper page costs a longer scan and tells a reader nothing more.
MAX_RANK = 10_000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
TOKEN = re.compile(r"[A-Za-z0-9_-]+")
OBJECT_ID = re.compile(r"[0-9a-f]{24}")

SortValue = datetime | int | float | str | None
SORT_VALUE_TYPES = (datetime, int, float, str, type(None))


@dataclass(frozen=True)
class KeysetCursor:
    """A position in a list ordered by (value, id), and which way the page walks from it."""

    value: SortValue
    id: ObjectId
    backwards: bool = False


@dataclass(frozen=True)
class FeedCursor:
    """A position in the feed, ordered by (time, kind, id), and which way the page walks."""

    at: datetime
    kind: str
    id: ObjectId
    backwards: bool = False


@dataclass(frozen=True)
class RankCursor:
    """The rank a page of a ranked list starts at."""

    offset: int


@dataclass(frozen=True)
class IdCursor:
    """A position in a list ordered by id, newest first: the page starts past this id."""

    id: ObjectId


Cursor = KeysetCursor | FeedCursor | RankCursor | IdCursor


def _utc(value: datetime) -> datetime:
    """The instant in UTC, as stored: a time without its offset names none."""
    if value.utcoffset() is None:
        raise ValueError("a naive time names no instant")
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("outside years 1 to 9999 in UTC") from exc


def _datetime(text) -> datetime:
    return _utc(datetime.fromisoformat(_string(text)))


def _integer(value) -> int:
    if type(value) is not int or not INT64_MIN <= value <= INT64_MAX:
        raise ValueError("not a signed 64-bit integer")
    return value


def _string(value) -> str:
    if type(value) is not str or len(value) > MAX_STRING_LENGTH:
        raise ValueError("not a short string")
    value.encode()  # a lone surrogate is no UTF-8, so no BSON string
    return value


def _sort_value(value) -> SortValue:
    if value is None:
        return None
    if type(value) is float:
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return value
    return _integer(value) if type(value) is int else _string(value)


def _object_id(text) -> ObjectId:
    if type(text) is not str or not OBJECT_ID.fullmatch(text):
        raise ValueError("not an ObjectId")
    return ObjectId(text)


def _flag(value) -> bool:
    if type(value) is not bool:
        raise ValueError("not a boolean")
    return value


def _offset(value) -> int:
    if not 0 <= _integer(value) < MAX_RANK:
        raise ValueError("not a rank of a ranked list")
    return value


def _fields(raw, keys: set[str]) -> dict:
    if type(raw) is not dict or raw.keys() != keys:
        raise ValueError("not this cursor's shape")
    return raw


def _read_keyset(raw) -> KeysetCursor:
    raw = _fields(raw, {"t", "v", "i", "b"})
    if raw["t"] == "dt":
        value = _datetime(raw["v"])
    elif raw["t"] == "v":
        value = _sort_value(raw["v"])
    else:
        raise ValueError("neither a time nor a plain value")
    return KeysetCursor(value=value, id=_object_id(raw["i"]), backwards=_flag(raw["b"]))


def _read_feed(raw) -> FeedCursor:
    raw = _fields(raw, {"t", "k", "i", "b"})
    return FeedCursor(
        at=_datetime(raw["t"]),
        kind=_string(raw["k"]),
        id=_object_id(raw["i"]),
        backwards=_flag(raw["b"]),
    )


def _read_rank(raw) -> RankCursor:
    return RankCursor(offset=_offset(_fields(raw, {"o"})["o"]))


def _read_id(raw) -> IdCursor:
    return IdCursor(id=_object_id(_fields(raw, {"i"})["i"]))


_READERS: dict[type, Callable[[object], Cursor]] = {
    KeysetCursor: _read_keyset,
    FeedCursor: _read_feed,
    RankCursor: _read_rank,
    IdCursor: _read_id,
}


def _when(value: datetime) -> str:
    return _utc(value).isoformat()


def _pack(cursor: Cursor) -> dict:
    if isinstance(cursor, KeysetCursor):
        if isinstance(cursor.value, datetime):
            typed = {"t": "dt", "v": _when(cursor.value)}
        else:
            typed = {"t": "v", "v": cursor.value}
        return {**typed, "i": str(cursor.id), "b": cursor.backwards}
    if isinstance(cursor, FeedCursor):
        at = _when(cursor.at)
        return {"t": at, "k": cursor.kind, "i": str(cursor.id), "b": cursor.backwards}
    if isinstance(cursor, RankCursor):
        return {"o": cursor.offset}
    return {"i": str(cursor.id)}


def _refuse_constant(name: str):
    raise ValueError(f"{name} is no cursor value")


def _unpack(token, read: Callable[[object], Cursor]) -> Cursor:
    """The cursor a token holds, or InvalidCursor whatever is wrong with it."""
    try:
        if type(token) is not str or len(token) > MAX_TOKEN_LENGTH or not TOKEN.fullmatch(token):
            raise ValueError("not a token")
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        return read(json.loads(text, parse_constant=_refuse_constant))
    except (ValueError, RecursionError) as exc:
        raise InvalidCursor() from exc


def encode(cursor: Cursor) -> str:
    """The token for a cursor; a value no token may carry is a programming error (ValueError)."""
    try:
        packed = _pack(cursor)
        text = json.dumps(packed, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        token = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
        same = _unpack(token, _READERS[type(cursor)]) == cursor
    except (ValueError, TypeError, InvalidCursor) as exc:
        raise ValueError(f"no cursor carries {cursor!r}") from exc
    if not same:
        raise ValueError(f"no cursor carries {cursor!r} unchanged")
    return token


def decode_keyset(token: str, *, value_types: tuple[type, ...] = SORT_VALUE_TYPES) -> KeysetCursor:
    """The keyset position a token names, its value of a type the list sorts by."""
    cursor = _unpack(token, _read_keyset)
    if not isinstance(cursor.value, value_types):
        raise InvalidCursor()
    return cursor


def decode_feed(token: str, *, kinds: Collection[str]) -> FeedCursor:
    """The feed position a token names, between entries of the feed's kinds."""
    cursor = _unpack(token, _read_feed)
    if cursor.kind not in kinds:
        raise InvalidCursor()
    return cursor


def decode_rank(token: str) -> RankCursor:
    """The rank a token names, within the ranked lists' length."""
    return _unpack(token, _read_rank)


def decode_id(token: str) -> IdCursor:
    """The id a token names, for lists ordered by id."""
    return _unpack(token, _read_id)
