"""Production: every secret and store comes from the environment; nothing insecure by default.

`manage.py check --deploy` is clean with only the required variables set (a test holds it so).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.logging import build_logging
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    LOG_LEVEL,
    REDIS_CLUSTER,
    TRUSTED_PROXY_COUNT,
    env_bool,
    env_int,
)


def env_required(name: str) -> str:
    """Read a variable production cannot run without (secrets and stores have no default)."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment (see .env.example).")
    return value


SECRET_KEY = env_required("DJANGO_SECRET_KEY")
MONGODB_URI = env_required("MONGODB_URI")
REDIS_URL = env_required("REDIS_URL")
# Django's own tables (staff, sessions, beat schedules) are shared by web and beat: PostgreSQL.
env_required("DATABASE_URL")

DEBUG = False
# A cluster cannot be the broker (Celery's Redis transport knows none): a plain Redis must be named.
CELERY_BROKER_URL = (
    env_required("CELERY_BROKER_URL")
    if REDIS_CLUSTER
    else os.environ.get("CELERY_BROKER_URL", REDIS_URL)
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Public media (thumbnails, avatars) are files for the web server in front (nginx in the stack)
# or the storage's own URLs; Django serving them would tie a worker up with each download.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
LOGGING = build_logging(level=LOG_LEVEL, fmt=os.environ.get("LOG_FORMAT", "json"))

# Cookies only over HTTPS.
AUTH_COOKIE_SECURE = env_bool("AUTH_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = AUTH_COOKIE_SECURE
SESSION_COOKIE_SECURE = AUTH_COOKIE_SECURE

# HTTPS: redirect plain HTTP (probes excepted: orchestrators call them on the container's own
# port) and tell browsers to stay on HTTPS. HSTS starts at an hour, as Django advises for a
# first deployment; raise SECURE_HSTS_SECONDS to a year once HTTPS is known to work everywhere.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Subdomains and browsers' preload lists are commitments for the whole domain, so they are the
# operator's choice, not a default; Django's reminders about them are silenced while they are off.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# Headers on every response (beside base's X-Frame-Options, Referrer-Policy and CSP).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind TRUSTED_PROXY_COUNT reverse proxies: trust their X-Forwarded-Proto (so HTTPS is known
# and not redirected again) and, when asked, their X-Forwarded-Host; never without a proxy.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
