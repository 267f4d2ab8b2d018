"""Channel background work; thin entry points over channels_app.counters."""

from celery import shared_task


@shared_task
def flush_subscription_counters() -> int:
    """Fold buffered subscription changes into Mongo (run on a schedule)."""
    from channels_app import counters

    return counters.flush_subscription_counters()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def reconcile_subscription_counters() -> int:
    """Recount subscriptions and repair what Redis lost (run on a schedule, within its time
    budget; safe to run twice); returns how many repaired."""
    from channels_app import counters

    repairs = counters.reconcile_subscription_counters()
    return sum(repair.repaired for repair in repairs.values())
