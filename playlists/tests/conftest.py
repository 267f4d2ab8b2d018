import threading

import mongoengine
import mongomock
import pytest


@pytest.fixture
def atomic_updates(monkeypatch):
    """Make each single-document update of the in-memory store atomic, as MongoDB's are.

    mongomock matches a document and then modifies it in place in separate steps, so two threads
    can both match the same revision; a real server never lets that happen. Against a real
    server (MONGODB_URI) this changes nothing."""
    if not isinstance(mongoengine.get_db().client, mongomock.MongoClient):
        return
    lock = threading.RLock()
    original = mongomock.collection.Collection._update

    def atomic(self, *args, **kwargs):
        with lock:
            return original(self, *args, **kwargs)

    monkeypatch.setattr(mongomock.collection.Collection, "_update", atomic)
