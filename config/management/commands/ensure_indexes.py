from django.core.management.base import BaseCommand

from config.mongo import document_classes, ensure_indexes


class Command(BaseCommand):
    help = "Create every index the MongoEngine documents declare."

    def handle(self, *args, **options):
        ensure_indexes()
        self.stdout.write(f"Indexes ensured for {len(document_classes())} collections.")
