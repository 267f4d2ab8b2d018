"""Celery tasks in logs and metrics: the request id that queued a task travels with it.

Publishing a task inside a request (or inside a task that a request started) puts the request id
in the message headers; the worker binds it (with the task's name and id) to every log line while
the task runs, then logs one "task" line and records the run's outcome and duration per queue.
Eager runs behave the same: they keep the id of the request they run in.
"""

import time

import structlog
from celery import signals

from common import metrics

REQUEST_ID_HEADER = "request_id"
logger = structlog.get_logger("streamsphere.task")

# Per running task id: (log context tokens to restore, start time).
_running: dict[str, tuple[dict, float]] = {}


def _current_request_id() -> str:
    """The request id bound to this context's log lines: by the request, or the running task."""
    return structlog.contextvars.get_contextvars().get(REQUEST_ID_HEADER, "")


@signals.before_task_publish.connect(weak=False)
def carry_request_id(headers: dict | None = None, **kwargs) -> None:
    """Stamp the id of the request queuing this task on the message."""
    request_id = _current_request_id()
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


def _queue_of(task) -> str:
    delivery = task.request.delivery_info or {}
    routed = delivery.get("routing_key")
    return routed or task.app.amqp.router.route({}, task.name)["queue"].name


def _request_id_of(task) -> str:
    headers = task.request.headers or {}
    carried = task.request.get(REQUEST_ID_HEADER) or headers.get(REQUEST_ID_HEADER)
    return carried or _current_request_id()


@signals.task_prerun.connect(weak=False)
def bind_task_context(task_id: str, task, **kwargs) -> None:
    """Tag this task's log lines with its request id, name and id; start its clock."""
    context = {"task": task.name, "task_id": task_id}
    request_id = _request_id_of(task)
    if request_id:
        context["request_id"] = request_id
    _running[task_id] = (structlog.contextvars.bind_contextvars(**context), time.perf_counter())


@signals.task_postrun.connect(weak=False)
def record_task_run(task_id: str, task, state: str | None = None, **kwargs) -> None:
    """Log and count the finished run (success, failure, retry), then restore the log context.

    An eager run whose error propagates to its caller ends with no state: it failed.
    """
    tokens, started = _running.pop(task_id, ({}, time.perf_counter()))
    seconds = time.perf_counter() - started
    queue = _queue_of(task)
    outcome = (state or "failure").lower()
    metrics.observe_task(task=task.name, queue=queue, outcome=outcome, seconds=seconds)
    logger.info("task", queue=queue, outcome=outcome, duration_ms=round(seconds * 1000, 1))
    structlog.contextvars.reset_contextvars(**tokens)
