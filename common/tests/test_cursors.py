"""The cursor codec, by its properties: every cursor a list can mint comes back unchanged, and
whatever a client sends instead is the invalid_cursor error and nothing else."""

import base64
import json
import math
from datetime import UTC, datetime, timedelta, timezone

import bson
import pytest
from bson import ObjectId
from hypothesis import example, given, settings
from hypothesis import strategies as st

from common import cursors
from common.cursors import (
    INT64_MAX,
    INT64_MIN,
    MAX_RANK,
    MAX_STRING_LENGTH,
    MAX_TOKEN_LENGTH,
    TOKEN,
    FeedCursor,
    IdCursor,
    KeysetCursor,
    RankCursor,
)
from common.errors import InvalidCursor

PROPERTY = settings(deadline=None, database=None, max_examples=150)
FEED_KINDS = ("tweet", "video")
DECODERS = {
    KeysetCursor: cursors.decode_keyset,
    FeedCursor: lambda token: cursors.decode_feed(token, kinds=FEED_KINDS),
    RankCursor: cursors.decode_rank,
    IdCursor: cursors.decode_id,
}
# What a forger reaches for: the reported times, 64-bit edges, the ranking's edges.
EDGES = [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    2**63,
    -(2**63) - 1,
    MAX_RANK,
    -1,
    "dt",
    "v",
    "0" * 24,
]


def token(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


offsets = st.builds(
    timezone,
    st.timedeltas(
        min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
    ),
)


def in_utc(at: datetime) -> datetime | None:
    """The instant in UTC, or None when it leaves years 1 to 9999 there."""
    try:
        return at.astimezone(UTC)
    except OverflowError:
        return None


instants = st.datetimes(timezones=offsets).filter(lambda at: in_utc(at) is not None)
object_ids = st.binary(min_size=12, max_size=12).map(ObjectId)
sort_values = (
    instants
    | st.integers(min_value=INT64_MIN, max_value=INT64_MAX)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=MAX_STRING_LENGTH)
    | st.none()
)
valid_cursors = st.one_of(
    st.builds(KeysetCursor, value=sort_values, id=object_ids, backwards=st.booleans()),
    st.builds(
        FeedCursor,
        at=instants,
        kind=st.sampled_from(FEED_KINDS),
        id=object_ids,
        backwards=st.booleans(),
    ),
    st.builds(RankCursor, offset=st.integers(min_value=0, max_value=MAX_RANK - 1)),
    st.builds(IdCursor, id=object_ids),
)
any_text = st.text(alphabet=st.characters(blacklist_categories=()))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text | st.sampled_from(EDGES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)


def fields_of(cursor) -> dict:
    """The JSON object a minted token holds."""
    minted = cursors.encode(cursor)
    return json.loads(base64.urlsafe_b64decode(minted + "=" * (-len(minted) % 4)))


def forged_from(cursor) -> st.SearchStrategy:
    """A cursor's own fields with one replaced by any JSON value, one dropped or one added."""
    fields = fields_of(cursor)
    replaced = st.sampled_from(sorted(fields)).flatmap(
        lambda key: json_values.map(lambda value: {**fields, key: value})
    )
    dropped = st.sampled_from(sorted(fields)).map(
        lambda key: {name: value for name, value in fields.items() if name != key}
    )
    added = json_values.map(lambda value: {**fields, "x": value})
    return st.tuples(st.just(type(cursor)), replaced | dropped | added)


forged_cursors = valid_cursors.flatmap(forged_from)


def assert_holdable(cursor) -> None:
    """What every decoded cursor holds: values Python, BSON and the lists can take."""
    for name, value in vars(cursor).items():
        if name == "id":
            assert type(value) is ObjectId
        elif name == "backwards":
            assert type(value) is bool
        elif name == "offset":
            assert type(value) is int and 0 <= value < MAX_RANK
        elif isinstance(value, datetime):
            assert value.tzinfo is UTC
        elif type(value) is int:
            assert INT64_MIN <= value <= INT64_MAX
        elif type(value) is float:
            assert math.isfinite(value)
        elif type(value) is str:
            assert len(value) <= MAX_STRING_LENGTH
        else:
            assert value is None, value
    bson.encode(vars(cursor))


def decodes_or_refuses(decode, forged: str):
    """What decode makes of a token: a cursor, or None when it refused it as invalid_cursor."""
    try:
        return decode(forged)
    except InvalidCursor as error:
        assert (error.code, error.message) == ("invalid_cursor", "Invalid cursor.")
        return None


@PROPERTY
@given(valid_cursors)
@example(KeysetCursor(value="\x00" * MAX_STRING_LENGTH, id=ObjectId(), backwards=True))
@example(KeysetCursor(value="\U0001f600" * MAX_STRING_LENGTH, id=ObjectId()))
@example(KeysetCursor(value=datetime.max.replace(tzinfo=UTC), id=ObjectId()))
@example(KeysetCursor(value=datetime.min.replace(tzinfo=UTC), id=ObjectId()))
@example(KeysetCursor(value=INT64_MIN, id=ObjectId()))
@example(
    KeysetCursor(
        value=datetime(2000, 1, 1, tzinfo=timezone(timedelta(microseconds=1))), id=ObjectId()
    )
)
@example(RankCursor(offset=MAX_RANK - 1))
def test_every_cursor_a_list_mints_comes_back_unchanged(cursor):
    minted = cursors.encode(cursor)
    assert len(minted) <= MAX_TOKEN_LENGTH and TOKEN.fullmatch(minted)
    assert DECODERS[type(cursor)](minted) == cursor


@PROPERTY
@given(st.sampled_from(list(DECODERS.values())), any_text)
@example(cursors.decode_rank, "A" * (MAX_TOKEN_LENGTH + 4))
@example(cursors.decode_keyset, "")
def test_any_text_is_a_cursor_or_invalid_cursor(decode, forged):
    decodes_or_refuses(decode, forged)


@PROPERTY
@given(st.sampled_from(list(DECODERS.values())), st.binary(max_size=600))
def test_any_bytes_are_a_cursor_or_invalid_cursor(decode, raw):
    decodes_or_refuses(decode, token(raw))


@PROPERTY
@given(forged_cursors | st.tuples(st.sampled_from(list(DECODERS)), json_values))
@example((KeysetCursor, {"t": "dt", "v": EDGES[0], "i": "0" * 24, "b": False}))
@example((KeysetCursor, {"t": "v", "v": float("inf"), "i": "0" * 24, "b": False}))
@example((KeysetCursor, {"t": "v", "v": "\ud800", "i": "0" * 24, "b": False}))
@example((FeedCursor, {"t": EDGES[1], "k": "video", "i": "0" * 24, "b": 1}))
@example((RankCursor, {"o": 2**63}))
def test_any_json_is_a_cursor_lists_can_hold_or_invalid_cursor(forged):
    shape, value = forged
    decode = DECODERS[shape]
    decoded = decodes_or_refuses(decode, token(json.dumps(value)))
    if decoded is not None:
        assert type(decoded) is shape
        assert_holdable(decoded)
        assert decode(cursors.encode(decoded)) == decoded


@PROPERTY
@given(st.datetimes(), offsets)
@example(datetime(9999, 12, 31, 23, 59, 59), timezone(timedelta(hours=-14)))
@example(datetime(1, 1, 1), timezone(timedelta(hours=14)))
def test_a_time_is_a_cursor_value_only_if_it_stays_within_years_1_to_9999_in_utc(at, offset):
    local = at.replace(tzinfo=offset)
    utc = in_utc(local)
    keyset = {"t": "dt", "v": local.isoformat(), "i": str(ObjectId()), "b": False}
    feed = {"t": local.isoformat(), "k": "video", "i": str(ObjectId()), "b": False}
    for decode, value in ((cursors.decode_keyset, keyset), (DECODERS[FeedCursor], feed)):
        decoded = decodes_or_refuses(decode, token(json.dumps(value)))
        assert (decoded is None) == (utc is None)
    if utc is None:
        with pytest.raises(ValueError):
            cursors.encode(KeysetCursor(value=local, id=ObjectId()))
    else:
        decoded = cursors.decode_keyset(cursors.encode(KeysetCursor(value=local, id=ObjectId())))
        assert decoded.value == utc and decoded.value.tzinfo is UTC


@PROPERTY
@given(st.integers(min_value=INT64_MAX + 1) | st.integers(max_value=INT64_MIN - 1))
def test_an_integer_past_64_bits_is_no_cursor_value(number):
    with pytest.raises(ValueError):
        cursors.encode(KeysetCursor(value=number, id=ObjectId()))
    forged = {"t": "v", "v": number, "i": str(ObjectId()), "b": False}
    assert decodes_or_refuses(cursors.decode_keyset, token(json.dumps(forged))) is None


@PROPERTY
@given(st.integers())
def test_a_rank_is_a_cursor_only_within_the_ranking(offset):
    decoded = decodes_or_refuses(cursors.decode_rank, token(json.dumps({"o": offset})))
    assert (decoded is not None) == (0 <= offset < MAX_RANK)


@pytest.mark.parametrize(
    "cursor",
    [
        KeysetCursor(value=datetime(2024, 1, 1), id=ObjectId()),  # naive: no instant
        KeysetCursor(value=float("nan"), id=ObjectId()),
        KeysetCursor(value=True, id=ObjectId()),
        KeysetCursor(value="x" * (MAX_STRING_LENGTH + 1), id=ObjectId()),
        KeysetCursor(value="\ud800", id=ObjectId()),
        KeysetCursor(value=1, id=str(ObjectId())),
        RankCursor(offset=MAX_RANK),
        FeedCursor(at=datetime(2024, 1, 1), kind="video", id=ObjectId()),
    ],
)
def test_a_value_no_token_may_carry_is_never_minted(cursor):
    with pytest.raises(ValueError):
        cursors.encode(cursor)


def test_a_list_refuses_positions_of_another_shape_or_value_type():
    by_time = cursors.encode(KeysetCursor(value=datetime.now(UTC), id=ObjectId()))
    tweet = cursors.encode(FeedCursor(at=datetime.now(UTC), kind="tweet", id=ObjectId()))
    for decode, forged in [
        (cursors.decode_rank, by_time),
        (cursors.decode_id, by_time),
        (DECODERS[FeedCursor], by_time),
        (lambda t: cursors.decode_keyset(t, value_types=(int,)), by_time),
        (lambda t: cursors.decode_feed(t, kinds=("video",)), tweet),
        (cursors.decode_keyset, tweet),
    ]:
        assert decodes_or_refuses(decode, forged) is None


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"])
def test_a_number_past_finite_floats_is_no_cursor_value(number):
    keyset = f'{{"t":"v","v":{number},"i":"{ObjectId()}","b":false}}'
    assert decodes_or_refuses(cursors.decode_keyset, token(keyset)) is None
    assert decodes_or_refuses(cursors.decode_rank, token(f'{{"o":{number}}}')) is None
