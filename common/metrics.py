"""Prometheus metrics, served as text at /metrics.

Requests by route and status, Celery tasks by queue and outcome, and figures read when scraped
(hits waiting in Redis for a counter flush, and whatever gauges the apps register).

Under gunicorn or a prefork Celery worker every process counts on its own. With
PROMETHEUS_MULTIPROC_DIR set, each process writes its figures to files in that directory; a
scrape adds up every process whose directory sits beside it (one directory per service, on one
shared volume, emptied when its container starts), so any web process answers for the stack.
"""

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import structlog
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from common.counters import registered_counters
from common.redis import get_redis

logger = structlog.get_logger(__name__)

REQUESTS = Counter(
    "streamsphere_http_requests_total", "HTTP requests served", ["method", "route", "status"]
)
LATENCY = Histogram(
    "streamsphere_http_request_seconds", "HTTP request latency", ["method", "route"]
)
TASKS = Counter(
    "streamsphere_celery_tasks_total",
    "Celery tasks run, by queue and outcome (success, failure, retry)",
    ["task", "queue", "outcome"],
)
TASK_DURATION = Histogram(
    "streamsphere_celery_task_seconds",
    "Celery task run time",
    ["task", "queue", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, float("inf")),
)
# Incremented once per notification written for a subscriber when an event fans out.
NOTIFICATIONS_FANNED_OUT = Counter(
    "streamsphere_notifications_fanned_out_total",
    "Notifications created by fanning an event out to subscribers",
)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    """Record one served request."""
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


def observe_task(*, task: str, queue: str, outcome: str, seconds: float) -> None:
    """Record one finished Celery task run."""
    TASKS.labels(task=task, queue=queue, outcome=outcome).inc()
    TASK_DURATION.labels(task=task, queue=queue, outcome=outcome).observe(seconds)


class ScrapeGauge(Collector):
    """A gauge whose values are read from the stores when scraped, so every process agrees."""

    def __init__(self, *, name: str, documentation: str, label: str, read: Callable[[], dict]):
        self.name = name
        self.documentation = documentation
        self.label = label
        self.read = read

    def describe(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(self.name, self.documentation, labels=[self.label])

    def collect(self) -> Iterable[Metric]:
        try:
            values = self.read()
        except Exception as exc:  # a store being down must not take every other figure with it
            logger.warning("metric_unreadable", metric=self.name, error=str(exc))
            return
        family = GaugeMetricFamily(self.name, self.documentation, labels=[self.label])
        for value_label, value in sorted(values.items()):
            family.add_metric([value_label], value)
        yield family


_scrape_gauges: list[ScrapeGauge] = []


def register_scrape_gauge(*, name: str, documentation: str, label: str, read: Callable) -> None:
    """Expose `read()` ({label value: number}) as a gauge computed at every scrape."""
    gauge = ScrapeGauge(name=name, documentation=documentation, label=label, read=read)
    PROCESS_REGISTRY.register(gauge)
    _scrape_gauges.append(gauge)


def counter_backlog() -> dict[str, int]:
    """Hits per buffered counter not yet folded into Mongo: pending plus unfinished batches."""
    redis = get_redis()
    backlog = {}
    for counter in registered_counters():
        hashes = [counter.pending_key]
        hashes += [counter.batch_key(batch) for batch in redis.zrange(counter.inflight_key, 0, -1)]
        pipe = redis.pipeline(transaction=False)
        for key in hashes:
            pipe.hvals(key)
        backlog[counter.name] = sum(int(value) for values in pipe.execute() for value in values)
    return backlog


register_scrape_gauge(
    name="streamsphere_counter_backlog",
    documentation="Counted hits (views, likes...) waiting in Redis for the next flush into Mongo",
    label="counter",
    read=counter_backlog,
)


class StackCollector(Collector):
    """Every process's figures from the per-service directories beside this process's own."""

    def __init__(self, *, root: Path):
        self.root = root

    def collect(self) -> Iterable[Metric]:
        files = [str(path) for path in sorted(self.root.glob("*/*.db"))]
        return MultiProcessCollector.merge(files, accumulate=True)


def _registry() -> CollectorRegistry:
    shared = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not shared:
        return PROCESS_REGISTRY
    directory = Path(shared)
    registry = CollectorRegistry()
    registry.register(StackCollector(root=directory.parent))
    for gauge in _scrape_gauges:
        registry.register(gauge)
    return registry


def metrics_view(request) -> HttpResponse:
    """Expose every metric in the Prometheus text format."""
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
