"""The feed: newest public items and tweets of the channels a user follows, merged by time.

Entries are ordered by (time, kind, id), newest first: items by published_at, tweets by
created_at. A page asks one query per kind and per CHUNK followed channels for the times and ids
past the cursor, each on an index that starts with the followed ids and then the time (covered:
MongoDB merges one index scan per channel in order and stops after limit + 1 keys, reading no
document), keeps the best limit + 1 keys as it goes (later chunks ask only for keys that could
beat the last of them), then loads the page's items and tweets by id. Past CHUNK ids in one
`$in` a server no longer merges the scans: it reads every match and sorts them in memory, so the
cost would follow how much the channels ever posted.
"""

from dataclasses import dataclass
from datetime import datetime

from accounts.documents import User
from accounts.selectors import blocked_ids
from channels_app.cache import followed_channel_ids
from common import cursors
from common.cursors import FeedCursor
from engagement.documents import Tweet
from videos.documents import Video

# Channels per query: MongoDB merges at most 200 index scans in order
# (internalQueryMaxScansToExplode), one per `$in` value here.
CHUNK = 200
# kind -> (document, its time field, the filter that makes an entry public)
SOURCES = {
    "video": (Video, "published_at", lambda ids: {"is_listed": True, "owner_id": {"$in": ids}}),
    "tweet": (Tweet, "created_at", lambda ids: {"author_id": {"$in": ids}, "author_active": True}),
}


def decode_cursor(*, token: str) -> FeedCursor:
    """The feed position a page link names, between entries of the feed's kinds."""
    return cursors.decode_feed(token, kinds=SOURCES)


@dataclass(frozen=True)
class FeedEntry:
    kind: str
    at: datetime
    item: Video | Tweet

    @property
    def key(self) -> tuple:
        return (self.at, self.kind, self.item.id)

    def cursor(self, *, backwards: bool) -> FeedCursor:
        return FeedCursor(at=self.at, kind=self.kind, id=self.item.id, backwards=backwards)


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry]
    more: bool  # entries remain past this page in the direction it walked
    cursor: FeedCursor | None


def _past(*, kind: str, field: str, cursor: FeedCursor) -> dict:
    """Mongo filter for entries of one kind strictly past the cursor in its walking direction.

    The time bound is a plain range (tight index bounds); ties on the time are settled by kind,
    then by id."""
    op = "$gt" if cursor.backwards else "$lt"
    if kind != cursor.kind:
        # At equal times, one kind sorts past the cursor and the other before it.
        beyond = (kind > cursor.kind) == cursor.backwards
        return {field: {op + "e" if beyond else op: cursor.at}}
    return {
        field: {op + "e": cursor.at},
        "$or": [{field: {op: cursor.at}}, {"_id": {op: cursor.id}}],
    }


def feed_page(*, user: User, limit: int, cursor: FeedCursor | None) -> FeedPage:
    """One page of the feed: the followed ids (kept in Redis) and the blocked ones (whose tweets
    are hidden), one covered query per kind and CHUNK channels for the keys, merged in order,
    and one per kind for the page's documents. Once limit + 1 candidates are in hand, a later
    chunk only asks for entries at least as new as the last of them (at most as old, walking
    back), so each of its index scans ends there."""
    channel_ids = followed_channel_ids(user=user)
    if not channel_ids:
        return FeedPage(entries=[], more=False, cursor=cursor)
    hidden = blocked_ids(user=user)
    sources_ids = {
        "video": channel_ids,
        "tweet": [channel for channel in channel_ids if channel not in hidden],
    }
    backwards = cursor is not None and cursor.backwards
    direction = 1 if backwards else -1
    keys = []  # (time, kind, id) of the best limit + 1 candidates so far
    for kind, (document, field, public) in SOURCES.items():
        ids = sources_ids[kind]
        for start in range(0, len(ids), CHUNK):
            query = public(ids[start : start + CHUNK])
            if cursor is not None:
                query.update(_past(kind=kind, field=field, cursor=cursor))
            if len(keys) > limit:
                edge = "$lte" if backwards else "$gte"
                query[field] = {**query.get(field, {}), edge: keys[-1][0]}
            found = (
                document._get_collection()
                .find(query, {field: 1})
                .sort([(field, direction), ("_id", direction)])
                .limit(limit + 1)
            )
            keys += [(row[field], kind, row["_id"]) for row in found]
            keys.sort(reverse=not backwards)
            del keys[limit + 1 :]
    loaded = {}
    for kind, (document, _, _) in SOURCES.items():
        wanted = [key[2] for key in keys if key[1] == kind]
        if wanted:
            loaded[kind] = {item.id: item for item in document.objects(id__in=wanted)}
    entries = [FeedEntry(kind, at, loaded[kind][item_id]) for at, kind, item_id in keys]
    page = entries[:limit]
    if backwards:
        page.reverse()
    return FeedPage(entries=page, more=len(entries) > limit, cursor=cursor)
