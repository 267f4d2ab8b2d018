"""Trending lists: one Redis sorted set per window, written whole by the dashboard's beat task
and read a page per call; each member carries its score parts so nothing else is read."""

from dataclasses import dataclass

from common.redis import get_redis
from videos.documents import Video

# Window name -> the days of daily rollups it covers (today included; "24h" reaches into
# yesterday, since rollups are per UTC day).
WINDOWS = {"24h": 2, "7d": 7, "30d": 30}
PARTS = ("views", "likes", "comments", "recency")
DEFAULT_WINDOW = "7d"


@dataclass(frozen=True)
class Ranked:
    video: Video
    score: float
    parts: dict[str, float]


def _key(window: str) -> str:
    return f"trending:{window}"


def store(*, window: str, parts: dict[str, dict[str, float]]) -> None:
    """Replace a window's list at once with these items' score parts (id -> parts)."""
    redis = get_redis()
    members = {
        "|".join([video_id, *(repr(round(p[name], 4)) for name in PARTS)]): round(
            sum(p.values()), 4
        )
        for video_id, p in parts.items()
    }
    # One transaction on one key: readers see the old list or the new one, never a mix.
    pipe = redis.pipeline(transaction=True)
    pipe.delete(_key(window))
    if members:
        pipe.zadd(_key(window), members)
    pipe.execute()


def forget(*, video_ids) -> None:
    """Take items being deleted out of every window's list now, not at the next refresh."""
    wanted = {str(video_id) for video_id in video_ids}
    redis = get_redis()
    for window in WINDOWS:
        gone = [m for m in redis.zrange(_key(window), 0, -1) if m.split("|", 1)[0] in wanted]
        if gone:
            redis.zrem(_key(window), *gone)


def ranked_page(*, window: str, offset: int, limit: int, within=None) -> tuple[list[Ranked], bool]:
    """Items ranked offset to offset+limit that are still listed (and in `within`, a queryset,
    when given), best first, and whether more follow: one Redis call and one Mongo query."""
    rows = get_redis().zrevrange(_key(window), offset, offset + limit, withscores=True)
    more = len(rows) > limit
    entries = []
    for member, score in rows[:limit]:
        video_id, *values = member.split("|")
        entries.append((video_id, score, dict(zip(PARTS, map(float, values), strict=True))))
    query = within if within is not None else Video.objects
    found = {
        str(video.id): video
        for video in query.filter(id__in=[e[0] for e in entries], is_listed=True)
    }
    ranked = [
        Ranked(video=found[video_id], score=score, parts=parts)
        for video_id, score, parts in entries
        if video_id in found
    ]
    return ranked, more
