"""The embedded run: in-memory Mongo, in-process Redis stand-in unless REDIS_URL, local media."""

from config.settings.base import *  # noqa: F403
from config.settings.base import CSRF_TRUSTED_ORIGINS, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)

# Front ends on the usual local dev servers may call the API out of the box.
LOCAL_FRONT_END_ORIGINS = (
    "http://localhost:3000,http://localhost:5173,http://127.0.0.1:3000,http://127.0.0.1:5173"
)
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", LOCAL_FRONT_END_ORIGINS)
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([*CORS_ALLOWED_ORIGINS, *CSRF_TRUSTED_ORIGINS]))

# Static files (the docs UIs, the admin) come straight from the apps through WhiteNoise, with
# or without DEBUG and with no collectstatic step.
WHITENOISE_USE_FINDERS = True
