"""Apps for bench/range_serving.py: the project's application plus one seeded public video, as
WSGI (`application`) and ASGI (`asgi_application`).

Seeds at import into the in-process mongomock store, so run it under gunicorn with --preload and
one worker: the forked worker inherits the data. Reads RANGE_BENCH_VIDEO_ID and RANGE_BENCH_SOURCE
(the source's name in the media storage, already written by the benchmark).
"""

import os

from config.asgi import application as asgi_application
from config.wsgi import application


def seed(*, video_id: str, source: str) -> None:
    """Create the owner and a ready, public, published video whose stored source is `source`."""
    from bson import ObjectId
    from django.contrib.auth.hashers import make_password

    from accounts.documents import User
    from common.storage import media_storage
    from config.mongo import is_in_memory
    from videos.tests.helpers import ready_video

    if not is_in_memory():
        raise RuntimeError("range_app seeds only the in-process mongomock store.")
    storage = media_storage()
    if not storage.exists(source):
        raise RuntimeError(f"{source} is not in the media storage at {storage.location}.")
    owner = User(
        username="rangebench",
        email="rangebench@example.com",
        full_name="Range Bench",
        password=make_password(None),
        email_verified=True,
    )
    owner.save(force_insert=True)
    ready_video(
        owner,
        id=ObjectId(video_id),
        title="Range benchmark source",
        source=source,
        files=[source],
        version=1,
    )


seed(video_id=os.environ["RANGE_BENCH_VIDEO_ID"], source=os.environ["RANGE_BENCH_SOURCE"])

__all__ = ["application", "asgi_application"]
