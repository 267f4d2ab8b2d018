"""MongoDB wiring: one connection from MONGODB_URI, in-process mongomock for "mongomock://"."""

from dataclasses import dataclass, field
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


# Index options that make two indexes on the same keys different indexes.
IDENTITY_OPTIONS = ("unique", "sparse", "partialFilterExpression")


@dataclass
class IndexChanges:
    """What syncing the declared indexes did, each entry "collection.index_name"."""

    created: list[str] = field(default_factory=list)
    ttl_changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # present, no longer declared
    dropped: list[str] = field(default_factory=list)


def _keys(fields) -> tuple:
    return tuple((name, int(direction)) for name, direction in fields)


def _set_ttl(collection, name: str, keys: tuple, options: dict) -> None:
    """Give an existing TTL index its declared lifetime in place (collMod), or in memory, where
    mongomock has no collMod, rebuild it."""
    if is_in_memory():
        collection.drop_index(name)
        collection.create_index(list(keys), **options)
        return
    collection.database.command(
        "collMod",
        collection.name,
        index={"name": name, "expireAfterSeconds": options["expireAfterSeconds"]},
    )


def sync_indexes(*, drop_stale: bool = False) -> IndexChanges:
    """Create the indexes the documents declare and do not have yet, apply a changed TTL in
    place, and report (or, with drop_stale, drop) the indexes no document declares any more.
    An index whose keys stay but whose identity changed (unique, sparse, partial filter) is
    stale until dropped; then it is created as declared."""
    changes = IndexChanges()
    for cls in document_classes():
        collection = cls._get_collection()
        existing = {
            name: info for name, info in collection.index_information().items() if name != "_id_"
        }
        by_keys = {_keys(info["key"]): name for name, info in existing.items()}
        kept = set()
        for spec in cls._meta.get("index_specs") or []:
            options = {key: value for key, value in spec.items() if key != "fields"}
            keys = _keys(spec["fields"])
            name = by_keys.get(keys)
            info = existing.get(name, {})
            same = all(info.get(key) == options.get(key) for key in IDENTITY_OPTIONS)
            if name is not None and not same and not drop_stale:
                continue
            if name is not None and not same:
                collection.drop_index(name)
                changes.dropped.append(f"{collection.name}.{name}")
                name = None
            if name is None:
                created = collection.create_index(list(keys), **options)
                changes.created.append(f"{collection.name}.{created}")
                kept.add(created)
                continue
            kept.add(name)
            ttl = options.get("expireAfterSeconds")
            if ttl is not None and info.get("expireAfterSeconds") != ttl:
                _set_ttl(collection, name, keys, options)
                changes.ttl_changed.append(f"{collection.name}.{name}")
        for name in existing.keys() - kept:
            if drop_stale:
                collection.drop_index(name)
                changes.dropped.append(f"{collection.name}.{name}")
            else:
                changes.stale.append(f"{collection.name}.{name}")
    return changes


def ping() -> None:
    """Raise unless MongoDB answers."""
    mongoengine.get_db(ALIAS).command("ping")
