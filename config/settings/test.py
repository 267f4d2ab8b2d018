"""Tests: real Redis when REDIS_URL is given, eager Celery, fast hashing, throwaway media."""

import os
import tempfile

from config.settings.base import *  # noqa: F403
from config.settings.base import MONGODB_URI

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost//"
_scratch = tempfile.mkdtemp(prefix="streamsphere-test-")
MEDIA_ROOT = os.path.join(_scratch, "media")
PRIVATE_MEDIA_ROOT = os.path.join(_scratch, "private-media")
MEDIA_WORK_DIR = os.path.join(_scratch, "work")
TUS_UPLOAD_DIR = os.path.join(MEDIA_WORK_DIR, "tus")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "media": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, "allow_overwrite": True},
    },
}
STREAM_DELIVERY = "direct"
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
MONGODB_URI = os.environ.get("MONGODB_URI", MONGODB_URI)
MONGODB_DB = f"streamsphere_test_{_worker}"
