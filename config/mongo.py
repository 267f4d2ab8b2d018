"""MongoDB wiring: one connection from MONGODB_URI, in-process mongomock for "mongomock://"."""

from urllib.parse import urlsplit

import mongoengine
from django.conf import settings

ALIAS = mongoengine.DEFAULT_CONNECTION_NAME


def connect_mongo(*, uri: str | None = None, db_name: str | None = None) -> None:
    """Open the default MongoEngine connection; a "mongomock://" URI stays in this process."""
    uri = uri or settings.MONGODB_URI
    parts = urlsplit(uri)
    name = db_name or settings.MONGODB_DB or parts.path.lstrip("/").split("?")[0] or "streamsphere"
    mongoengine.disconnect(alias=ALIAS)
    if parts.scheme == "mongomock":
        import mongomock

        from config import mongo_memory

        mongo_memory.install()

        mongoengine.connect(
            db=name,
            host=f"mongodb://{parts.netloc or 'localhost'}",
            alias=ALIAS,
            mongo_client_class=mongomock.MongoClient,
            tz_aware=True,
            uuidRepresentation="standard",
        )
    else:
        mongoengine.connect(
            db=name, host=uri, alias=ALIAS, tz_aware=True, uuidRepresentation="standard"
        )


def is_in_memory() -> bool:
    """Tell whether platform data lives only in this process."""
    return settings.MONGODB_URI.startswith("mongomock://")


def document_classes() -> list[type[mongoengine.Document]]:
    """Every concrete Document the installed apps declare."""
    from mongoengine.base import _document_registry

    return [
        cls
        for cls in _document_registry.values()
        if issubclass(cls, mongoengine.Document) and not cls._meta.get("abstract")
    ]


def ensure_indexes() -> None:
    """Create every declared index now rather than on first use."""
    for cls in document_classes():
        cls.ensure_indexes()


def ping() -> None:
    """Raise unless MongoDB answers."""
    mongoengine.get_db(ALIAS).command("ping")
