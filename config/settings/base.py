"""Settings shared by every run; each value comes from the environment, safe for embedded use."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.logging import build_logging

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read an integer environment variable."""
    return int(os.environ.get(name, default))


def env_float(name: str, default: float) -> float:
    """Read a decimal environment variable."""
    return float(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Never a default anyone can read: without DJANGO_SECRET_KEY a process gets a random key
# (the embedded run keeps one under var/, see local.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "common.api.errors.csrf_failure"

INSTALLED_APPS = [
    "moderation.console.apps.ConsoleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "config.apps.ConfigConfig",
    "accounts",
    "videos",
    "uploads",
    "engagement",
    "playlists",
    "channels_app",
    "notifications",
    "events",
    "dashboard",
    "moderation",
    "discovery",
    "devtools",
]

MIDDLEWARE = [
    "common.api.middleware.RequestIDMiddleware",
    # Outside everything that answers files (WhiteNoise included): under ASGI they stream.
    "common.api.files.AsyncFileResponsesMiddleware",
    # Before anything that could read the body: refuses one longer than its route takes, unread.
    "common.api.limits.RequestBodyLimitMiddleware",
    "common.api.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Answers that depend on who asks: Vary on the credentials, private when signed in. Outside
    # the ETag middleware, so its 304s say the same.
    "common.api.middleware.PrivateAnswersMiddleware",
    # ETag (a hash of the body, so per viewer) on GET answers; If-None-Match that matches: 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Content-Security-Policy: API answers load nothing and are framed nowhere; HTML pages (API docs,
# admin console) load only this site's own files (their inline bootstrap scripts and styles too).
CONTENT_SECURITY_POLICY_API = os.environ.get(
    "CONTENT_SECURITY_POLICY_API", "default-src 'none'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_PAGES = os.environ.get(
    "CONTENT_SECURITY_POLICY_PAGES",
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQL holds only what Django itself needs: staff users, admin log, sessions, beat schedules.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'streamsphere.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# MongoDB holds every platform document; "mongomock://" keeps it in this process.
MONGODB_URI = os.environ.get("MONGODB_URI", "mongomock://localhost/streamsphere")
MONGODB_DB = os.environ.get("MONGODB_DB", "")

# Redis: cache, throttles, hot counters, broker. Unset means an in-process stand-in.
REDIS_URL = os.environ.get("REDIS_URL", "")
# REDIS_URL names a node of a Redis Cluster: reached through redis-py's RedisCluster. Celery's
# Redis transport knows no cluster, so the broker then needs CELERY_BROKER_URL (a plain Redis).
REDIS_CLUSTER = env_bool("REDIS_CLUSTER", False)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": (
                {
                    "CLIENT_CLASS": "common.redis.ClusterCacheClient",
                    "CONNECTION_FACTORY": "common.redis.ClusterConnectionFactory",
                }
                if REDIS_CLUSTER
                else {"CLIENT_CLASS": "django_redis.client.DefaultClient"}
            ),
            "KEY_PREFIX": "cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
CLOUDINARY_URL = os.environ.get("CLOUDINARY_URL", "")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# "media" holds sources and HLS renditions; it is never served directly, only through the API.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
STORAGES["media"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, "allow_overwrite": True},
}
if CLOUDINARY_URL:
    STORAGES["default"] = {"BACKEND": "cloudinary_storage.storage.MediaCloudinaryStorage"}
    STORAGES["media"] = {"BACKEND": "config.cloudinary_media.ExactNameRawCloudinaryStorage"}
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django.contrib.staticfiles"), "cloudinary_storage")

FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
# Largest body of a route that takes no files (JSON, forms); routes taking files add each file's
# own limit (IMAGE_MAX_BYTES, MEDIA_MAX_UPLOAD_BYTES) to it. Past it: 413 before anything is read.
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "StreamSphere <no-reply@streamsphere.local>"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only (with a nesting bound: deep [[[...]]] is a 400, never a RecursionError); the
    # views that take files add multipart for those actions (common.api.limits).
    "DEFAULT_PARSER_CLASSES": ["common.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "common.api.openapi.AutoSchema",
    "DEFAULT_METADATA_CLASS": "common.api.metadata.PlainMetadata",
    "EXCEPTION_HANDLER": "common.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": [],
}

# Scoped throttles, "<count>/<window>" where window is a number of s, m, h or d (e.g. "5/15m").
THROTTLE_RATES = {
    "login_account": os.environ.get("THROTTLE_LOGIN_ACCOUNT", "10/15m"),
    "login_address": os.environ.get("THROTTLE_LOGIN_ADDRESS", "30/15m"),
    "register": os.environ.get("THROTTLE_REGISTER", "10/h"),
    "otp_verify": os.environ.get("THROTTLE_OTP_VERIFY", "5/15m"),
    "otp_resend": os.environ.get("THROTTLE_OTP_RESEND", "5/h"),
    "tweet": os.environ.get("THROTTLE_TWEET", "30/h"),
    "report": os.environ.get("THROTTLE_REPORT", "20/h"),
    "comment": os.environ.get("THROTTLE_COMMENT", "30/h"),
    "events_ticket": os.environ.get("THROTTLE_EVENTS_TICKET", "60/m"),
}
# How long an Idempotency-Key keeps its first answer (common/api/idempotency.py).
IDEMPOTENCY_KEY_SECONDS = env_int("IDEMPOTENCY_KEY_SECONDS", 24 * 3600)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

SPECTACULAR_SETTINGS = {
    "TITLE": "StreamSphere API",
    "DESCRIPTION": (
        "StreamSphere is a video platform: creators upload videos and audio tracks, which are "
        "transcoded to HLS and streamed to viewers, with channels, subscriptions, likes, "
        "comments, playlists and tweets around them. This is its REST API, version 1, "
        "under `/api/v1`.\n\n"
        "**Sign in**: `POST /api/v1/auth/login` (or register and verify the e-mailed code) "
        "answers an `access` token; press **Authorize**, paste it as the bearer token and it "
        "is sent with every call (and kept across reloads). Browsers may use the httpOnly "
        "cookies instead; a cookie-authenticated write sends the `X-CSRFToken` header.\n\n"
        "**Conventions**: JSON in snake_case; lists are cursor-paginated "
        "(`results`, `next`, `previous`); every error has one shape, "
        "`{error: {status, code, message, fields}, request_id}`; every response carries "
        "`X-Request-ID`.\n\n"
        "**Playback**: `stream_url` and `hls_url` on an item need no auth header; for items "
        "that are not public they carry a signature and expiry."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Fields named alike with different choices each get a name of their own.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "videos.documents.KINDS",
        "PlaylistKindEnum": "playlists.documents.KINDS",
        "FeedEntryTypeEnum": ["video", "tweet"],
        "CommentStatusEnum": "engagement.documents.COMMENT_STATUSES",
        "ReportStatusEnum": "moderation.documents.STATUSES",
        "VideoStatusEnum": "videos.documents.STATUSES",
    },
    # One line per tag in use (a test holds every tag of the schema to this list).
    "TAGS": [
        {"name": "auth", "description": "Registration with an e-mailed code, sign-in, tokens."},
        {
            "name": "users",
            "description": "The signed-in user's own profile, watch history, likes, subscriptions.",
        },
        {"name": "videos", "description": "Media items: browse, upload, edit, delete, views."},
        {"name": "media", "description": "Playback bytes: the source with Range, and HLS."},
        {
            "name": "uploads",
            "description": "Resumable uploads (tus 1.0) of an item's file, for large files.",
        },
        {
            "name": "playlists",
            "description": "Ordered lists of items, and each user's Watch later.",
        },
        {"name": "channels", "description": "A user's public face, its items, and subscribing."},
        {"name": "feed", "description": "New items and tweets of the channels I subscribe to."},
        {"name": "tweets", "description": "Short posts (1 to 280 characters) on a channel."},
        {
            "name": "likes",
            "description": "Liking and unliking items, tweets and comments (idempotent).",
        },
        {
            "name": "comments",
            "description": "Comments and replies on items, scored for sentiment, held by rules.",
        },
        {"name": "reports", "description": "Reporting items, comments, tweets and users."},
        {
            "name": "notifications",
            "description": "My inbox, its unread figure (ETag), and what I am told about.",
        },
        {
            "name": "events",
            "description": "Instant updates: my server-sent event stream, and tickets to open it.",
        },
        {
            "name": "dashboard",
            "description": "My channel: figures, items, analytics, series, comments.",
        },
        {"name": "search", "description": "Items, channels and playlists by words or prefixes."},
        {"name": "trending", "description": "Items rising now, with the parts of their score."},
    ],
    # The UIs' files come from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {
        "persistAuthorization": True,
        "deepLinking": True,
        "displayRequestDuration": True,
        # No spec validation against swagger.io's online validator: nothing leaves the host.
        "validatorUrl": None,
    },
}

# Tokens are signed with SECRET_KEY (simplejwt's default, read once settings are final) unless
# JWT_SIGNING_KEY names another key.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 14)),
    "ALGORITHM": "HS256",
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": False,
}
if os.environ.get("JWT_SIGNING_KEY"):
    SIMPLE_JWT["SIGNING_KEY"] = os.environ["JWT_SIGNING_KEY"]

AUTH_COOKIE_ACCESS = "access_token"
AUTH_COOKIE_REFRESH = "refresh_token"
AUTH_COOKIE_SECURE = env_bool("AUTH_COOKIE_SECURE", False)
AUTH_COOKIE_SAMESITE = os.environ.get("AUTH_COOKIE_SAMESITE", "Lax")
AUTH_COOKIE_DOMAIN = os.environ.get("AUTH_COOKIE_DOMAIN") or None
CSRF_COOKIE_SECURE = AUTH_COOKIE_SECURE
SESSION_COOKIE_SECURE = AUTH_COOKIE_SECURE

OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", 300)
OTP_MAX_ATTEMPTS = env_int("OTP_MAX_ATTEMPTS", 5)
OTP_RESEND_COOLDOWN_SECONDS = env_int("OTP_RESEND_COOLDOWN_SECONDS", 60)
PENDING_REGISTRATION_TTL_SECONDS = env_int("PENDING_REGISTRATION_TTL_SECONDS", 3600)

IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 5 * 1024 * 1024)
IMAGE_MAX_DIMENSION = env_int("IMAGE_MAX_DIMENSION", 4096)
IMAGE_MIN_DIMENSION = env_int("IMAGE_MIN_DIMENSION", 16)
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

# Media pipeline.
MEDIA_WORK_DIR = Path(os.environ.get("MEDIA_WORK_DIR", VAR_DIR / "work"))
MEDIA_MAX_UPLOAD_BYTES = env_int("MEDIA_MAX_UPLOAD_BYTES", 2 * 1024**3)
MEDIA_MAX_DURATION_SECONDS = env_int("MEDIA_MAX_DURATION_SECONDS", 4 * 3600)
HLS_SEGMENT_SECONDS = env_int("HLS_SEGMENT_SECONDS", 6)
# Captions: one file's size and cues, and the languages one item may have.
CAPTIONS_MAX_BYTES = env_int("CAPTIONS_MAX_BYTES", 512 * 1024)
CAPTIONS_MAX_CUES = env_int("CAPTIONS_MAX_CUES", 10_000)
CAPTIONS_MAX_TRACKS = env_int("CAPTIONS_MAX_TRACKS", 40)
MEDIA_URL_TTL_SECONDS = env_int("MEDIA_URL_TTL_SECONDS", 6 * 3600)
# How /stream and HLS segments leave: "direct" (this process, sendfile under gunicorn),
# "accel" (X-Accel-Redirect to STREAM_ACCEL_PREFIX for nginx), or "redirect" (storage URL, CDN).
STREAM_DELIVERY = os.environ.get("STREAM_DELIVERY", "redirect" if CLOUDINARY_URL else "direct")
STREAM_ACCEL_PREFIX = os.environ.get("STREAM_ACCEL_PREFIX", "/protected-media/")
# Resumable uploads (tus): their bytes wait in TUS_UPLOAD_DIR (a volume every web process shares,
# beside MEDIA_WORK_DIR so a finished file moves into processing without a copy); an upload idle
# TUS_EXPIRE_SECONDS expires (a beat task deletes it every TUS_EXPIRY_SWEEP_SECONDS); a user has
# at most TUS_MAX_UPLOADS_PER_USER open at once; a request waits TUS_LOCK_WAIT_SECONDS for
# another one writing the same upload before answering 423.
TUS_UPLOAD_DIR = Path(os.environ.get("TUS_UPLOAD_DIR", MEDIA_WORK_DIR / "tus"))
TUS_EXPIRE_SECONDS = env_int("TUS_EXPIRE_SECONDS", 24 * 3600)
TUS_EXPIRY_SWEEP_SECONDS = env_int("TUS_EXPIRY_SWEEP_SECONDS", 600)
TUS_MAX_UPLOADS_PER_USER = env_int("TUS_MAX_UPLOADS_PER_USER", 5)
TUS_LOCK_WAIT_SECONDS = env_float("TUS_LOCK_WAIT_SECONDS", 3.0)
PROCESSING_STALE_SECONDS = env_int("PROCESSING_STALE_SECONDS", 600)
PROCESSING_MAX_ATTEMPTS = env_int("PROCESSING_MAX_ATTEMPTS", 3)
PROCESSING_TIME_LIMIT_SECONDS = env_int("PROCESSING_TIME_LIMIT_SECONDS", 3 * 3600)
VIEW_DEDUP_SECONDS = env_int("VIEW_DEDUP_SECONDS", 30 * 60)
VIEW_FLUSH_SECONDS = env_int("VIEW_FLUSH_SECONDS", 30)
LIKE_FLUSH_SECONDS = env_int("LIKE_FLUSH_SECONDS", 30)
SUBSCRIPTION_FLUSH_SECONDS = env_int("SUBSCRIPTION_FLUSH_SECONDS", 30)
# Reconcile recounts likes, comments and subscriptions from their documents and repairs counters
# Redis lost; it leaves alone anything touched within RECONCILE_QUIET_SECONDS (work may be in
# flight). Each run checks what changed since the last one, then the next RECONCILE_SWEEP_DOCS
# of a sweep through every document per figure, and stops after RECONCILE_BUDGET_SECONDS (below
# the task's soft time limit); the next run resumes.
COUNTER_RECONCILE_SECONDS = env_int("COUNTER_RECONCILE_SECONDS", 3600)
RECONCILE_QUIET_SECONDS = env_int("RECONCILE_QUIET_SECONDS", 300)
RECONCILE_BUDGET_SECONDS = env_int("RECONCILE_BUDGET_SECONDS", 240)
RECONCILE_SWEEP_DOCS = env_int("RECONCILE_SWEEP_DOCS", 5000)

# Item detail and channel profile are cached in Redis this long at most (every write that changes
# them invalidates them at once); 0 turns the cache off.
HOT_READ_CACHE_SECONDS = env_int("HOT_READ_CACHE_SECONDS", 300)

# Trending: how fast activity fades (its weight halves every this many hours), and how often the
# lists are recomputed from the daily rollups.
TRENDING_HALF_LIFE_HOURS = env_int("TRENDING_HALF_LIFE_HOURS", 24)
TRENDING_REFRESH_SECONDS = env_int("TRENDING_REFRESH_SECONDS", 300)

# Up next: how fast a pair of items finished (or liked) by the same viewer fades from the
# items' neighbours (its weight halves every this many days).
RELATED_HALF_LIFE_DAYS = env_int("RELATED_HALF_LIFE_DAYS", 30)

# Podcast feeds: the Apple Podcasts category every channel's feed names (one of Apple's list,
# e.g. "Music", "Society & Culture"), and whether feeds are marked explicit.
PODCAST_CATEGORY = os.environ.get("PODCAST_CATEGORY", "Music")
PODCAST_EXPLICIT = env_bool("PODCAST_EXPLICIT", False)

# Anonymous views one address may add to one item per VIEW_DEDUP_SECONDS window, however many
# browsers it claims to be; a few, since a household shares an address. Its anonymous watch time
# per window is capped at as many whole watches of the item.
VIEW_ANON_PER_ADDRESS = env_int("VIEW_ANON_PER_ADDRESS", 3)

# Comments: a compound sentiment score below COMMENT_HOLD_SENTIMENT holds a comment (and flags
# it); COMMENT_BLOCKLIST is comma-separated words or phrases matched whole, ignoring case and
# accents. Removing a comment with more replies than COMMENT_INLINE_REPLY_DELETES leaves them to
# a task.
COMMENT_HOLD_SENTIMENT = env_float("COMMENT_HOLD_SENTIMENT", -0.6)
COMMENT_BLOCKLIST = env_list("COMMENT_BLOCKLIST")
COMMENT_INLINE_REPLY_DELETES = env_int("COMMENT_INLINE_REPLY_DELETES", 50)
COMMENT_FLUSH_SECONDS = env_int("COMMENT_FLUSH_SECONDS", 30)

# Playlists: items one playlist may hold (Watch later included).
PLAYLIST_MAX_ITEMS = env_int("PLAYLIST_MAX_ITEMS", 5000)

# Notifications: subscribers told per insert when a channel announces; at most one e-mail per
# user per kind per window (later events are folded into it); how long Redis keeps a user's
# inbox version and a cached unread count (a lost one only costs a recount).
NOTIFICATION_FANOUT_BATCH = env_int("NOTIFICATION_FANOUT_BATCH", 1000)
NOTIFICATION_EMAIL_WINDOW_SECONDS = env_int("NOTIFICATION_EMAIL_WINDOW_SECONDS", 15 * 60)
NOTIFICATION_VERSION_TTL = env_int("NOTIFICATION_VERSION_TTL", 7 * 24 * 3600)
NOTIFICATION_COUNT_TTL = env_int("NOTIFICATION_COUNT_TTL", 300)

# Event streams (GET /api/v1/events). A user's backlog, for reconnects with Last-Event-ID, keeps
# about their last EVENTS_BACKLOG_LENGTH events for EVENTS_BACKLOG_SECONDS (older: the client is
# told to reload); a user holds at most EVENTS_MAX_STREAMS_PER_USER streams (the oldest closes);
# a comment every EVENTS_HEARTBEAT_SECONDS keeps idle ones open through proxies; clients
# reconnect after EVENTS_RETRY_MS; a ?ticket= lasts EVENTS_TICKET_SECONDS; the figures of watched
# items are sent at most every EVENTS_COUNTER_MS.
EVENTS_BACKLOG_LENGTH = env_int("EVENTS_BACKLOG_LENGTH", 500)
EVENTS_BACKLOG_SECONDS = env_int("EVENTS_BACKLOG_SECONDS", 24 * 3600)
EVENTS_MAX_STREAMS_PER_USER = env_int("EVENTS_MAX_STREAMS_PER_USER", 5)
EVENTS_HEARTBEAT_SECONDS = env_int("EVENTS_HEARTBEAT_SECONDS", 15)
EVENTS_RETRY_MS = env_int("EVENTS_RETRY_MS", 3000)
EVENTS_TICKET_SECONDS = env_int("EVENTS_TICKET_SECONDS", 30)
EVENTS_COUNTER_MS = env_int("EVENTS_COUNTER_MS", 1000)

CELERY_BROKER_URL = os.environ.get(
    "CELERY_BROKER_URL", (not REDIS_CLUSTER and REDIS_URL) or "memory://localhost//"
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Two queues, each with its own worker: "media" for transcodes that take minutes to hours,
# "default" for everything short (e-mail, counter flushes, cleanups), so a long upload never
# delays a sign-up code.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"videos.tasks.process_upload": {"queue": "media"}}
# Every task has a soft limit (raises inside it, so it can clean up) and a hard one (kills it).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("TASK_SOFT_TIME_LIMIT_SECONDS", 300)
CELERY_TASK_TIME_LIMIT = env_int("TASK_TIME_LIMIT_SECONDS", 360)
# Processing: ffmpeg's own limit, plus time to store the outputs.
CELERY_TASK_ANNOTATIONS = {
    "videos.tasks.process_upload": {
        "soft_time_limit": PROCESSING_TIME_LIMIT_SECONDS + 1800,
        "time_limit": PROCESSING_TIME_LIMIT_SECONDS + 2100,
    }
}
CELERY_BEAT_SCHEDULE = {
    "flush-view-counters": {
        "task": "videos.tasks.flush_view_counters",
        "schedule": VIEW_FLUSH_SECONDS,
    },
    "sweep-stale-processing": {"task": "videos.tasks.sweep_stale_processing", "schedule": 60.0},
    "expire-uploads": {
        "task": "uploads.tasks.expire_uploads",
        "schedule": TUS_EXPIRY_SWEEP_SECONDS,
    },
    "flush-like-counters": {
        "task": "engagement.tasks.flush_like_counters",
        "schedule": LIKE_FLUSH_SECONDS,
    },
    "reconcile-like-counters": {
        "task": "engagement.tasks.reconcile_like_counters",
        "schedule": COUNTER_RECONCILE_SECONDS,
    },
    "flush-comment-counters": {
        "task": "engagement.tasks.flush_comment_counters",
        "schedule": COMMENT_FLUSH_SECONDS,
    },
    "reconcile-comment-counters": {
        "task": "engagement.tasks.reconcile_comment_counters",
        "schedule": COUNTER_RECONCILE_SECONDS,
    },
    "flush-subscription-counters": {
        "task": "channels_app.tasks.flush_subscription_counters",
        "schedule": SUBSCRIPTION_FLUSH_SECONDS,
    },
    "reconcile-subscription-counters": {
        "task": "channels_app.tasks.reconcile_subscription_counters",
        "schedule": COUNTER_RECONCILE_SECONDS,
    },
    "send-due-email-digests": {
        "task": "notifications.tasks.send_due_email_digests",
        "schedule": 60.0,
    },
    "refresh-trending": {
        "task": "dashboard.tasks.refresh_trending",
        "schedule": TRENDING_REFRESH_SECONDS,
    },
}
CELERY_TIMEZONE = "UTC"

# Deleting an account: it disappears at once and is purged for good after
# ACCOUNT_DELETION_GRACE_DAYS (cancellable until then). A sweep queues the due purges every
# ACCOUNT_PURGE_SWEEP_SECONDS, ACCOUNT_PURGE_BATCH at most per run; a purge's lock outlives the
# task's hard time limit, so the lock of a killed run lapses and the next sweep finishes its job.
ACCOUNT_DELETION_GRACE_DAYS = env_int("ACCOUNT_DELETION_GRACE_DAYS", 14)
ACCOUNT_PURGE_SWEEP_SECONDS = env_int("ACCOUNT_PURGE_SWEEP_SECONDS", 900)
ACCOUNT_PURGE_BATCH = env_int("ACCOUNT_PURGE_BATCH", 100)
ACCOUNT_PURGE_LOCK_SECONDS = env_int("ACCOUNT_PURGE_LOCK_SECONDS", CELERY_TASK_TIME_LIMIT + 60)
# Data exports: one per user per DATA_EXPORT_INTERVAL_SECONDS; the zip and its signed link last
# DATA_EXPORT_LINK_SECONDS from when it is ready. Writing one (media files included) runs on the
# media queue, within DATA_EXPORT_TIME_LIMIT_SECONDS.
DATA_EXPORT_INTERVAL_SECONDS = env_int("DATA_EXPORT_INTERVAL_SECONDS", 24 * 3600)
DATA_EXPORT_LINK_SECONDS = env_int("DATA_EXPORT_LINK_SECONDS", 24 * 3600)
DATA_EXPORT_TIME_LIMIT_SECONDS = env_int("DATA_EXPORT_TIME_LIMIT_SECONDS", 3600)
CELERY_TASK_ROUTES["accounts.tasks.build_export"] = {"queue": "media"}
CELERY_TASK_ANNOTATIONS["accounts.tasks.build_export"] = {
    "soft_time_limit": DATA_EXPORT_TIME_LIMIT_SECONDS,
    "time_limit": DATA_EXPORT_TIME_LIMIT_SECONDS + 300,
}
CELERY_BEAT_SCHEDULE["purge-due-accounts"] = {
    "task": "accounts.tasks.purge_due_accounts",
    "schedule": ACCOUNT_PURGE_SWEEP_SECONDS,
}
CELERY_BEAT_SCHEDULE["delete-expired-exports"] = {
    "task": "accounts.tasks.delete_expired_exports",
    "schedule": 3600.0,
}
# Workers log through LOGGING below (JSON in production) instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = build_logging(level=LOG_LEVEL, fmt=os.environ.get("LOG_FORMAT", "console"))

# ---- Browsers: the docs UIs' own files and front ends on other origins ----------------------
INSTALLED_APPS += ["drf_spectacular_sidecar", "corsheaders"]
# Outside everything but the request id, so preflights and error responses get CORS headers too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
    "videos.cors.MediaCorsMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)
# Playback routes (media, captions, chapters) and a channel's feeds are readable from any origin
# without credentials (the item's visibility or the URL's signature is what authorises them;
# feeds are public); every other /api/v1 route follows the allowlist with credentials. Each
# request gets exactly one of the two policies.
_MEDIA_ROUTES = (
    r"(?:videos/[^/]+/(?:stream(?:\.[a-z0-9]{1,5})?$|hls/|storyboard/|captions/[^/]+\.vtt$"
    r"|chapters\.vtt$)"
    r"|channels/[^/]+/(?:feed\.xml|podcast\.xml|artwork/[^/]+\.jpg)$)"
)
MEDIA_CORS_URLS_REGEX = rf"^/api/v1/{_MEDIA_ROUTES}"
CORS_URLS_REGEX = rf"^/api/v1/(?!{_MEDIA_ROUTES})"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "idempotency-key",
    "if-none-match",
    "range",
    "x-csrftoken",
    "x-request-id",
    # tus requests (uploads/)
    "tus-resumable",
    "upload-length",
    "upload-offset",
    "upload-metadata",
    "upload-checksum",
]
CORS_EXPOSE_HEADERS = [
    "X-Request-ID",
    "Retry-After",
    # tus answers (uploads/)
    "Location",
    "Upload-Offset",
    "Upload-Length",
    "Upload-Metadata",
    "Upload-Expires",
    "Tus-Resumable",
    "Tus-Version",
    "Tus-Extension",
    "Tus-Max-Size",
    "Tus-Checksum-Algorithm",
]
# A front end allowed to call the API with cookies may also send cookie-authenticated writes,
# and must be able to read and send the CSRF cookie beside the auth cookies.
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([*CORS_ALLOWED_ORIGINS, *CSRF_TRUSTED_ORIGINS]))
CSRF_COOKIE_DOMAIN = AUTH_COOKIE_DOMAIN
CSRF_COOKIE_SAMESITE = AUTH_COOKIE_SAMESITE
