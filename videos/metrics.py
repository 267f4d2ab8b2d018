"""The processing queue's depth, counted in Mongo whenever /metrics is scraped."""

from common.metrics import register_scrape_gauge
from videos.documents import Video
from videos.processing import ACTIVE


def processing_queue_depth() -> dict[str, int]:
    """Items waiting for a worker (uploaded) or being processed, by status (index on status)."""
    return {status: Video.objects(status=status).count() for status in ACTIVE}


def register() -> None:
    """Expose the depth as a gauge computed at scrape time."""
    register_scrape_gauge(
        name="streamsphere_processing_queue_depth",
        documentation="Media items waiting for processing (uploaded) or being processed",
        label="status",
        read=processing_queue_depth,
    )
