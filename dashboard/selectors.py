"""Dashboard reads: the signed-in creator's figures, from counters and daily rollups only.

Every figure is the one the item and channel pages show: stored plus what Redis holds but has
not flushed yet; today's point of a daily series adds the hits not folded into the day yet.
"""

from datetime import date, timedelta

from bson import ObjectId
from django.utils import timezone

from accounts.documents import User
from channels_app.counters import channel_figures, subscribers_gained, subscribers_lost
from channels_app.documents import ChannelDailyStats
from common.counters import prefetched, summed, with_hits
from common.daily import latest_days, unfolded
from common.errors import NotFound
from common.ids import object_id
from engagement.counters import video_comments, video_likes
from engagement.selectors import sentiment_breakdown
from videos.counters import item_counters, video_views, views
from videos.documents import Video, VideoDailyStats
from videos.watch import BUCKETS

VIDEO_SORTS = {"newest": "-created_at", "views": "-views", "likes": "-likes"}
# Metric name -> the VideoDailyStats field summed per day; subscribers come from the channel's.
ITEM_METRICS = {"views": "views", "likes": "likes", "watch_time": "watch_seconds"}
METRICS = (*ITEM_METRICS, "subscribers")
ANALYTICS_DAYS = 28
# An item's figures, and per VideoDailyStats figure the counter whose batches fold into it.
ITEM_FIGURES = {"views": video_views, "likes": video_likes, "comments": video_comments}
ITEM_DAILY = {"views": views, "likes": video_likes.gained, "comments": video_comments.gained}
CHANNEL_DAILY = {"gained": subscribers_gained, "lost": subscribers_lost}


def today() -> date:
    """The current UTC day, the unit of every rollup."""
    return timezone.now().date()


def days_between(start: date, end: date) -> list[str]:
    """Every day from start to end, both included, as the rollups name them."""
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def _one(pipeline_result) -> dict:
    rows = list(pipeline_result)
    return rows[0] if rows else {}


def channel_stats(*, user: User) -> dict:
    """Totals of the creator's items as their pages show them, and the watch time folded so far:
    a constant number of Mongo reads and Redis round-trips."""
    videos, items = summed(
        tallies=ITEM_FIGURES, collection=Video._get_collection(), where={"owner_id": user.id}
    )
    watched = _one(
        VideoDailyStats._get_collection().aggregate(
            [
                {"$match": {"owner_id": user.id}},
                {"$group": {"_id": None, "seconds": {"$sum": "$watch_seconds"}}},
            ]
        )
    )
    return {
        "videos": videos,
        "views": items["views"],
        "subscribers": channel_figures(users=[user])[user.id].subscribers,
        "likes": items["likes"],
        "comments": items["comments"],
        "watch_time_seconds": round(watched.get("seconds") or 0),
    }


def my_videos(*, user: User):
    """Every item of the creator: private, drafts and processing ones included."""
    return Video.objects(owner_id=user.id)


def watch_time_of(*, video_ids: list[ObjectId]) -> dict[ObjectId, int]:
    """All-time watch seconds per item, in one aggregation over their daily rollups."""
    if not video_ids:
        return {}
    pipeline = [
        {"$match": {"video_id": {"$in": video_ids}}},
        {"$group": {"_id": "$video_id", "seconds": {"$sum": "$watch_seconds"}}},
    ]
    rows = VideoDailyStats._get_collection().aggregate(pipeline)
    return {row["_id"]: round(row["seconds"] or 0) for row in rows}


def video_of_owner(*, video_id: str, user: User) -> Video:
    """One of the creator's own items; anybody else's is a 404, as if it did not exist."""
    video = Video.objects(id=object_id(video_id), owner_id=user.id).first()
    if video is None:
        raise NotFound()
    return video


def comment_sentiment(*, video_id: ObjectId) -> dict[str, int]:
    """Moods of an item's published comments, from their sentiment scores."""
    return sentiment_breakdown(video_ids=[video_id])[ObjectId(video_id)]


def retention_curve(reach: dict[int, int]) -> list[float]:
    """Share of counted views still watching at each percent: views that got at least there."""
    total = sum(reach.values())
    curve, remaining = [], total
    for bucket in range(BUCKETS):
        curve.append(round(remaining / total, 4) if total else 0.0)
        remaining -= reach.get(bucket, 0)
    return curve


def video_analytics(*, video: Video) -> dict:
    """An item's figures, its last ANALYTICS_DAYS days, watch time and retention curve; the
    figures and today's point count what Redis holds, read in one round-trip."""
    rows = list(
        VideoDailyStats._get_collection().find(
            {"video_id": video.id},
            {"day": 1, "views": 1, "likes": 1, "comments": 1, "watch_seconds": 1, "reach": 1},
        )
    )
    latest = _latest_item_days(where={"video_id": video.id})
    with prefetched(counters=item_counters(), ids=[video.id]):
        figures = {
            name: tally.current(docs=[video])[video.id] for name, tally in ITEM_FIGURES.items()
        }
        pending = unfolded(figures=ITEM_DAILY, ids=[video.id], latest={video.id: latest})
    reach: dict[int, int] = {}
    watched = 0.0
    for row in rows:
        watched += row.get("watch_seconds") or 0.0
        for bucket, n in (row.get("reach") or {}).items():
            reach[int(bucket)] = reach.get(int(bucket), 0) + n
    by_day = {row["day"]: row for row in rows}
    end = today()
    # Today's figures from the read its ledgers came from, plus what is not folded in yet.
    by_day[end.isoformat()] = {
        **by_day.get(end.isoformat(), {}),
        **{
            name: _figure_of(latest, end.isoformat(), name) + pending[name][video.id]
            for name in ITEM_DAILY
        },
    }
    daily = [
        {
            "date": day,
            "views": by_day.get(day, {}).get("views", 0),
            "likes": by_day.get(day, {}).get("likes", 0),
            "comments": by_day.get(day, {}).get("comments", 0),
            "watch_time_seconds": round(by_day.get(day, {}).get("watch_seconds") or 0),
        }
        for day in days_between(end - timedelta(days=ANALYTICS_DAYS - 1), end)
    ]
    return {
        "id": str(video.id),
        "title": video.title,
        "duration": video.duration,
        **figures,
        "watch_time_seconds": round(watched),
        "average_view_seconds": round(watched / figures["views"], 1) if figures["views"] else 0.0,
        "sentiment": comment_sentiment(video_id=video.id),
        "daily": daily,
        "retention": retention_curve(reach),
    }


def _latest_item_days(*, where: dict) -> list[dict]:
    """Yesterday's and today's rollups matching `where`, with their figures and ledgers."""
    fields = {"video_id": 1, "day": 1}
    for name in ITEM_DAILY:
        fields.update({name: 1, f"{name}_batches": 1})
    return list(
        VideoDailyStats._get_collection().find({**where, "day": {"$in": latest_days()}}, fields)
    )


def _figure_of(rows: list[dict], day: str, name: str) -> int:
    """A figure of one day summed over rows (0 when none holds it)."""
    return sum(row.get(name) or 0 for row in rows if row["day"] == day)


def timeseries(*, user: User, metric: str, start: date, end: date) -> dict:
    """One zero-filled point a day, oldest first, summed from the daily rollups in one read."""
    days = days_between(start, end)
    result = {"metric": metric, "start": days[0], "end": days[-1]}
    window = {"$gte": days[0], "$lte": days[-1]}
    if metric == "subscribers":
        rows = {
            row["day"]: row
            for row in ChannelDailyStats._get_collection().find(
                {"channel_id": user.id, "day": window}, {"day": 1, "gained": 1, "lost": 1}
            )
        }
        if days[-1] == today().isoformat():
            rows[days[-1]] = _channel_today(user=user)
        points = []
        for day in days:
            gained = rows.get(day, {}).get("gained", 0)
            lost = rows.get(day, {}).get("lost", 0)
            points.append({"date": day, "value": gained - lost, "gained": gained, "lost": lost})
        result["gained"] = sum(point["gained"] for point in points)
        result["lost"] = sum(point["lost"] for point in points)
    else:
        pipeline = [
            {"$match": {"owner_id": user.id, "day": window}},
            {"$group": {"_id": "$day", "value": {"$sum": f"${ITEM_METRICS[metric]}"}}},
        ]
        sums = {
            row["_id"]: round(row["value"] or 0)
            for row in VideoDailyStats._get_collection().aggregate(pipeline)
        }
        if metric in ITEM_DAILY and days[-1] == today().isoformat():
            sums[days[-1]] = _items_today(user=user, name=metric)
        points = [{"date": day, "value": sums.get(day, 0)} for day in days]
    result["total"] = sum(point["value"] for point in points)
    result["points"] = points
    return result


def _items_today(*, user: User, name: str) -> int:
    """Today's figure `name` over the creator's items: folded, plus what is not folded yet (only
    items with hits in Redis are looked at); three Mongo reads, two Redis round-trips."""
    latest = _latest_item_days(where={"owner_id": user.id})
    by_item: dict = {}
    for row in latest:
        by_item.setdefault(row["video_id"], []).append(row)
    counter = ITEM_DAILY[name]
    mine = [doc["_id"] for doc in Video._get_collection().find({"owner_id": user.id}, {"_id": 1})]
    busy = list(with_hits([counter], mine))
    pending = unfolded(figures={name: counter}, ids=busy, latest=by_item)[name]
    return _figure_of(latest, today().isoformat(), name) + sum(pending.values())


def _channel_today(*, user: User) -> dict:
    """Today's subscribers gained and lost: folded, plus what is not folded yet."""
    latest = list(
        ChannelDailyStats._get_collection().find(
            {"channel_id": user.id, "day": {"$in": latest_days()}},
            {"day": 1, "gained": 1, "gained_batches": 1, "lost": 1, "lost_batches": 1},
        )
    )
    pending = unfolded(figures=CHANNEL_DAILY, ids=[user.id], latest={user.id: latest})
    day = today().isoformat()
    return {name: _figure_of(latest, day, name) + pending[name][user.id] for name in CHANNEL_DAILY}
