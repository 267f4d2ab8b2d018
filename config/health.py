"""Liveness and readiness probes for orchestrators and load balancers."""

import structlog
from django.db import connection
from django.http import JsonResponse

from common.api.errors import error_body
from common.redis import get_redis
from config import mongo

logger = structlog.get_logger(__name__)


def _sql() -> None:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


CHECKS = {"mongo": mongo.ping, "redis": lambda: get_redis().ping(), "sql": _sql}


def healthz(request) -> JsonResponse:
    """The process is up and serving."""
    return JsonResponse({"status": "ok"})


def readyz(request) -> JsonResponse:
    """Every store answers; otherwise 503 naming the ones that do not."""
    down = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:
            logger.warning("store_unreachable", store=name, error=str(exc))
            down[name] = ["unreachable"]
    if down:
        message = "Unavailable: " + ", ".join(sorted(down))
        body = error_body(status_code=503, code="service_unavailable", message=message, fields=down)
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ready", "checks": dict.fromkeys(CHECKS, "ok")})
