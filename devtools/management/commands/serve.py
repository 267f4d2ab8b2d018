"""Start the whole platform in one process: web server, Celery worker and beat, in-memory stores."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from config import embedded
from config.mongo import ensure_indexes, is_in_memory
from videos.media_tools import missing_tools


class Command(BaseCommand):
    help = "Run the embedded platform: API, worker and scheduler in this process."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--seed", action="store_true", help="Fill the stores with demo data.")

    def handle(self, *args, addrport: str, seed: bool, **options):
        missing = missing_tools()
        if missing:
            raise CommandError(
                f"{' and '.join(missing)} not found: install them first "
                "(Debian/Ubuntu: sudo apt-get install -y ffmpeg) and run again."
            )
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        self._keep_secret_key()
        # Static files come from the apps (WHITENOISE_USE_FINDERS); WhiteNoise still expects this.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        ensure_indexes()
        self._announce_stores()
        self._announce_origins()
        self._ensure_admin()
        for queue in embedded.QUEUES:
            embedded.start_worker(queue)
        embedded.start_beat()
        self.stdout.write(
            f"Celery: a worker per queue ({', '.join(embedded.QUEUES)}) and beat, in this process."
        )
        if seed:
            call_command("seed_demo")
        base = f"http://{addrport}"
        self.stdout.write(
            f"\nStreamSphere is starting on {base}\n"
            f"  API docs (Swagger UI): {base}/api/docs/\n"
            f"  ReDoc:                 {base}/api/redoc/\n"
            f"  Admin console:         {base}/admin/\n"
            f"  Health:                {base}/healthz  {base}/readyz\n"
        )
        call_command("runserver", addrport, use_reloader=False, use_threading=True)

    def _announce_stores(self) -> None:
        if is_in_memory():
            self.stdout.write(
                self.style.WARNING(
                    "MongoDB: in-memory (mongomock) - platform data lives in this process "
                    "and is gone when it stops. Set MONGODB_URI to keep it."
                )
            )
        if not settings.REDIS_URL:
            self.stdout.write(
                self.style.WARNING(
                    "Redis: in-process stand-in (fakeredis). Set REDIS_URL for real."
                )
            )

    def _keep_secret_key(self) -> None:
        """Write this run's generated key under var/ (owner-only) so the next start reuses it."""
        path = Path(settings.SECRET_KEY_FILE)
        if path.exists() or os.environ.get("DJANGO_SECRET_KEY"):
            return
        partial = path.with_suffix(".tmp")
        partial.write_text(settings.SECRET_KEY)
        partial.chmod(0o600)
        partial.replace(path)
        self.stdout.write(f"Secret key: generated and kept in {path} (not committed).")

    def _announce_origins(self) -> None:
        origins = ", ".join(settings.CORS_ALLOWED_ORIGINS) or "none"
        self.stdout.write(
            f"CORS: browser front ends allowed to call the API (with cookies): {origins}. "
            "Set CORS_ALLOWED_ORIGINS to change."
        )

    def _ensure_admin(self) -> None:
        staff = get_user_model()
        if staff.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        staff.objects.create_superuser("admin", "admin@streamsphere.local", password)
        self.stdout.write(f"Admin console login: admin / {password} (created now)")
