"""Part of bench/embedded_writes.py: start the embedded stores as `manage.py serve` does (restore,
replay, journal on), make N writes (half MongoDB inserts, half Redis increments), wait until the
journal holds them, and die without a snapshot, as a killed server would.

    VAR_DIR=... .venv/bin/python bench/fill_journal.py N
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main() -> None:
    import django

    django.setup()
    import mongoengine

    from common.redis import get_redis
    from devtools.management.commands.serve import Command

    writes = int(sys.argv[1])
    snapshotter = Command()._restore_stores(fresh=False)
    journal = snapshotter.journal
    notes = mongoengine.get_db()["bench_notes"]
    redis = get_redis()
    for number in range(writes // 2):
        notes.insert_one({"n": number, "text": f"note {number} " * 8})
        redis.hincrby("bench:hits", str(number % 1000), 1)
    journal.wait_durable(journal.last_seq)
    print(f"journalled {journal.last_seq} writes", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
