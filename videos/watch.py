"""Watch sessions: heartbeats per (viewer, item, day) in Redis, folded into the daily figures.

Each session keeps its watch seconds, the furthest position reached and whether a view was
counted. A flush moves the sessions touched since the last one into a batch, records per
(item, day) the seconds and histogram moves not folded yet, marks them folded, and applies the
batch to VideoDailyStats guarded by its id, so a re-run or a crash never folds anything twice.

Sessions are spread over WATCH_SHARDS shards by item; each shard's sessions, touched set and
batches share a hash tag (`watch:{s3}:...`), so every transaction here touches one slot of a
Redis Cluster, and the shards spread the heartbeats over its nodes.
"""

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from bson import ObjectId

from common.daily import DayChange, fold_daily
from common.redis import get_redis
from videos import cooccurrence
from videos.documents import Video, VideoDailyStats

BUCKETS = 100
COUNT_AFTER_SECONDS = 10.0
SHORT_ITEM_SECONDS = 20.0
# A heartbeat vouches for at most this much watching, whatever wall time passed since the last.
MAX_HEARTBEAT_SECONDS = 60.0
SESSION_TTL_SECONDS = 2 * 24 * 3600
# A counted view finished the item when it got this far and watched this share of it (seeking
# to the credits is no finishing); signed-in viewers' finished items feed "up next".
FINISHED_AT = 0.9
FINISHED_WATCHED = 0.5
WATCH_SHARDS = 16


def wall_clock() -> float:
    """Seconds since the epoch; the one clock heartbeats are checked against."""
    return time.time()


@dataclass(frozen=True)
class Heartbeat:
    session: str
    unviewed_seconds: float
    threshold: float


@dataclass(frozen=True)
class SharedAllowance:
    """Watch seconds several sessions draw from together: at most `seconds` per `window`."""

    key: str
    seconds: float
    window: int


def _draw(*, allowance: SharedAllowance, seconds: float) -> float:
    """Take up to `seconds` from the allowance; concurrent draws never take more than it holds.

    Each draw adds its whole claim, so the total before it is the new total minus the claim,
    and it keeps only what was left under the allowance then.
    """
    pipe = get_redis().pipeline(transaction=True)
    pipe.set(allowance.key, 0, nx=True, ex=allowance.window)
    pipe.incrbyfloat(allowance.key, seconds)
    _, total = pipe.execute()
    before = float(total) - seconds
    return max(0.0, min(seconds, allowance.seconds - before))


def _shard_prefix(shard: int) -> str:
    return f"watch:{{s{shard}}}:"


def _session_key(*, video_id: ObjectId, day: str, fingerprint: str) -> str:
    shard = int(str(video_id), 16) % WATCH_SHARDS
    return f"{_shard_prefix(shard)}session:{video_id}:{day}:{fingerprint}"


def _dirty_key(session: str) -> str:
    """The set of the sessions of a session's shard touched since the last flush."""
    return session[: session.index("}:") + 2] + "dirty"


def count_threshold(duration: float | None) -> float:
    """Seconds of watching before a view counts: 10, or half of an item shorter than 20 s."""
    if duration and duration < SHORT_ITEM_SECONDS:
        return duration / 2
    return COUNT_AFTER_SECONDS


def bucket_of(*, position: float, duration: float) -> int:
    """The percent of the item a position lies in, 0 to 99."""
    return min(BUCKETS - 1, int(BUCKETS * position / duration))


def heartbeat(
    *,
    video: Video,
    fingerprint: str,
    position: float | None,
    watched_seconds: float | None,
    allowance: SharedAllowance | None = None,
) -> Heartbeat:
    """Record a player's call; claims beyond the wall time since the previous one (or the
    duration, for positions) are clamped, so a lying player gains nothing. Seconds beyond a
    shared allowance, when one is given, are not credited either."""
    now = wall_clock()
    day = datetime.fromtimestamp(now, UTC).date().isoformat()
    key = _session_key(video_id=video.id, day=day, fingerprint=fingerprint)
    redis = get_redis()
    state = redis.hgetall(key)
    elapsed = now - float(state["last"]) if state.get("last") else 0.0
    seconds = max(0.0, min(watched_seconds or 0.0, elapsed, MAX_HEARTBEAT_SECONDS))
    if allowance is not None and seconds > 0:
        seconds = _draw(allowance=allowance, seconds=seconds)
    furthest = float(state.get("furthest", 0.0))
    if position is not None:
        if video.duration:
            position = min(position, video.duration)
        furthest = max(furthest, position)
    pipe = redis.pipeline(transaction=True)
    pipe.hset(
        key,
        mapping={
            "last": now,
            "furthest": furthest,
            "video": str(video.id),
            "owner": str(video.owner_id),
            "viewer": fingerprint,
            "day": day,
            "duration": video.duration or 0.0,
        },
    )
    pipe.hincrbyfloat(key, "seconds", seconds)
    pipe.hincrbyfloat(key, "unviewed", seconds)
    pipe.expire(key, SESSION_TTL_SECONDS)
    pipe.sadd(_dirty_key(key), key)
    results = pipe.execute()
    return Heartbeat(
        session=key, unviewed_seconds=float(results[2]), threshold=count_threshold(video.duration)
    )


def mark_counted(*, session: str) -> None:
    """A view was counted for this session: later views need their own seconds of watching."""
    pipe = get_redis().pipeline(transaction=True)
    pipe.hset(session, mapping={"counted": 1, "unviewed": 0})
    pipe.sadd(_dirty_key(session), session)
    pipe.execute()


def _finished_by(state: dict) -> str | None:
    """The signed-in viewer who finished the session's item with a counted view, not noted yet."""
    viewer, duration = state.get("viewer", ""), float(state.get("duration", 0.0))
    if not viewer.startswith("u:") or not state.get("counted") or state.get("noted"):
        return None
    far = float(state.get("furthest", 0.0)) >= FINISHED_AT * duration
    watched = float(state.get("seconds", 0.0)) >= FINISHED_WATCHED * duration
    return viewer[2:] if duration > 0 and far and watched else None


def _collect(prefix: str, batch_id: str) -> list[dict]:
    """Unfolded seconds and histogram moves per (item, day) of a batch's sessions, marked folded
    in the same transaction that stores them; the items viewers finished are noted for pairing."""
    redis = get_redis()
    sessions = sorted(redis.smembers(f"{prefix}batch:{batch_id}:sessions"))
    pipe = redis.pipeline(transaction=False)
    for session in sessions:
        pipe.hgetall(session)
    rows: dict[tuple[str, str], dict] = {}
    marks = {}
    finished = []
    for session, state in zip(sessions, pipe.execute(), strict=True):
        if not state.get("video"):
            continue
        seconds = float(state.get("seconds", 0.0))
        delta = seconds - float(state.get("fseconds", 0.0))
        duration = float(state.get("duration", 0.0))
        bucket = (
            bucket_of(position=float(state.get("furthest", 0.0)), duration=duration)
            if state.get("counted") and duration > 0
            else None
        )
        old = int(state["fbucket"]) if state.get("fbucket") not in (None, "") else None
        row = rows.setdefault(
            (state["video"], state["day"]),
            {
                "video": state["video"],
                "owner": state["owner"],
                "day": state["day"],
                "seconds": 0.0,
                "reach": {},
            },
        )
        row["seconds"] += delta
        if bucket != old:
            if old is not None:
                row["reach"][str(old)] = row["reach"].get(str(old), 0) - 1
            if bucket is not None:
                row["reach"][str(bucket)] = row["reach"].get(str(bucket), 0) + 1
        marks[session] = {"fseconds": seconds, "fbucket": "" if bucket is None else bucket}
        viewer = _finished_by(state)
        if viewer is not None:
            finished.append((viewer, state["video"], float(state["last"])))
            marks[session]["noted"] = 1
    if finished:
        # Before the marks that say so, in a slot of their own: a run cut short between the two
        # notes the same finishes again, and pairing a finish already paired adds nothing.
        notes = redis.pipeline(transaction=False)
        for viewer, video_id, at in finished:
            cooccurrence.note(
                signal=cooccurrence.CO_WATCH, viewer_id=viewer, item_id=video_id, at=at, pipe=notes
            )
        notes.execute()
    data = list(rows.values())
    pipe = redis.pipeline(transaction=True)
    pipe.set(f"{prefix}batch:{batch_id}:data", json.dumps(data))
    for session, mark in marks.items():
        pipe.hset(session, mapping=mark)
    pipe.execute()
    return data


def _apply(batch_id: str, rows: list[dict]) -> None:
    changes = []
    for row in rows:
        increments = {"watch_seconds": row["seconds"]}
        increments.update({f"reach.{b}": n for b, n in row["reach"].items() if n})
        changes.append(
            DayChange(
                key=ObjectId(row["video"]),
                day=row["day"],
                increments=increments,
                on_insert={"owner_id": ObjectId(row["owner"])},
            )
        )
    fold_daily(
        collection=VideoDailyStats._get_collection(),
        key="video_id",
        ledger="watch_batches",
        batch_id=batch_id,
        changes=changes,
    )


# KEYS: a shard's touched set, a new batch's set of sessions, the shard's in-flight batches;
# ARGV: the batch id, the time. Moves the touched sessions into the batch, when there are any.
_CUT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 1
"""


def flush_watch() -> int:
    """Fold touched sessions into the daily figures; safe to run twice or after a crash."""
    return sum(_flush_shard(_shard_prefix(shard)) for shard in range(WATCH_SHARDS))


def _flush_shard(prefix: str) -> int:
    redis = get_redis()
    dirty, inflight = f"{prefix}dirty", f"{prefix}inflight"
    batch_id = uuid.uuid4().hex
    keys = [dirty, f"{prefix}batch:{batch_id}:sessions", inflight]
    redis.eval(_CUT, len(keys), *keys, batch_id, time.time())
    folded = 0
    for batch_id in redis.zrange(inflight, 0, -1):
        raw = redis.get(f"{prefix}batch:{batch_id}:data")
        rows = json.loads(raw) if raw is not None else _collect(prefix, batch_id)
        _apply(batch_id, rows)
        folded += len(rows)
        pipe = redis.pipeline(transaction=True)
        pipe.delete(f"{prefix}batch:{batch_id}:sessions", f"{prefix}batch:{batch_id}:data")
        pipe.zrem(inflight, batch_id)
        pipe.execute()
    return folded
