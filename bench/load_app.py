"""Apps for bench/load.py: bench/social_app.py's seeded store, with search tokens on items, as
WSGI (`application`) and ASGI (`asgi_application`).

Seeds at import (see bench/social_app.py), so run it in one process: gunicorn with --preload and
one worker, or bench/asgi_serve.py.
"""

from bench.social_app import application
from config.asgi import application as asgi_application


def _index_items() -> None:
    """social_app inserts raw documents; give them the search tokens a saved item would have."""
    from pymongo import UpdateOne

    from common.search import document_tokens
    from videos.documents import Video

    collection = Video._get_collection()
    collection.bulk_write(
        [
            UpdateOne(
                {"_id": doc["_id"]},
                {"$set": {"search_tokens": document_tokens(typed_ahead=[doc["title"]])}},
            )
            for doc in collection.find({}, {"title": 1})
        ]
    )


_index_items()

__all__ = ["application", "asgi_application"]
