from django.core.management.base import BaseCommand, CommandError

from accounts import selectors, services
from common.errors import Conflict


class Command(BaseCommand):
    help = "Suspend an account (or reinstate it with --reinstate): sign-in and content follow."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reinstate", action="store_true")

    def handle(self, *args, username: str, reinstate: bool, **options):
        user = selectors.user_by_login(login=username)
        if user is None:
            raise CommandError(f"No user {username!r}.")
        try:
            services.set_user_active(user=user, active=reinstate)
        except Conflict as exc:
            raise CommandError(exc.message) from exc
        state = "reinstated" if reinstate else "suspended"
        self.stdout.write(f"{user.username} {state}.")
