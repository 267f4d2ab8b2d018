"""gunicorn settings for the production web container."""

import os

from gunicorn.glogging import Logger

from config.logging import structured_formatter

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


class StructuredLogger(Logger):
    """gunicorn's own lines (wherever --error-logfile sends them) in the app's log format.

    No access log: the app logs every request itself, with its id, user, route and duration.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        formatter = structured_formatter(fmt=os.environ.get("LOG_FORMAT", "json"))
        for handler in self.error_log.handlers:
            handler.setFormatter(formatter)


logger_class = StructuredLogger
