"""Media storage helpers: public URLs for stored names and best-effort removal of old files."""

import structlog
from django.core.files.storage import default_storage

logger = structlog.get_logger(__name__)


def public_url(name: str, request=None) -> str | None:
    """Absolute URL of a stored file, or None when nothing is stored."""
    if not name:
        return None
    url = default_storage.url(name)
    if request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def delete_stored(names: list[str]) -> None:
    """Remove stored files, ignoring ones already gone, so callers can retry safely."""
    for name in names:
        if not name:
            continue
        try:
            default_storage.delete(name)
        except FileNotFoundError:
            continue
