"""The embedded run: a Celery worker and beat inside the web process, sharing its stores."""

import secrets
import threading

import structlog
from celery.beat import Service

from config.celery_app import app

logger = structlog.get_logger(__name__)


def start_worker() -> threading.Thread:
    """Run a solo-pool worker in a daemon thread so queued tasks see this process's data."""
    worker = app.Worker(
        pool="solo",
        concurrency=1,
        hostname=f"embedded-{secrets.token_hex(3)}@localhost",
        loglevel="WARNING",
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
        redirect_stdouts=False,
        quiet=True,
    )
    thread = threading.Thread(target=worker.start, name="celery-worker", daemon=True)
    thread.start()
    return thread


def start_beat() -> threading.Thread:
    """Run the periodic scheduler in a daemon thread."""
    service = Service(app=app, scheduler_cls=app.conf.beat_scheduler)
    thread = threading.Thread(target=service.start, name="celery-beat", daemon=True)
    thread.start()
    return thread
