"""The counters' repair at the embedded run's start: every counted figure recounted from the
records it stands for, so a restored store starts exact."""

from channels_app.counters import reconcile_subscription_counters
from common.counters import registered_tallies
from common.redis import get_redis
from engagement.comment_counts import reconcile_comment_counters
from engagement.likes import reconcile_like_counters


def repair_counters() -> int:
    """Recount every liked, subscribed and commented document (nothing is in flight before the
    server starts, so no document is left alone as busy); returns how many were repaired."""
    redis = get_redis()
    tallies = registered_tallies()
    for tally in tallies:
        redis.delete(tally.sweep_key)
        for key in redis.scan_iter(match=tally.touched_key("*"), count=1000):
            redis.delete(key)
    repaired = 0
    while True:
        repaired += sum(repair.repaired for repair in reconcile_like_counters().values())
        repaired += sum(repair.repaired for repair in reconcile_subscription_counters().values())
        repaired += reconcile_comment_counters().repaired
        # A sweep that reached the last document forgets its place; one that did not goes on.
        if not any(redis.exists(tally.sweep_key) for tally in tallies):
            return repaired
