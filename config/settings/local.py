"""The embedded run: in-memory Mongo, in-process Redis stand-in unless REDIS_URL, local media."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

# Static files (the docs UIs, the admin) come straight from the apps through WhiteNoise, with
# or without DEBUG and with no collectstatic step.
WHITENOISE_USE_FINDERS = True
