"""The feed: newest public items and tweets of the channels a user follows, merged by time.

Entries are ordered by (time, kind, id), newest first: items by published_at, tweets by
created_at. A page is one query per kind past the cursor, each on an index that starts with the
followed ids and then the time, so Mongo merges the per-channel runs and stops after limit + 1
entries: the cost follows the page size, not how much those channels posted.
"""

from dataclasses import dataclass
from datetime import datetime

from accounts.documents import User
from accounts.selectors import blocked_ids
from channels_app.selectors import followed_channel_ids
from common import cursors
from common.cursors import FeedCursor
from engagement.documents import Tweet
from videos.documents import Video

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
    """One page of the feed: one query for the followed ids, one for the blocked ones (whose
    tweets are hidden), then one per kind."""
    channel_ids = followed_channel_ids(user=user)
    if not channel_ids:
        return FeedPage(entries=[], more=False, cursor=cursor)
    hidden = blocked_ids(user=user)
    sources_ids = {
        "video": channel_ids,
        "tweet": [channel for channel in channel_ids if channel not in hidden],
    }
    backwards = cursor is not None and cursor.backwards
    sign = "+" if backwards else "-"
    entries = []
    for kind, (document, field, public) in SOURCES.items():
        query = public(sources_ids[kind])
        if cursor is not None:
            query.update(_past(kind=kind, field=field, cursor=cursor))
        found = document.objects(__raw__=query).order_by(f"{sign}{field}", f"{sign}id")
        entries += [FeedEntry(kind, getattr(item, field), item) for item in found.limit(limit + 1)]
    entries.sort(key=lambda entry: entry.key, reverse=not backwards)
    page = entries[:limit]
    if backwards:
        page.reverse()
    return FeedPage(entries=page, more=len(entries) > limit, cursor=cursor)
