"""Redis keys found by the ids they name, for state that must go when what it names goes."""

from collections.abc import Iterable

from common.redis import get_redis

SCAN_COUNT = 1000
DELETE_BATCH = 500


def segments(key: str) -> set[str]:
    """The parts of a key between colons, hash-tag braces taken off (`a:{id}:b` names id)."""
    return {part.strip("{}") for part in key.split(":")}


def delete_keys_naming(*, ids: Iterable, keep: Iterable[str] = ()) -> int:
    """Delete every key one of whose segments is one of these ids (ObjectIds or their strings),
    but those in `keep`: one pass over the keyspace however many ids, so a key a later release
    adds goes too as long as it names what it is about. Returns how many went."""
    wanted = {str(ident) for ident in ids}
    kept = set(keep)
    if not wanted:
        return 0
    redis = get_redis()
    doomed = [
        key
        for key in redis.scan_iter(count=SCAN_COUNT)
        if key not in kept and segments(key) & wanted
    ]
    deleted = 0
    for start in range(0, len(doomed), DELETE_BATCH):
        pipe = redis.pipeline(transaction=False)
        for key in doomed[start : start + DELETE_BATCH]:
            pipe.delete(key)
        deleted += sum(pipe.execute())
    return deleted
