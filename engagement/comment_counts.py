"""Each item's comments_count: flushed from Redis with its daily figure, reconciled from the
comments themselves."""

import structlog

from common.counters import Repair
from engagement import counters, selectors
from videos.counters import daily_fold

logger = structlog.get_logger(__name__)


def flush_comment_counters() -> int:
    """Fold buffered comment counts into items and their day's figures; returns the net applied."""
    return counters.video_comments.gained.flush(on_applied=daily_fold("comments"))


def reconcile_comment_counters() -> Repair:
    """Recount published comments per item and repair figures Redis lost; logs the repair."""
    flush_comment_counters()
    repair = counters.video_comments.reconcile(truth=selectors.published_comment_counts())
    logger.info(
        "comments_reconciled",
        checked=repair.checked,
        repaired=repair.repaired,
        amount=repair.amount,
    )
    return repair
