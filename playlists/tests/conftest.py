"""Fixtures for racing requests against one store.

mongomock carries out a write in several Python steps (match, modify in place, insert then check
unique indexes then roll back) and copies documents out for reads while those steps run, so
threads can see half an update, a document about to be rolled back, or both lose an insert. A
real server makes each single-document write and read atomic; these fixtures give the in-memory
store the same guarantee, and change nothing against a real server (MONGODB_URI).
"""

import sys
import threading

import mongoengine
import mongomock
import pytest

READS = (mongomock.collection.Cursor, "_compute_results")
INSERTS = (mongomock.collection.Collection, "_insert")
UPDATES = (mongomock.collection.Collection, "_update")


def _one_at_a_time(monkeypatch, *targets) -> None:
    if not isinstance(mongoengine.get_db().client, mongomock.MongoClient):
        return
    lock = threading.RLock()
    for owner, name in targets:
        original = getattr(owner, name)

        def serialized(self, *args, _original=original, **kwargs):
            with lock:
                return _original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, serialized)


@pytest.fixture
def atomic_updates(monkeypatch):
    """Each update, insert and read of one document is atomic, as on a real server."""
    _one_at_a_time(monkeypatch, UPDATES, INSERTS, READS)


@pytest.fixture
def atomic_inserts(monkeypatch):
    """Inserts (with their unique-index check) and reads are atomic, as on a real server, while
    an upsert's match and insert stay two steps, so two first uses can both try to insert."""
    _one_at_a_time(monkeypatch, INSERTS, READS)


@pytest.fixture
def busy_threads():
    """Let threads take turns every microsecond, so racing requests really interleave."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)
