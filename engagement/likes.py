"""What can be liked: per target type, how to load it as the caller sees it, and its counter."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from bson import ObjectId
from mongoengine import Document

from accounts.documents import User
from common.counters import Tally
from common.reconcile import Repair, reconcile, reconcile_until
from engagement import counters, selectors
from engagement.documents import Like
from videos import cooccurrence
from videos.counters import daily_fold
from videos.selectors import video_for_viewer

logger = structlog.get_logger(__name__)


@dataclass(frozen=True)
class LikeTarget:
    load: Callable[..., Document]  # (target_id=str, viewer=User | None) -> visible target
    figures: Tally
    on_applied: Callable[[str, dict[str, int]], None] | None = None


def _video(*, target_id: str, viewer: User | None) -> Document:
    return video_for_viewer(video_id=target_id, viewer=viewer)


def _tweet(*, target_id: str, viewer: User | None) -> Document:
    return selectors.tweet_for_viewer(tweet_id=target_id)


def _comment(*, target_id: str, viewer: User | None) -> Document:
    return selectors.comment_for_viewer(comment_id=target_id, viewer=viewer)


TARGETS: dict[str, LikeTarget] = {
    "video": LikeTarget(load=_video, figures=counters.video_likes, on_applied=daily_fold("likes")),
    "tweet": LikeTarget(load=_tweet, figures=counters.tweet_likes),
    "comment": LikeTarget(load=_comment, figures=counters.comment_likes),
}


def flush_like_counters() -> int:
    """Fold buffered likes of every target type into Mongo; returns the net amount applied."""
    return sum(
        target.figures.gained.flush(on_applied=target.on_applied) for target in TARGETS.values()
    )


def flush_co_likes() -> int:
    """Pair the items users liked since the last flush with the items they liked before (up
    next's co_like); returns how many amounts were applied."""
    return cooccurrence.flush(signal=cooccurrence.CO_LIKE, still=_still_liked)


def _still_liked(candidates: dict[str, set[str]]) -> dict[str, set[str]]:
    """Of each user's items (ids as strings), those the user likes now: one query."""
    users = [ObjectId(user_id) for user_id in candidates]
    items = list({ObjectId(item_id) for ids in candidates.values() for item_id in ids})
    found: dict[str, set[str]] = defaultdict(set)
    for row in Like._get_collection().find(
        {"user_id": {"$in": users}, "target_type": "video", "target_id": {"$in": items}},
        {"user_id": 1, "target_id": 1},
    ):
        found[str(row["user_id"])].add(str(row["target_id"]))
    return found


def _like_counter(target_type: str) -> Callable[[list[ObjectId]], dict[ObjectId, int]]:
    """Likes per target of one type, counted for the targets asked about in one aggregation."""

    def count(ids: list[ObjectId]) -> dict[ObjectId, int]:
        pipeline = [
            {"$match": {"target_type": target_type, "target_id": {"$in": ids}}},
            {"$group": {"_id": "$target_id", "n": {"$sum": 1}}},
        ]
        return {row["_id"]: row["n"] for row in Like._get_collection().aggregate(pipeline)}

    return count


def reconcile_like_counters() -> dict[str, Repair]:
    """Recount likes of what changed (and of the sweep's next documents) from their documents
    and repair figures Redis lost, within the time budget; logs the repair."""
    flush_like_counters()
    until = reconcile_until()
    repairs = {
        target_type: reconcile(tally=target.figures, count=_like_counter(target_type), until=until)
        for target_type, target in TARGETS.items()
    }
    for target_type, repair in repairs.items():
        logger.info(
            "likes_reconciled",
            target_type=target_type,
            checked=repair.checked,
            repaired=repair.repaired,
            amount=repair.amount,
        )
    return repairs
