"""Search across items, channels and playlists, each found by its own app's selector."""

from accounts.selectors import search_users
from common.search import query_tokens
from playlists.selectors import search_playlists
from videos.selectors import search_videos

TYPES = ("all", "videos", "channels", "playlists")


def search(
    *,
    q: str,
    type: str,
    offset: int,
    limit: int,
    kind: str = "",
    duration: str = "",
    uploaded: str = "",
) -> tuple[list[tuple[str, object]], bool]:
    """A page of (type, document) results, best first, and whether more follow.

    Item filters (kind, duration, uploaded) narrow "all" to items. One query per searched type,
    whatever the page: "all" reads the first offset+limit+1 of each and merges them by rank.
    """
    tokens = query_tokens(q)
    if not tokens:
        return [], False
    if type == "all" and (kind or duration or uploaded):
        type = "videos"
    finders = {
        "videos": lambda o, n: search_videos(
            tokens=tokens, kind=kind, duration=duration, uploaded=uploaded, offset=o, limit=n
        ),
        "channels": lambda o, n: search_users(tokens=tokens, offset=o, limit=n),
        "playlists": lambda o, n: search_playlists(tokens=tokens, offset=o, limit=n),
    }
    if type != "all":
        found = [(type, doc) for _, doc in finders[type](offset, limit + 1)]
        return found[:limit], len(found) > limit
    merged = [
        (key, kind_name, doc)
        for kind_name, find in finders.items()
        for key, doc in find(0, offset + limit + 1)
    ]
    merged.sort(key=lambda row: row[0], reverse=True)
    page = [(kind_name, doc) for _, kind_name, doc in merged[offset : offset + limit + 1]]
    return page[:limit], len(page) > limit
