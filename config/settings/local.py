"""The embedded run: in-memory Mongo, in-process Redis stand-in unless REDIS_URL, local media.

DEBUG stays off (debug pages would show settings and the environment), and the secret key is
this installation's own: generated on first start and kept in var/secret_key, never committed.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY as _FRESH_KEY
from config.settings.base import VAR_DIR, env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY_FILE = VAR_DIR / "secret_key"


def _kept_key() -> str:
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        return ""


# The serve command writes this key to SECRET_KEY_FILE on first start.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _kept_key() or _FRESH_KEY
