from django.core.management.base import BaseCommand

from common.upgrades import run_upgrades
from config.mongo import document_classes, sync_indexes


class Command(BaseCommand):
    help = (
        "Create the indexes the MongoEngine documents declare and do not have yet, apply a "
        "changed TTL in place, report the indexes no document declares any more (drop them with "
        "--drop-stale), then run the document upgrades this database has not had yet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--drop-stale",
            action="store_true",
            help="drop the indexes no document declares any more (and rebuild changed ones)",
        )

    def handle(self, *args, drop_stale: bool = False, **options):
        changes = sync_indexes(drop_stale=drop_stale)
        for name in changes.created:
            self.stdout.write(f"Created index {name}.")
        for name in changes.ttl_changed:
            self.stdout.write(f"Applied the declared TTL to index {name}.")
        for name in changes.dropped:
            self.stdout.write(f"Dropped index {name}.")
        for name in changes.stale:
            self.stdout.write(
                f"Index {name} is no longer declared (or changed): --drop-stale drops it."
            )
        self.stdout.write(f"Indexes ensured for {len(document_classes())} collections.")
        for name, changed in run_upgrades().items():
            self.stdout.write(f"Upgrade {name}: {changed} documents.")
