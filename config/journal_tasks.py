"""What the journal keeps besides the stores: the background tasks queued in the embedded worker,
and the rule that no answer leaves before the writes it follows are on disk.

The embedded broker holds its messages in memory. Each task published is recorded in the journal
(in the same commits as the writes that led to it) and forgotten once it has run to an end
(succeeded, or failed for good); a start re-sends what was left, which our tasks allow (each is
idempotent).
"""

import json
from datetime import datetime

from celery import signals

from common.api.errors import error_body
from config.journal import Journal, JournalFailed

_journal: Journal | None = None
FINAL_STATES = frozenset({"SUCCESS", "FAILURE", "REVOKED", "REJECTED", "IGNORED"})


def _published(sender=None, body=None, routing_key=None, headers=None, **kwargs) -> None:
    if _journal is None or not headers or "id" not in headers:
        return
    args, task_kwargs = (body[0], body[1]) if isinstance(body, (list, tuple)) else ((), {})
    _journal.task_published(
        headers["id"],
        {
            "id": headers["id"],
            "task": headers.get("task") or sender,
            "args": list(args),
            "kwargs": dict(task_kwargs),
            "queue": routing_key,
            "eta": headers.get("eta"),
            "retries": headers.get("retries") or 0,
        },
    )


def _finished(task_id=None, state=None, **kwargs) -> None:
    if _journal is not None and task_id and state in FINAL_STATES:
        _journal.task_done(task_id)


def record_tasks(journal: Journal | None) -> None:
    """Keep every task published from now on in `journal` until it has run to an end (None:
    stop keeping them)."""
    global _journal
    _journal = journal
    if journal is None:
        signals.before_task_publish.disconnect(dispatch_uid="journal-publish")
        signals.task_postrun.disconnect(dispatch_uid="journal-finish")
        return
    signals.before_task_publish.connect(_published, weak=False, dispatch_uid="journal-publish")
    signals.task_postrun.connect(_finished, weak=False, dispatch_uid="journal-finish")


def resend_pending(journal: Journal, app) -> int:
    """Queue again the tasks a stopped run left unfinished; returns how many."""
    pending = journal.pending_tasks()
    for message in pending:
        app.send_task(
            message["task"],
            args=message["args"],
            kwargs=message["kwargs"],
            task_id=message["id"],
            queue=message["queue"],
            eta=datetime.fromisoformat(message["eta"]) if message["eta"] else None,
            retries=message["retries"],
        )
    return len(pending)


def durable_answers(app, journal: Journal):
    """The ASGI application `app`, whose answers wait until every write applied before them is
    committed to the journal (one commit serves every answer waiting)."""

    async def gated(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        refused = False

        async def send_when_durable(message):
            nonlocal refused
            if refused:
                return
            if message["type"] == "http.response.start":
                try:
                    await journal.durable(journal.last_seq)
                except JournalFailed:
                    refused = True
                    await _not_kept(send)
                    return
            await send(message)

        return await app(scope, receive, send_when_durable)

    return gated


async def _not_kept(send) -> None:
    """A 503 in the error shape instead of an answer whose writes the journal could not keep."""
    body = json.dumps(
        error_body(
            status_code=503,
            code="service_unavailable",
            message="The server could not save this request's changes to disk; try again later.",
        )
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
