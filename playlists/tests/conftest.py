import sys
import threading

import mongoengine
import mongomock
import pytest


@pytest.fixture
def atomic_updates(monkeypatch):
    """Make each update and each read of the in-memory store atomic, as MongoDB's are for one
    document.

    mongomock matches a document and then modifies it in place, field by field, and copies
    documents out for a read while that may be going on, so a thread can see half an update or
    two threads can both match the same revision; a real server lets neither happen. Against a
    real server (MONGODB_URI) this changes nothing."""
    if not isinstance(mongoengine.get_db().client, mongomock.MongoClient):
        return
    lock = threading.RLock()
    for owner, name in (
        (mongomock.collection.Collection, "_update"),
        (mongomock.collection.Cursor, "_compute_results"),
    ):
        original = getattr(owner, name)

        def atomic(self, *args, _original=original, **kwargs):
            with lock:
                return _original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, atomic)


@pytest.fixture
def busy_threads():
    """Let threads take turns every microsecond, so racing requests really interleave."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)
