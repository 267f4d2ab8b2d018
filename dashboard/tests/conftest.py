"""Fixtures of the dashboard tests."""

import time

import pytest

from dashboard.tests.helpers import Clock


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The wall clock heartbeats are checked against, moved by hand."""
    clock = Clock(time.time())
    monkeypatch.setattr("videos.watch.wall_clock", clock)
    return clock
