"""Prometheus metrics: request counts and latencies per route, served as text at /metrics."""

from django.http import HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

REQUESTS = Counter(
    "streamsphere_http_requests_total", "HTTP requests served", ["method", "route", "status"]
)
LATENCY = Histogram(
    "streamsphere_http_request_seconds", "HTTP request latency", ["method", "route"]
)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    """Record one served request."""
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


def metrics_view(request) -> HttpResponse:
    """Expose every registered metric in the Prometheus text format."""
    return HttpResponse(generate_latest(), content_type=CONTENT_TYPE_LATEST)
