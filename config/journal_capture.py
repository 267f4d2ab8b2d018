"""One write barrier for the embedded run's two in-process stores, and the journal's capture of
every write at the stores' own boundary (never per feature).

The barrier is a process-wide re-entrant lock. Every write method of an in-process MongoDB
collection runs under it, and the Redis stand-in's server uses it as its own lock (so every
Redis command, a script's and a transaction's included, runs under it); a snapshot takes it to
copy both stores at one point. An operation is appended to the journal under the barrier as it
is applied, so the journal's order is the order the stores saw.

What is journalled:
- MongoDB, by after-image: each write method's call notes the documents it touched (stored,
  updated in place, deleted) and appends, for each collection, the documents as they now are and
  the ids now gone. Replaying after-images is exact whatever generated ids, upserts or
  conditional updates did, and only a document's last image matters.
- Redis, by command, as Redis's own AOF does with effect replication: each write command that
  ran, a script's own calls rather than the script, with a relative expiry followed by the
  absolute one it set, so a replay never extends a key's life. Streams (event backlogs) are
  left out, as the snapshot leaves them out.
"""

import threading
from collections.abc import Iterable

from mongomock.collection import Collection
from mongomock.database import Database
from mongomock.store import CollectionStore

from config.journal import Journal

BARRIER = threading.RLock()

MONGO_WRITES = (
    "insert_one",
    "insert_many",
    "update_one",
    "update_many",
    "replace_one",
    "delete_one",
    "delete_many",
    "find_one_and_update",
    "find_one_and_replace",
    "find_one_and_delete",
    "bulk_write",
    "drop",
)
RELATIVE_EXPIRY = frozenset({"set", "setex", "psetex", "expire", "pexpire", "getex"})

_state = threading.local()
_journal: Journal | None = None


def _context():
    """This thread's write in progress: depth, database name, touched ids per store, drops."""
    if not hasattr(_state, "depth"):
        _state.depth = 0
        _state.database = ""
        _state.touched = {}
        _state.dropped = []
    return _state


def _note(store: CollectionStore, doc_id) -> None:
    context = _context()
    if context.depth and _journal is not None:
        context.touched.setdefault(id(store), (store, set()))[1].add(doc_id)


def _journalled_write(method):
    def write(self, *args, **kwargs):
        with BARRIER:
            context = _context()
            if context.depth == 0:
                context.database = self.name if isinstance(self, Database) else self.database.name
            context.depth += 1
            try:
                return method(self, *args, **kwargs)
            finally:
                context.depth -= 1
                if context.depth == 0:
                    _flush_mongo(context)

    write.__wrapped__ = method
    return write


def _flush_mongo(context) -> None:
    touched, context.touched = context.touched, {}
    dropped, context.dropped = context.dropped, []
    if _journal is None:
        return
    for name in dropped:
        _journal.append({"m": context.database, "c": name, "drop": True})
    for store, ids in touched.values():
        documents = store._documents
        present = [documents[doc_id] for doc_id in ids if doc_id in documents]
        gone = [doc_id for doc_id in ids if doc_id not in documents]
        _journal.append({"m": context.database, "c": store.name, "put": present, "del": gone})


def _store_setitem(self, key, val):
    ORIGINALS["setitem"](self, key, val)
    _note(self, key)


def _store_delitem(self, key):
    ORIGINALS["delitem"](self, key)
    _note(self, key)


def _store_drop(self):
    ORIGINALS["drop"](self)
    context = _context()
    if context.depth and _journal is not None:
        context.touched.pop(id(self), None)
        context.dropped.append(self.name)


def _apply_update_document(self, existing_document, *args, **kwargs):
    _note(self._store, existing_document["_id"])
    return ORIGINALS["apply_update_document"](self, existing_document, *args, **kwargs)


def _apply_update_pipeline(self, existing_document, *args, **kwargs):
    _note(self._store, existing_document["_id"])
    return ORIGINALS["apply_update_pipeline"](self, existing_document, *args, **kwargs)


def _run_redis_command(self, func, sig, args, from_script):
    result = ORIGINALS["run_command"](self, func, sig, args, from_script)
    if _journal is None or isinstance(result, Exception):
        return result
    name = sig.name.lower()
    if name[0] == "x" or not _is_write_command(name.encode()):
        return result
    _journal.append({"r": self._db_num, "a": [name, *args]})
    if name in RELATIVE_EXPIRY and args:
        item = self._db._dict.get(args[0])
        if item is not None and item.expireat is not None:
            expires_ms = int(item.expireat * 1000)
            _journal.append({"r": self._db_num, "a": ["pexpireat", args[0], expires_ms]})
    return result


ORIGINALS: dict = {}


def install(*, redis_server) -> None:
    """Put every write of both in-process stores under the barrier (`redis_server`: the Redis
    stand-in's, or None when Redis is a real server), and capture them for a journal once
    record_into() names one."""
    _patch_once()
    if redis_server is not None:
        _guard(redis_server)


def _patch_once() -> None:
    global _is_write_command
    from fakeredis._socket._base import BaseFakeSocket
    from fakeredis.model._command_info import is_write_command

    if ORIGINALS:
        return
    _is_write_command = is_write_command
    ORIGINALS.update(
        setitem=CollectionStore.__setitem__,
        delitem=CollectionStore.__delitem__,
        drop=CollectionStore.drop,
        apply_update_document=Collection._apply_update_document,
        apply_update_pipeline=Collection._apply_update_pipeline,
        run_command=BaseFakeSocket._run_command,
    )
    CollectionStore.__setitem__ = _store_setitem
    CollectionStore.__delitem__ = _store_delitem
    CollectionStore.drop = _store_drop
    Collection._apply_update_document = _apply_update_document
    Collection._apply_update_pipeline = _apply_update_pipeline
    for name in MONGO_WRITES:
        setattr(Collection, name, _journalled_write(getattr(Collection, name)))
    Database.drop_collection = _journalled_write(Database.drop_collection)
    BaseFakeSocket._run_command = _run_redis_command


def _guard(redis_server) -> None:
    from fakeredis._core._database import Database as RedisDatabase

    # The stand-in's commands, blocking ones' waits included, run under the barrier.
    redis_server.lock = BARRIER
    for database in redis_server.dbs.values():
        database.condition = threading.Condition(BARRIER)
    redis_server.dbs.default_factory = lambda: RedisDatabase(BARRIER)


def _is_write_command(name: bytes) -> bool:
    raise RuntimeError("install() first")


def record_into(journal: Journal | None) -> None:
    """Journal every write from now on into `journal` (None: stop journalling)."""
    global _journal
    with BARRIER:
        _journal = journal


def replay(operations: Iterable[dict], *, mongo_db, redis_client_for) -> int:
    """Apply journalled operations (not journalling them again): Redis commands in order, and
    each MongoDB document's last image. Returns how many operations were applied."""
    images: dict[tuple[str, str], dict] = {}
    pipes: dict[int, object] = {}
    applied = 0
    for op in operations:
        applied += 1
        if "r" in op:
            pipe = pipes.get(op["r"])
            if pipe is None:
                pipe = pipes[op["r"]] = redis_client_for(op["r"]).pipeline(transaction=False)
            name, *args = op["a"]
            pipe.execute_command(*name.split(" "), *args)
            if len(pipe) >= 1000:
                pipe.execute(raise_on_error=False)
            continue
        collection = images.setdefault((op["m"], op["c"]), {})
        if op.get("drop"):
            collection.clear()
            mongo_db.client[op["m"]].drop_collection(op["c"])
            continue
        for document in op["put"]:
            collection[document["_id"]] = document
        for doc_id in op["del"]:
            collection[doc_id] = None
    for pipe in pipes.values():
        pipe.execute(raise_on_error=False)
    for (database, name), documents in images.items():
        target = mongo_db.client[database][name]
        if documents:
            target.delete_many({"_id": {"$in": list(documents)}})
        present = [document for document in documents.values() if document is not None]
        if present:
            target.insert_many(present)
    return applied
