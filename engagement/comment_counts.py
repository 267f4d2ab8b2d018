"""Each item's comments_count: flushed from Redis with its daily figure, reconciled from the
comments themselves."""

import structlog

from common.reconcile import Repair, reconcile, reconcile_until
from engagement import counters, selectors
from videos.counters import daily_fold

logger = structlog.get_logger(__name__)


def flush_comment_counters() -> int:
    """Fold buffered comment counts into items and their day's figures; returns the net applied."""
    return counters.video_comments.gained.flush(on_applied=daily_fold("comments"))


def reconcile_comment_counters() -> Repair:
    """Recount published comments of the items that changed (and of the sweep's next ones) and
    repair figures Redis lost, within the time budget; logs the repair."""
    flush_comment_counters()
    repair = reconcile(
        tally=counters.video_comments,
        count=lambda ids: selectors.published_comment_counts(video_ids=ids),
        until=reconcile_until(),
    )
    logger.info(
        "comments_reconciled",
        checked=repair.checked,
        repaired=repair.repaired,
        amount=repair.amount,
    )
    return repair
