"""The embedded run: in-memory Mongo, in-process Redis stand-in unless REDIS_URL, local media.

DEBUG stays off (debug pages would show settings and the environment), and the secret key is
this installation's own: generated on first start and kept in var/secret_key, never committed.
The in-memory stores are saved to var/store.snapshot while serving and restored at start.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import CSRF_TRUSTED_ORIGINS, VAR_DIR, env_bool, env_int, env_list
from config.settings.base import SECRET_KEY as _FRESH_KEY

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY_FILE = VAR_DIR / "secret_key"


def _kept_key() -> str:
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        return ""


# The serve command writes this key to SECRET_KEY_FILE on first start.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _kept_key() or _FRESH_KEY

# `manage.py serve` saves the in-memory stores here every STORE_SNAPSHOT_SECONDS and on stop.
STORE_SNAPSHOT_FILE = VAR_DIR / "store.snapshot"
STORE_SNAPSHOT_SECONDS = env_int("STORE_SNAPSHOT_SECONDS", 30)
# Every write to the in-memory stores, on disk before its answer goes out (SQLite, WAL mode),
# replayed over the snapshot at start. FULL syncs each commit to the disk; NORMAL survives the
# process being killed but not a power loss.
STORE_JOURNAL = env_bool("STORE_JOURNAL", True)
STORE_JOURNAL_FILE = VAR_DIR / "store.journal"
STORE_JOURNAL_SYNC = os.environ.get("STORE_JOURNAL_SYNC", "FULL")

# Front ends on the usual local dev servers may call the API out of the box.
LOCAL_FRONT_END_ORIGINS = (
    "http://localhost:3000,http://localhost:5173,http://127.0.0.1:3000,http://127.0.0.1:5173"
)
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", LOCAL_FRONT_END_ORIGINS)
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([*CORS_ALLOWED_ORIGINS, *CSRF_TRUSTED_ORIGINS]))

# Static files (the docs UIs, the admin) come straight from the apps through WhiteNoise, with
# or without DEBUG and with no collectstatic step.
WHITENOISE_USE_FINDERS = True
