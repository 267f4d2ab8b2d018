"""Production: every secret and store comes from the environment; nothing insecure by default."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool, env_int

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
MONGODB_URI = os.environ["MONGODB_URI"]
REDIS_URL = os.environ["REDIS_URL"]
AUTH_COOKIE_SECURE = env_bool("AUTH_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = AUTH_COOKIE_SECURE
SESSION_COOKIE_SECURE = AUTH_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
