"""Real Celery workers in threads of the test process, one per queue, for tests that need
tasks queued and consumed instead of run inline."""

import logging
import os
from contextlib import ExitStack, contextmanager

from celery.app.log import Logging as CeleryLogging
from celery.contrib.testing.worker import start_worker

from config.celery_app import app as celery_app

MP_FORK_ENV = ("_MP_FORK_LOGLEVEL_", "_MP_FORK_LOGFILE_", "_MP_FORK_LOGFORMAT_")


def _all_loggers() -> list[logging.Logger]:
    known = logging.Logger.manager.loggerDict.values()
    return [logging.getLogger(), *(lg for lg in known if isinstance(lg, logging.Logger))]


@contextmanager
def logging_restored():
    """Starting a worker reconfigures logging: Celery's Django fixup re-runs django.setup()
    (fresh handlers from settings.LOGGING) and Celery then empties and re-levels the root and
    its own loggers. Put every logger back as it was, so later tests log as before."""
    saved = [(lg, list(lg.handlers), lg.level, lg.propagate, lg.disabled) for lg in _all_loggers()]
    celery_setup = CeleryLogging._setup
    environ = {key: os.environ.get(key) for key in MP_FORK_ENV}
    try:
        yield
    finally:
        for lg, handlers, level, propagate, disabled in saved:
            lg.handlers = handlers
            lg.setLevel(level)
            lg.propagate, lg.disabled = propagate, disabled
        known = {lg for lg, *_ in saved}
        for lg in _all_loggers():
            if lg not in known:  # created meanwhile, e.g. the multiprocessing one Celery set up
                lg.handlers = [h for h in lg.handlers if isinstance(h, logging.NullHandler)]
                lg.setLevel(logging.NOTSET)
                lg.propagate = True
        CeleryLogging._setup = celery_setup
        for key, value in environ.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def queued_tasks():
    """Tasks go through the in-process memory:// broker instead of running inline."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_transport_options
    # The memory transport polls its queues once a second by default; poll faster so workers
    # pick tasks up promptly (stopping still waits out synloop's 2 s drain timeout).
    conf.task_always_eager = False
    conf.broker_transport_options = {**(saved[1] or {}), "polling_interval": 0.05}
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_transport_options = saved


def _purge(queue: str) -> None:
    """Drop tasks an earlier test queued and never saw run: each test starts with empty queues,
    as it starts with empty stores."""
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)


class Workers:
    """Starts one solo-pool worker per queue on demand; stops them all at the end."""

    def __init__(self, stack: ExitStack):
        self.stack = stack
        self.started: dict[str, object] = {}

    def __call__(self, *queues: str) -> None:
        if not self.started:
            self.stack.enter_context(logging_restored())
            self.stack.enter_context(queued_tasks())
        for queue in queues:
            _purge(queue)
            # No ping check: the ping task needs a result backend.
            self.started[queue] = self.stack.enter_context(
                start_worker(
                    celery_app,
                    pool="solo",
                    queues=[queue],
                    hostname=f"test-{queue}@localhost",
                    perform_ping_check=False,
                    shutdown_timeout=30,
                    loglevel="WARNING",
                )
            )
