from django.core.management.base import BaseCommand

from common.upgrades import run_upgrades
from config.mongo import document_classes, ensure_indexes


class Command(BaseCommand):
    help = (
        "Create every index the MongoEngine documents declare, then run the document upgrades "
        "this database has not had yet."
    )

    def handle(self, *args, **options):
        ensure_indexes()
        self.stdout.write(f"Indexes ensured for {len(document_classes())} collections.")
        for name, changed in run_upgrades().items():
            self.stdout.write(f"Upgrade {name}: {changed} documents.")
