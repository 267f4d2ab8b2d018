"""The embedded run: a Celery worker and beat inside the web process, sharing its stores."""

import secrets
import threading

import structlog
from celery import signals
from celery.beat import Service

from config.celery_app import app

logger = structlog.get_logger(__name__)


QUEUES = ("media", "default")
READY_TIMEOUT_SECONDS = 30


def start_worker(queue: str) -> threading.Thread:
    """Run a solo-pool worker for one queue in a daemon thread, sharing this process's data.

    A worker picks its queues from the app's shared queue selection when its consumer starts,
    so each is started only once the previous one consumes.
    """
    hostname = f"embedded-{queue}-{secrets.token_hex(3)}@localhost"
    consuming = threading.Event()

    def on_ready(sender, **kwargs):
        if sender.hostname == hostname:
            consuming.set()

    signals.worker_ready.connect(on_ready, weak=False)
    worker = app.Worker(
        pool="solo",
        concurrency=1,
        queues=[queue],
        hostname=hostname,
        loglevel="WARNING",
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
        redirect_stdouts=False,
        quiet=True,
    )
    thread = threading.Thread(target=worker.start, name=f"celery-{queue}", daemon=True)
    thread.start()
    if not consuming.wait(READY_TIMEOUT_SECONDS):
        logger.warning("worker_not_ready", queue=queue)
    signals.worker_ready.disconnect(on_ready)
    return thread


def start_beat() -> threading.Thread:
    """Run the periodic scheduler in a daemon thread."""
    service = Service(app=app, scheduler_cls=app.conf.beat_scheduler)
    thread = threading.Thread(target=service.start, name="celery-beat", daemon=True)
    thread.start()
    return thread
