from django.core.management.base import BaseCommand

from accounts import services


class Command(BaseCommand):
    help = (
        "Store every account's e-mail address in its canonical form (safe to run again); "
        "name the accounts whose address is a look-alike of another account's."
    )

    def handle(self, *args, verbosity: int, **options):
        result = services.canonicalise_stored_emails()
        if verbosity or result.changed:
            self.stdout.write(f"{result.changed} stored addresses made canonical.")
        for username, email in result.clashes:
            self.stdout.write(
                self.style.WARNING(f"{username}: {email} belongs to another account; left as is.")
            )
        for username in result.invalid:
            self.stdout.write(
                self.style.WARNING(f"{username}: the stored address has no valid domain.")
            )
