"""Which items the same viewers finished watching, or liked: per item a capped sorted set of its
top neighbours in Redis, fed by the view/watch and like flushes, never by scanning events when
someone reads them.

Writers note an event (a signed-in viewer finished an item, or liked it) in a pending hash. A
flush renames it into a batch, plans the batch once (each viewer's new items pair with the items
that viewer finished or liked lately, kept per viewer in a short sorted set) and stores the plan,
then applies it: the viewers' sets, and per item one script that adds the batch's amounts unless
the item's ledger already lists the batch. So a re-run or a crash never pairs anything twice.

Scores decay by forward weighting: a pair made at time t adds 2^(half-lives from the start of
its era to t), and a reader divides by the same for now, so a score is the number of viewers who
made the pair, each counted at 1 when fresh and halving every RELATED_HALF_LIFE_DAYS. Newer pairs
outweigh older ones, so pruning each set to its top NEIGHBOURS_KEPT keeps what is current; a set
nobody touches for four half-lives expires. An era lasts ERA_HALF_LIVES half-lives and keeps its
own sets, so weights stay below 2^64 however long the platform runs; readers add the previous
era's, scaled the same way. Every key of an item (or viewer) shares one hash tag, so each script
touches one Redis Cluster slot.
"""

import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from bson import ObjectId
from django.conf import settings

from common.redis import get_redis, queue_script

# Neighbours kept per item and signal, best first.
NEIGHBOURS_KEPT = 100
# Items a viewer's new one pairs with: the latest this many within VIEWER_DAYS.
VIEWER_RECENT = 50
VIEWER_DAYS = 30
# Batches each item remembers having applied: a crashed batch is re-run before any later one.
LEDGER_KEPT = 20
# A pair shows once its score reaches this: each viewer adds at most 1, so at least two viewers
# made it, and no one viewer's watching or liking can be read off an item's page.
MIN_SCORE = 1.5
# Eras of weights start at EPOCH and last this many half-lives each.
EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z
ERA_HALF_LIVES = 64
PLAN_SECONDS = 24 * 3600
# Given each viewer's items (ids as strings), those still true of them (still liked).
Still = Callable[[dict[str, set[str]]], dict[str, set[str]]]


@dataclass(frozen=True)
class Signal:
    """One kind of co-occurrence: its name (a result's reason) and what a viewer's set holds."""

    name: str
    viewer_set: str

    @property
    def pending_key(self) -> str:
        return f"related:{{{self.name}}}:pending"

    @property
    def inflight_key(self) -> str:
        return f"related:{{{self.name}}}:inflight"

    def batch_key(self, batch_id: str) -> str:
        return f"related:{{{self.name}}}:batch:{batch_id}"

    def plan_key(self, batch_id: str) -> str:
        return f"related:{{{self.name}}}:plan:{batch_id}"

    def viewer_key(self, viewer_id) -> str:
        return f"related:{{viewer:{viewer_id}}}:{self.viewer_set}"

    def item_key(self, item_id, era: int) -> str:
        return f"related:{{{item_id}}}:{self.name}:{era}"


CO_WATCH = Signal(name="co_watch", viewer_set="finished")
CO_LIKE = Signal(name="co_like", viewer_set="liked")
SIGNALS = (CO_WATCH, CO_LIKE)


def _ledger_key(item_id) -> str:
    return f"related:{{{item_id}}}:applied"


def _half_life_seconds() -> float:
    return settings.RELATED_HALF_LIFE_DAYS * 24 * 3600.0


def _lifetime() -> int:
    """How long an item's neighbours outlive their last change: four half-lives."""
    return int(4 * _half_life_seconds())


def wall_clock() -> float:
    """Seconds since the epoch: the one clock pairs are made and read by."""
    return time.time()


def era_of(at: float) -> int:
    return int((at - EPOCH) // (ERA_HALF_LIVES * _half_life_seconds()))


def weight(at: float, *, era: int) -> float:
    """What a pair made at `at` adds to a score kept in `era`'s sets; a score divided by the
    weight of now is its worth now."""
    return 2.0 ** ((at - EPOCH) / _half_life_seconds() - era * ERA_HALF_LIVES)


# KEYS: an item's neighbours of one signal and era, its ledger; ARGV: the batch id and era,
# neighbours kept, the keys' lifetime, now, then neighbour and amount pairs. Adds the amounts
# unless the ledger lists the batch, keeps the best neighbours, and lists the batch.
_ADD_NEIGHBOURS = f"""
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
for i = 5, #ARGV, 2 do redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i]) end
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if over > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, over - 1) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -{LEDGER_KEPT + 1})
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
"""


def note(*, signal: Signal, viewer_id, item_id, at: float | None = None, pipe=None) -> None:
    """Record that a viewer finished (or liked) an item; the next flush pairs it. Inside `pipe`
    when given, so it lands with the writer's own marks."""
    client = pipe if pipe is not None else get_redis()
    client.hset(signal.pending_key, f"{viewer_id}:{item_id}", wall_clock() if at is None else at)


# KEYS: the signal's pending hash, the new batch's, its in-flight set; ARGV: the batch id, the
# time. Moves what is pending into the new batch, if anything is.
_CUT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 1
"""


def flush(*, signal: Signal, still: Still | None = None) -> int:
    """Pair the events noted since the last flush with what each viewer did before; safe to run
    twice or after a crash. `still` tells which of each viewer's items are still true (liked):
    a like withdrawn before the flush pairs nothing, nor pairs with anything later. Returns how
    many item-neighbour amounts were applied."""
    redis = get_redis()
    batch_id = uuid.uuid4().hex
    keys = [signal.pending_key, signal.batch_key(batch_id), signal.inflight_key]
    redis.eval(_CUT, len(keys), *keys, batch_id, wall_clock())
    applied = 0
    for batch_id in redis.zrange(signal.inflight_key, 0, -1):
        plan = _plan(signal=signal, batch_id=batch_id, still=still)
        _apply(signal=signal, batch_id=batch_id, plan=plan)
        applied += sum(len(neighbours) for neighbours in plan["items"].values())
        pipe = redis.pipeline(transaction=True)
        pipe.delete(signal.batch_key(batch_id), signal.plan_key(batch_id))
        pipe.zrem(signal.inflight_key, batch_id)
        pipe.execute()
    return applied


def _events(raw: dict[str, str]) -> dict[str, list[tuple[float, str]]]:
    """A batch's events per viewer, each (when, item), oldest first."""
    by_viewer: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for field, at in raw.items():
        viewer_id, _, item_id = field.partition(":")
        if ObjectId.is_valid(viewer_id) and ObjectId.is_valid(item_id):
            by_viewer[viewer_id].append((float(at), item_id))
    return {viewer_id: sorted(events) for viewer_id, events in by_viewer.items()}


def _plan(*, signal: Signal, batch_id: str, still: Still | None) -> dict:
    """The batch's changes, computed once and stored before any is applied, so a re-run applies
    exactly what the first run meant to.

    A viewer's item pairs with every item in their set it is not in yet; one already there
    (finished or liked again, even after a withdrawn like) pairs with nothing, so one viewer
    adds to a pair once while both stay in their set."""
    redis = get_redis()
    stored = redis.get(signal.plan_key(batch_id))
    if stored is not None:
        return json.loads(stored)
    events = _events(redis.hgetall(signal.batch_key(batch_id)))
    viewers = sorted(events)
    since = wall_clock() - VIEWER_DAYS * 24 * 3600
    pipe = redis.pipeline(transaction=False)
    for viewer_id in viewers:
        pipe.zrangebyscore(signal.viewer_key(viewer_id), since, "+inf", withscores=True)
    befores = {
        viewer_id: dict(rows) for viewer_id, rows in zip(viewers, pipe.execute(), strict=True)
    }
    true = None
    if still is not None and viewers:
        true = still(
            {
                viewer_id: set(befores[viewer_id]) | {item_id for _, item_id in events[viewer_id]}
                for viewer_id in viewers
            }
        )
    # "item:era" -> neighbour -> amount
    items: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    known_by_viewer = {}
    for viewer_id in viewers:
        known = befores[viewer_id]
        holds = true.get(viewer_id, set()) if true is not None else None
        for at, item_id in events[viewer_id]:
            if holds is not None and item_id not in holds:
                continue
            if item_id in known:
                known[item_id] = max(known[item_id], at)
                continue
            era = era_of(at)
            amount = weight(at, era=era)
            for other in known:
                if holds is None or other in holds:
                    items[f"{item_id}:{era}"][other] += amount
                    items[f"{other}:{era}"][item_id] += amount
            known[item_id] = at
            if len(known) > VIEWER_RECENT:
                del known[min(known, key=known.get)]
        known_by_viewer[viewer_id] = known
    plan = {"viewers": known_by_viewer, "items": items}
    redis.set(signal.plan_key(batch_id), json.dumps(plan), nx=True, ex=PLAN_SECONDS)
    return json.loads(redis.get(signal.plan_key(batch_id)))


def _apply(*, signal: Signal, batch_id: str, plan: dict) -> None:
    now = wall_clock()
    pipe = get_redis().pipeline(transaction=False)
    for viewer_id, known in plan["viewers"].items():
        key = signal.viewer_key(viewer_id)
        pipe.zadd(key, known)
        pipe.zremrangebyscore(key, "-inf", now - VIEWER_DAYS * 24 * 3600)
        pipe.zremrangebyrank(key, 0, -VIEWER_RECENT - 1)
        pipe.expire(key, VIEWER_DAYS * 24 * 3600)
    for item_era, neighbours in plan["items"].items():
        item_id, era = item_era.split(":")
        amounts = [value for pair in neighbours.items() for value in pair]
        queue_script(
            pipe,
            _ADD_NEIGHBOURS,
            keys=[signal.item_key(item_id, int(era)), _ledger_key(item_id)],
            args=[f"{batch_id}:{era}", NEIGHBOURS_KEPT, _lifetime(), now, *amounts],
        )
    pipe.execute()


def neighbours(*, item_id: ObjectId, limit: int) -> dict[str, dict[ObjectId, float]]:
    """Per signal, the item's best neighbours (at most `limit`) whose score now reaches
    MIN_SCORE, best first: one Redis round-trip for this era's sets and the last one's."""
    now = wall_clock()
    era = era_of(now)
    pipe = get_redis().pipeline(transaction=False)
    for signal in SIGNALS:
        for each in (era, era - 1):
            pipe.zrevrange(signal.item_key(item_id, each), 0, limit - 1, withscores=True)
    rows = iter(pipe.execute())
    found = {}
    for signal in SIGNALS:
        totals: dict[str, float] = defaultdict(float)
        for each in (era, era - 1):
            scale = weight(now, era=each)
            for member, raw in next(rows):
                totals[member] += raw / scale
        best = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
        found[signal.name] = {
            ObjectId(member): score
            for member, score in best
            if score >= MIN_SCORE and ObjectId.is_valid(member)
        }
    return found


def forget_viewer(*, signal: Signal, viewer_id: ObjectId, item_id: ObjectId | None = None) -> None:
    """Stop pairing a viewer's later items with what they finished (or liked) so far, or with
    `item_id` alone when given, and drop their events of it still waiting to be paired. Scores
    already made stay, as nobody's."""
    redis = get_redis()
    match = f"{viewer_id}:{item_id if item_id is not None else '*'}"
    waiting = [signal.pending_key, *map(signal.batch_key, redis.zrange(signal.inflight_key, 0, -1))]
    pipe = redis.pipeline(transaction=False)
    for events in waiting:
        fields = [field for field, _ in redis.hscan_iter(events, match=match, count=1000)]
        if fields:
            pipe.hdel(events, *fields)
    key = signal.viewer_key(viewer_id)
    if item_id is None:
        pipe.delete(key)
    else:
        pipe.zrem(key, str(item_id))
    pipe.execute()


def forget_in_viewer_sets(*, item_ids: list[ObjectId]) -> None:
    """Take items out of every viewer's finished and liked sets, for a purge that must leave no
    key naming them (a deleted item there pairs with nothing later, and its set expires): one
    pass over the viewers' keys, so not for an everyday deletion."""
    members = [str(item_id) for item_id in item_ids]
    if not members:
        return
    redis = get_redis()
    pipe = redis.pipeline(transaction=False)
    for key in redis.scan_iter(match="related:{viewer:*", count=1000):
        pipe.zrem(key, *members)
    pipe.execute()


def forget_item(*, item_id: ObjectId) -> None:
    """A deleted item's neighbours go, and it leaves the sets of the neighbours it lists (pairs
    are added both ways; a set that pruned it from its own list never shows it, as readers show
    listed items only, and fades with that set). Two round-trips."""
    redis = get_redis()
    era = era_of(wall_clock())
    sets = [(signal, each) for signal in SIGNALS for each in (era, era - 1)]
    read = redis.pipeline(transaction=False)
    for signal, each in sets:
        read.zrange(signal.item_key(item_id, each), 0, -1)
    write = redis.pipeline(transaction=False)
    for (signal, each), members in zip(sets, read.execute(), strict=True):
        for member in members:
            write.zrem(signal.item_key(member, each), str(item_id))
    for key in [*(signal.item_key(item_id, each) for signal, each in sets), _ledger_key(item_id)]:
        write.delete(key)
    write.execute()
