"""The embedded run: in-memory Mongo, in-process Redis stand-in unless REDIS_URL, local media."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
