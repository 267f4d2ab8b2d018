"""Turns: the changes of one record (a user's like of a target, a subscription) are made and
counted one at a time, so figures move in the order the records changed.

A turn, the marks it sets and the counts it adds are keys of one group of counters (one hash
slot): the tallies a record touches and the counters its changes count share that group."""

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from bson import ObjectId
from django.conf import settings

from common import live
from common.counters import BufferedCounter, Tally, group_of, group_prefix, now_ms
from common.errors import Conflict
from common.redis import get_redis

# A record's turn ends by itself after this long if its holder died.
TURN_SECONDS = 5.0

# KEYS: the record's turn, then per document its touched mark and its tally's changed set;
# ARGV: the token, the turn's and the marks' lifetimes, the time, then the documents' ids. Marks
# the documents as changing (as Tally.touch does), then takes the turn if it is free.
_BEGIN_TURN = """
for i = 1, (#KEYS - 1) / 2 do
  redis.call('SET', KEYS[2 * i], 1, 'EX', ARGV[3])
  redis.call('ZADD', KEYS[2 * i + 1], ARGV[4], ARGV[4 + i])
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
"""
# KEYS: the record's turn, then a pending hash per count; ARGV: the token, then per count a
# document id and an amount. Counts the change, then hands the turn on if it is still ours.
_END_TURN = """
for i = 2, #KEYS do redis.call('HINCRBY', KEYS[i], ARGV[2 * i - 2], ARGV[2 * i - 1]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""


class Change:
    """The counts one change of a record makes, added to Redis as its turn ends."""

    def __init__(self, *, group: str):
        self.group = group
        self.counts: list[tuple[BufferedCounter, str, int]] = []

    def count(self, counter: BufferedCounter, *, doc_id: ObjectId, amount: int = 1) -> None:
        """Add `amount` to the counter for this document when the turn ends."""
        if counter.group != self.group:
            # Its pending hash would lie in another slot than the turn's.
            raise ValueError(f"A turn in group {self.group} cannot count {counter.name}")
        self.counts.append((counter, str(doc_id), amount))


@contextmanager
def in_turn(*, record: str, touching: list[tuple[Tally, ObjectId]]) -> Iterator[Change]:
    """Change one record (a user's like of a target, a subscription) in its turn, counting the
    change before the turn ends: changes of one record then count in the order they were made,
    so a figure never shows a state the records never had (an unlike counted before the like it
    undoes). Marks the documents as changing for reconcile, in the same round-trip."""
    redis = get_redis()
    token = uuid.uuid4().hex
    group = group_of(counter for tally, _ in touching for counter in tally.counters)
    turn = f"{group_prefix(group)}turn:{record}"
    marks = [
        key for tally, doc_id in touching for key in (tally.touched_key(doc_id), tally.changed_key)
    ]
    ids = [str(doc_id) for _, doc_id in touching]
    lifetimes = [int(TURN_SECONDS * 1000), settings.RECONCILE_QUIET_SECONDS]
    deadline = time.monotonic() + 2 * TURN_SECONDS
    pause = 0.002
    while not redis.eval(
        _BEGIN_TURN, 1 + len(marks), turn, *marks, token, *lifetimes, now_ms(), *ids
    ):
        if time.monotonic() > deadline:
            raise Conflict("This changes too often at once; try again.", code="concurrent_edit")
        time.sleep(pause)
        pause = min(2 * pause, 0.05)
    change = Change(group=group)
    try:
        yield change
    finally:
        keys = [counter.pending_key for counter, _, _ in change.counts]
        amounts = [value for _, doc_id, amount in change.counts for value in (doc_id, amount)]
        redis.eval(_END_TURN, 1 + len(keys), turn, *keys, token, *amounts)
        live.counters_changed(doc_id for counter, doc_id, _ in change.counts if counter.announce)
