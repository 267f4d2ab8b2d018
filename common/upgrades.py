"""Upgrades of stored documents that a release brings (a derived field to fill in on documents
written before it existed). Each runs once per database, before the release serves: from
`manage.py ensure_indexes` (the stack's web start) and the embedded run's start. Each is
idempotent and works in batches, so an upgrade cut short is simply run again."""

from collections.abc import Callable, Iterator

import mongoengine
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

DONE_COLLECTION = "document_upgrades"
BATCH = 500

_declared: dict[str, Callable[[], int]] = {}


def upgrade(name: str) -> Callable:
    """Declare an upgrade in an app's `upgrades` module; `name` stays its identity for good."""

    def declare(function: Callable[[], int]) -> Callable[[], int]:
        _declared[name] = function
        return function

    return declare


def run_upgrades() -> dict[str, int]:
    """Run the declared upgrades this database has not had yet; documents changed by each."""
    autodiscover_modules("upgrades")
    done_list = mongoengine.get_db()[DONE_COLLECTION]
    done = {row["_id"] for row in done_list.find({}, {"_id": 1})}
    changed = {}
    for name, function in _declared.items():
        if name in done:
            continue
        changed[name] = function()
        done_list.update_one(
            {"_id": name},
            {"$set": {"done_at": timezone.now(), "changed": changed[name]}},
            upsert=True,
        )
    return changed


def batches(collection, query: dict) -> Iterator[list[dict]]:
    """The documents matching `query`, BATCH at a time in id order (resumable, index-backed)."""
    last = None
    while True:
        page = query if last is None else {**query, "_id": {"$gt": last}}
        rows = list(collection.find(page).sort("_id", 1).limit(BATCH))
        if not rows:
            return
        yield rows
        last = rows[-1]["_id"]
