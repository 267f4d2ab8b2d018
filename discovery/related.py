"""Up next: the items to watch after one, best first, each with the reason it is there.

First what viewers of the item also finished (co_watch), then what its likers also liked
(co_like), both read from the neighbours the flushes keep (videos.cooccurrence); then items
sharing its tags (most shared first); then the newest of its channel. Only listed items, never
the item itself nor a channel the viewer blocked, each item once, under its first reason.
Whatever the page, it costs the same reads: one Redis round-trip and three Mongo queries.
"""

import time
from dataclasses import dataclass
from datetime import UTC

from bson import ObjectId
from django.conf import settings

from accounts.documents import User
from accounts.selectors import blocked_ids
from videos import cooccurrence
from videos.documents import Video

REASONS = ("co_watch", "co_like", "tags", "channel")
# The list ends here: each source is read this deep, once per page.
MAX_RESULTS = 100
# Items sharing a tag are ranked among the newest this many that share any.
TAG_SCAN = 500


@dataclass(frozen=True)
class Related:
    video: Video
    reason: str
    score: float


def related_page(
    *, video: Video, viewer: User | None, offset: int, limit: int
) -> tuple[list[Related], bool]:
    """Results offset to offset+limit of the item's up next, and whether more follow."""
    ranked = _ranked(video=video, viewer=viewer)
    return ranked[offset : offset + limit], len(ranked) > offset + limit


def _ranked(*, video: Video, viewer: User | None) -> list[Related]:
    hidden = list(blocked_ids(user=viewer))
    neighbours = cooccurrence.neighbours(item_id=video.id, limit=MAX_RESULTS)
    paired = {item_id for pairs in neighbours.values() for item_id in pairs}
    found = {
        item.id: item
        for item in (
            Video.objects(id__in=list(paired), is_listed=True, owner_id__nin=hidden)
            if paired
            else []
        )
    }
    tiers = [
        (name, [(found[i], score) for i, score in neighbours[name].items() if i in found])
        for name in ("co_watch", "co_like")
    ]
    tiers += [
        ("tags", _sharing_tags(video=video, hidden=hidden)),
        ("channel", _same_channel(video=video, hidden=hidden)),
    ]
    seen, ranked = {video.id}, []
    for reason, candidates in tiers:
        for item, score in candidates:
            if item.id not in seen and len(ranked) < MAX_RESULTS:
                seen.add(item.id)
                ranked.append(Related(video=item, reason=reason, score=round(score, 4)))
    return ranked


def _sharing_tags(*, video: Video, hidden: list[ObjectId]) -> list[tuple[Video, float]]:
    """Listed items sharing tags with the item, most shared first, then newest; the score is
    how many they share. One aggregation over the newest TAG_SCAN sharing any, on the
    (is_listed, tags, -published_at) index."""
    if not video.tags:
        return []
    pipeline = [
        {
            "$match": {
                "is_listed": True,
                "tags": {"$in": list(video.tags)},
                "_id": {"$ne": video.id},
                "owner_id": {"$nin": hidden},
            }
        },
        {"$sort": {"published_at": -1, "_id": -1}},
        {"$limit": TAG_SCAN},
        {
            "$addFields": {
                "_shared": {
                    "$size": {
                        "$filter": {
                            "input": "$tags",
                            "as": "tag",
                            "cond": {"$in": ["$$tag", list(video.tags)]},
                        }
                    }
                }
            }
        },
        {"$sort": {"_shared": -1, "published_at": -1, "_id": -1}},
        {"$limit": MAX_RESULTS},
    ]
    found = []
    for row in Video._get_collection().aggregate(pipeline):
        shared = float(row.pop("_shared"))
        found.append((Video._from_son(row), shared))
    return found


def _same_channel(*, video: Video, hidden: list[ObjectId]) -> list[tuple[Video, float]]:
    """The newest listed items of the item's channel (none when the viewer blocked it); the
    score is their recency, halving every RELATED_HALF_LIFE_DAYS."""
    if video.owner_id in hidden:
        return []
    items = (
        Video.objects(is_listed=True, owner_id=video.owner_id, id__ne=video.id)
        .order_by("-published_at", "-id")
        .limit(MAX_RESULTS)
    )
    half_life = settings.RELATED_HALF_LIFE_DAYS * 24 * 3600
    now = time.time()
    return [(item, _recency(item, now=now, half_life=half_life)) for item in items]


def _recency(item: Video, *, now: float, half_life: float) -> float:
    published = item.published_at.replace(tzinfo=UTC).timestamp() if item.published_at else now
    return 0.5 ** (max(0.0, now - published) / half_life)
