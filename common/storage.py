"""Stored files: public URLs for names in the public store, and the one routine that deletes."""

from django.core.files.storage import storages

# "default" holds public images (avatars, covers, thumbnails); "media" holds sources and
# renditions, never served directly, only through the API.
PUBLIC = "default"
MEDIA = "media"


def media_storage():
    """Where sources and renditions live."""
    return storages[MEDIA]


def public_url(name: str, request=None) -> str | None:
    """Absolute URL of a file in the public store, or None when nothing is stored."""
    if not name:
        return None
    url = storages[PUBLIC].url(name)
    if request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return url


def delete_stored(*, names: list[str], store: str = PUBLIC) -> None:
    """Remove files from one store, ignoring ones already gone, so callers can retry safely."""
    storage = storages[store]
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except FileNotFoundError:
            continue
