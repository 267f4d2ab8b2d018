"""WSGI app for bench/load.py: bench/social_app.py's seeded store, with search tokens on items.

Seeds at import (see bench/social_app.py), so run it under gunicorn with --preload and one worker.
"""

from bench.social_app import application


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

__all__ = ["application"]
