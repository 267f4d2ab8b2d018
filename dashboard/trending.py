"""Trending scores from the daily rollups: views, likes and comments with exponential decay,
plus a recency term; the owner's own likes and comments taken out (their views never count
anywhere)."""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from engagement.documents import Comment, Like
from videos import trending
from videos.documents import Video, VideoDailyStats

WEIGHTS = {"views": 1.0, "likes": 5.0, "comments": 10.0}
RECENCY_POINTS = 10.0


def decay(hours: float) -> float:
    """How much something `hours` old still counts: half per TRENDING_HALF_LIFE_HOURS."""
    return 0.5 ** (max(hours, 0.0) / settings.TRENDING_HALF_LIFE_HOURS)


def _day_weight(day: str, today) -> float:
    return decay(24.0 * (today - datetime.fromisoformat(day).date()).days)


def refresh_trending() -> dict[str, int]:
    """Recompute every window's list; returns how many items each holds."""
    now = timezone.now()
    today = now.date()
    longest = max(trending.WINDOWS.values())
    first_day = today - timedelta(days=longest - 1)
    since = datetime.combine(first_day, time.min, tzinfo=UTC)
    rows = list(
        VideoDailyStats._get_collection().aggregate(
            [
                {"$match": {"day": {"$gte": first_day.isoformat()}}},
                {
                    "$group": {
                        "_id": "$video_id",
                        # A day document holds only the figures flushed that day: a missing
                        # one is 0 (the in-process store would drop the whole day otherwise).
                        "days": {
                            "$push": {
                                "day": "$day",
                                **{name: {"$ifNull": [f"${name}", 0]} for name in WEIGHTS},
                            }
                        },
                    }
                },
            ]
        )
    )
    active = {row["_id"]: row["days"] for row in rows}
    listed = {
        doc["_id"]: doc
        for doc in Video._get_collection().find(
            {
                "is_listed": True,
                "$or": [{"_id": {"$in": list(active)}}, {"published_at": {"$gte": since}}],
            },
            {"owner_id": 1, "published_at": 1},
        )
    }
    own = {
        "likes": _owner_likes(listed=listed, since=since),
        "comments": _owner_comments(listed=listed, since=since),
    }
    sizes = {}
    for window, span in trending.WINDOWS.items():
        start = (today - timedelta(days=span - 1)).isoformat()
        parts = {}
        for video_id, doc in listed.items():
            days = [d for d in active.get(video_id, []) if d["day"] >= start]
            published = doc.get("published_at")
            if not days and (published is None or published.date().isoformat() < start):
                continue
            figures = dict.fromkeys(WEIGHTS, 0.0)
            for d in days:
                weight = _day_weight(d["day"], today)
                for name in WEIGHTS:
                    figures[name] += weight * (d.get(name) or 0)
            for name, own_days in own.items():
                figures[name] -= sum(
                    _day_weight(day, today) for day in own_days.get(video_id, []) if day >= start
                )
            entry = {name: max(0.0, WEIGHTS[name] * figures[name]) for name in WEIGHTS}
            age = (now - published.replace(tzinfo=UTC)) if published else None
            entry["recency"] = (
                RECENCY_POINTS * decay(age.total_seconds() / 3600) if age is not None else 0.0
            )
            parts[str(video_id)] = entry
        trending.store(window=window, parts=parts)
        sizes[window] = len(parts)
    return sizes


def _owner_likes(*, listed: dict, since) -> dict:
    """Days on which each item's owner liked it, still liked, within the longest window."""
    return _owners_own(
        collection=Like._get_collection(),
        query={"target_type": "video", "created_at": {"$gte": since}},
        item="target_id",
        who="user_id",
        listed=listed,
    )


def _owner_comments(*, listed: dict, since) -> dict:
    """Days on which each item's owner commented on it (replies included), still published,
    within the longest window."""
    return _owners_own(
        collection=Comment._get_collection(),
        query={"status": "published", "created_at": {"$gte": since}},
        item="video_id",
        who="author_id",
        listed=listed,
    )


def _owners_own(*, collection, query: dict, item: str, who: str, listed: dict) -> dict:
    """Per listed item, the days of the records (`query`) its own owner made on it."""
    if not listed:
        return {}
    owners = list({doc["owner_id"] for doc in listed.values()})
    found: dict = {}
    for record in collection.find(
        {**query, who: {"$in": owners}, item: {"$in": list(listed)}},
        {item: 1, who: 1, "created_at": 1},
    ):
        if listed[record[item]]["owner_id"] == record[who]:
            day = record["created_at"].date().isoformat()
            found.setdefault(record[item], []).append(day)
    return found
