"""Start the whole platform in one process: uvicorn, Celery worker and beat, in-memory stores.

The in-memory stores are restored from var/store.snapshot at start and saved back to it on a
timer and when the server stops. Every write to them is journalled (config.journal) and on disk
before its answer goes out; a start replays the writes made after the last snapshot, re-sends
the background tasks left unfinished, and recounts the counters from their records. A stop
(Ctrl-C or SIGTERM) goes in one order: uvicorn stops taking connections, ends the event
streams, finishes the requests in flight and returns; only then are the stores saved, so nothing
is answered after the last snapshot and every answered write is in it. `--fresh` starts an
empty platform. var/ and all it holds are the owner's only: it holds the secret key, staff
sessions and, in the snapshot, every password hash.
"""

import os
import secrets
import shutil
import signal
import stat
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from common.redis import in_process_server
from config import asgi_server, embedded, journal_capture, journal_tasks, snapshot
from config.celery_app import app as celery_app
from config.journal import Journal
from config.mongo import is_in_memory
from devtools.store_repair import repair_counters
from videos.media_tools import missing_tools


def _private_var_dir(var_dir: Path) -> None:
    """Make var/ and what an earlier run left there owner-only, and keep what this process
    writes so (the SQLite database and its journals, the snapshot, media, work files)."""
    os.umask(0o077)
    var_dir.mkdir(parents=True, exist_ok=True)
    for folder, _, files in os.walk(var_dir):
        for path in (Path(folder), *(Path(folder) / name for name in files)):
            mode = path.lstat().st_mode
            if not stat.S_ISLNK(mode) and mode & 0o077:
                path.chmod(mode & 0o700)


def _sqlite_companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps beside a database in WAL mode."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _host_and_port(addrport: str) -> tuple[str, int]:
    """Where to listen: "127.0.0.1:8000", "0.0.0.0:8000", "[::1]:8000", or a port (loopback)."""
    host, _, port = addrport.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"{addrport!r} is not an address and port (e.g. 127.0.0.1:8000).")
    return host.strip("[]") or "127.0.0.1", int(port)


def _stopped(signum, frame) -> None:
    """uvicorn handles SIGINT and SIGTERM while it serves and raises the one that stopped it
    again once it has; by then stopping is done, and the stores are saved next."""


class Command(BaseCommand):
    help = "Run the embedded platform: API, worker and scheduler in this process."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--seed", action="store_true", help="Fill the stores with demo data.")
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Start an empty platform: forget the saved stores and the media files.",
        )

    def handle(self, *args, addrport: str, seed: bool, fresh: bool, **options):
        missing = missing_tools()
        if missing:
            raise CommandError(
                f"{' and '.join(missing)} not found: install them first "
                "(Debian/Ubuntu: sudo apt-get install -y ffmpeg) and run again."
            )
        host, port = _host_and_port(addrport)
        _private_var_dir(Path(settings.VAR_DIR))
        self._keep_secret_key()
        # Static files come from the apps (WHITENOISE_USE_FINDERS); WhiteNoise still expects this.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        snapshotter = self._restore_stores(fresh=fresh)
        call_command("ensure_indexes", stdout=self.stdout)
        call_command("normalise_emails", verbosity=0)
        self._announce_stores()
        self._announce_origins(addrport)
        self._ensure_admin()
        for queue in embedded.QUEUES:
            embedded.start_worker(queue)
        embedded.start_beat()
        journal = snapshotter.journal if snapshotter is not None else None
        if journal is not None:
            resent = journal_tasks.resend_pending(journal, celery_app)
            if resent:
                self.stdout.write(f"Re-queued {resent} background tasks left unfinished.")
        self.stdout.write(
            f"Celery: a worker per queue ({', '.join(embedded.QUEUES)}) and beat, in this process."
        )
        if seed:
            call_command("seed_demo")
        base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        self.stdout.write(
            f"\nStreamSphere is starting on {base}\n"
            f"  API docs (Swagger UI): {base}/api/docs/\n"
            f"  ReDoc:                 {base}/api/redoc/\n"
            f"  Admin console:         {base}/admin/\n"
            f"  Health:                {base}/healthz  {base}/readyz\n"
            f"  Events (SSE):          {base}/api/v1/events\n"
        )
        # Loading the application loads the middleware, which expects STATIC_ROOT (made above).
        from config.asgi import application

        if journal is not None:
            application = journal_tasks.durable_answers(application, journal)
        server = asgi_server.Server(
            asgi_server.embedded_config(app=application, host=host, port=port)
        )
        if snapshotter is None:
            self._serve(server)
            return
        snapshotter.start(every_seconds=settings.STORE_SNAPSHOT_SECONDS)
        try:
            self._serve(server)
        finally:
            self._save_stores(snapshotter)

    def _serve(self, server: asgi_server.Server) -> None:
        """Serve until Ctrl-C or SIGTERM, and return once uvicorn has finished every request."""
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, _stopped)
        server.run()

    def _restore_stores(self, *, fresh: bool) -> snapshot.Snapshotter | None:
        """Load the last snapshot of the in-memory stores, replay the journal over it and recount
        the counters, or start empty; None for a server."""
        path = Path(settings.STORE_SNAPSHOT_FILE)
        journal_path = Path(settings.STORE_JOURNAL_FILE)
        if not is_in_memory():
            if fresh:
                raise CommandError(
                    "--fresh empties the in-memory store, but MONGODB_URI names a MongoDB "
                    "server, which serve leaves alone."
                )
            return None
        with_redis = not settings.REDIS_URL
        journal_capture.install(redis_server=in_process_server() if with_redis else None)
        if fresh:
            path.unlink(missing_ok=True)
            for journal_file in (journal_path, *_sqlite_companions(journal_path)):
                journal_file.unlink(missing_ok=True)
            for folder in (
                settings.MEDIA_ROOT,
                settings.PRIVATE_MEDIA_ROOT,
                settings.MEDIA_WORK_DIR,
            ):
                shutil.rmtree(folder, ignore_errors=True)
            self.stdout.write(
                f"Fresh start: removed the saved stores ({path}) and the media files; "
                "the platform is empty (admin account and secret key kept)."
            )
        partial = path.with_name(path.name + ".tmp")
        if partial.exists() or partial.is_symlink():
            partial.unlink()
            self.stdout.write(f"Removed {partial}, left by a save that was cut short.")
        try:
            restored = snapshot.restore(path=path, with_redis=with_redis)
        except snapshot.SnapshotError as exc:
            raise CommandError(
                f"{exc}. Move it away to keep it, or start empty with `make run FRESH=1` "
                "(manage.py serve --fresh)."
            ) from exc
        if restored is not None:
            taken = restored.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            self.stdout.write(
                f"Restored {restored.documents} documents and {restored.keys} Redis keys "
                f"from {path} (saved {taken})."
            )
        journal = None
        if settings.STORE_JOURNAL or journal_path.exists():
            journal = self._replay_journal(
                journal_path, after=restored.journal_seq if restored else 0, with_redis=with_redis
            )
        repaired = repair_counters()
        self.stdout.write(f"Counters recounted from their records: {repaired} repaired.")
        if journal is not None and not settings.STORE_JOURNAL:
            # A journal left by a run that kept one: its writes are replayed, saved, then dropped.
            snapshot.Snapshotter(path=path, with_redis=with_redis, journal=journal).save()
            self._stop_journal(journal)
            for journal_file in (journal_path, *_sqlite_companions(journal_path)):
                journal_file.unlink(missing_ok=True)
            journal = None
        return snapshot.Snapshotter(path=path, with_redis=with_redis, journal=journal)

    def _replay_journal(self, path: Path, *, after: int, with_redis: bool) -> Journal:
        """Apply the journalled writes the snapshot does not hold, then journal from here on."""
        import fakeredis
        import mongoengine

        journal = Journal(path=path, sync=settings.STORE_JOURNAL_SYNC)
        started = time.monotonic()
        replayed = journal_capture.replay(
            journal.operations(after=after),
            mongo_db=mongoengine.get_db(),
            redis_client_for=lambda number: (
                fakeredis.FakeRedis(server=in_process_server(), db=number) if with_redis else None
            ),
        )
        journal.start_after(after)
        if replayed:
            self.stdout.write(
                f"Replayed {replayed} journalled writes from {path} "
                f"in {time.monotonic() - started:.1f} s."
            )
        journal_capture.record_into(journal)
        journal_tasks.record_tasks(journal)
        journal.start()
        return journal

    def _save_stores(self, snapshotter: snapshot.Snapshotter) -> None:
        """The final snapshot, after the server has stopped taking requests."""
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, signal.SIG_IGN)
        snapshotter.stop()
        saved = snapshotter.save()
        if snapshotter.journal is not None:
            self._stop_journal(snapshotter.journal)
        self.stdout.write(
            f"Saved {saved.documents} documents and {saved.keys} Redis keys to "
            f"{snapshotter.path}; the next start restores them."
        )

    def _stop_journal(self, journal: Journal) -> None:
        journal_capture.record_into(None)
        journal_tasks.record_tasks(None)
        journal.close()

    def _announce_stores(self) -> None:
        if is_in_memory():
            self.stdout.write(
                self.style.WARNING(
                    "MongoDB: in-memory (mongomock), saved to "
                    f"{settings.STORE_SNAPSHOT_FILE} every {settings.STORE_SNAPSHOT_SECONDS} s "
                    "and when the server stops, restored at start"
                    + (
                        f"; every write is journalled to {settings.STORE_JOURNAL_FILE} before "
                        "it is answered. "
                        if settings.STORE_JOURNAL
                        else ". "
                    )
                    + "`make run FRESH=1` starts empty; set MONGODB_URI to use a MongoDB server."
                )
            )
        if not settings.REDIS_URL:
            self.stdout.write(
                self.style.WARNING(
                    "Redis: in-process stand-in (fakeredis), kept in the same snapshot. "
                    "Set REDIS_URL for real."
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

    def _announce_origins(self, addrport: str) -> None:
        port = addrport.rsplit(":", 1)[-1]
        origins = ", ".join(settings.CORS_ALLOWED_ORIGINS) or "none"
        self.stdout.write(
            f"CORS: browser front ends allowed to call the API (with cookies): {origins}. "
            "Set CORS_ALLOWED_ORIGINS to change. Cookie sign-in needs the page and the API on "
            "one host name (SameSite cookies): a page on http://localhost:5173 calls "
            f"http://localhost:{port}, one on 127.0.0.1 calls 127.0.0.1."
        )

    def _ensure_admin(self) -> None:
        staff = get_user_model()
        if staff.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        staff.objects.create_superuser("admin", "admin@streamsphere.local", password)
        self.stdout.write(f"Admin console login: admin / {password} (created now)")
