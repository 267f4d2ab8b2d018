"""Structured logs (JSON in production, readable lines locally), each carrying the request id."""

import logging

import structlog

SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def structured_formatter(*, fmt: str) -> structlog.stdlib.ProcessorFormatter:
    """A logging formatter rendering every record as JSON ("json") or a readable line."""
    renderer = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return structlog.stdlib.ProcessorFormatter(
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        foreign_pre_chain=SHARED_PROCESSORS,
    )


def build_logging(*, level: str, fmt: str) -> dict:
    """Return a dictConfig routing stdlib and structlog records through one renderer."""
    # Python warnings become log lines too, so a JSON log holds nothing but JSON.
    logging.captureWarnings(fmt == "json")
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.processors.format_exc_info,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": {"()": structured_formatter, "fmt": fmt}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
            "celery": {"level": "WARNING"},
        },
    }
