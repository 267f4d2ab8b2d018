"""Hot-read cache: JSON entries valid only while the stamps they were built under are current.

Every write that changes what an entry shows replaces a stamp (a random token per scope and id,
e.g. ("video", id)); a reader takes the stamps before reading the documents it caches, so an entry
built from data older than a write never carries that write's stamp. A lost stamp (Redis
restarted, key evicted) is replaced by a new random one, so it can never match an old entry.
"""

import json
import uuid
from collections.abc import Iterable

from django.conf import settings

from common.counters import (
    READ_COUNTERS_LUA,
    BufferedCounter,
    counter_reads,
    counter_script_args,
)
from common.redis import get_redis

Scope = tuple[str, object]


def _stamp_key(scope: Scope) -> str:
    kind, ident = scope
    return f"cache:stamp:{kind}:{ident}"


def bump(*scopes: Scope) -> None:
    """Mark what these scopes show as changed: entries built before now stop being served."""
    if not scopes:
        return
    pipe = get_redis().pipeline(transaction=False)
    for scope in scopes:
        pipe.set(_stamp_key(scope), uuid.uuid4().hex)
    pipe.execute()


def bump_many(kind: str, idents: Iterable) -> None:
    """bump() for many ids of one kind."""
    bump(*((kind, ident) for ident in idents))


def stamps(*scopes: Scope) -> list[str]:
    """The current stamps, created when missing; take them before reading what gets cached."""
    pipe = get_redis().pipeline(transaction=False)
    for scope in scopes:
        pipe.set(_stamp_key(scope), uuid.uuid4().hex, nx=True)
    for scope in scopes:
        pipe.get(_stamp_key(scope))
    return pipe.execute()[len(scopes) :]


# A Lua function: the entry's value when every stamp it depends on is still the one it was built
# under, else false; one round-trip whatever the entry depends on.
_LOAD_ENTRY = """
local function load_entry(key)
  local entry = redis.call('HMGET', key, 'value', 'deps', 'stamps')
  if not entry[1] then return false end
  local stamps = {}
  for stamp in string.gmatch(entry[3], '%S+') do table.insert(stamps, stamp) end
  local i = 1
  for dep in string.gmatch(entry[2], '%S+') do
    if redis.call('GET', dep) ~= stamps[i] then return false end
    i = i + 1
  end
  return entry[1]
end
"""
_LOAD = _LOAD_ENTRY + "return load_entry(KEYS[1])"
# The entry and, when it is current, the figures of counters (ARGV as counter_script_args).
_LOAD_WITH_FIGURES = (
    _LOAD_ENTRY
    + READ_COUNTERS_LUA
    + """
local value = load_entry(KEYS[1])
if not value then return false end
return {value, read_counters(cjson.decode(ARGV[1]), {select(2, unpack(ARGV))})}
"""
)


def load(key: str) -> dict | None:
    """The value stored under key, if none of the scopes it was stored with changed since."""
    raw = get_redis().eval(_LOAD, 1, key)
    return json.loads(raw) if raw else None


def load_with_figures(
    key: str, *, counters: list[BufferedCounter], ids: list[str]
) -> tuple[dict, dict[str, tuple]] | None:
    """load(), plus the counters' reads for ids (see common.counters.prefetched) in the same
    round-trip when the entry is current."""
    args = counter_script_args(counters, ids)
    answer = get_redis().eval(_LOAD_WITH_FIGURES, 1, key, *args)
    if not answer:
        return None
    raw, figures = answer
    return json.loads(raw), counter_reads(counters, figures)


def store(key: str, value: dict, *, scopes: list[Scope], taken: list[str]) -> None:
    """Keep value under key with the stamps of its scopes taken before its documents were read."""
    if settings.HOT_READ_CACHE_SECONDS <= 0:
        return
    pipe = get_redis().pipeline(transaction=True)
    pipe.delete(key)
    pipe.hset(
        key,
        mapping={
            "value": json.dumps(value),
            "deps": " ".join(_stamp_key(scope) for scope in scopes),
            "stamps": " ".join(taken),
        },
    )
    pipe.expire(key, settings.HOT_READ_CACHE_SECONDS)
    pipe.execute()
