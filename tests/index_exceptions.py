"""The queries deliberately not held to the index rule or to naming their shard key, and why."""

from tests.index_coverage import Exempt, Query, field_names


def _tests(*names: str):
    """Accepts a query whose filter tests every one of these fields (anywhere in it)."""
    return lambda query: set(names) <= field_names(query.filter)


def _own_held_comments(query: Query) -> bool:
    """A signed-in reader's comment list: published ones, or held ones of their own."""
    branches = query.filter.get("$or") or []
    return any(branch.get("status") == "held" and "author_id" in branch for branch in branches)


CONSOLE_LOG_FILTERS = ("action", "actor_role", "actor_name")

EXEMPT: list[Exempt] = [
    # Held to the ESR rule but for these:
    Exempt(
        "comments",
        "common/api/pagination.py:KeysetPagination.paginate_queryset",
        "A signed-in reader also sees their own held comments: that branch fixes author_id, "
        "which the list's index holds after the sort, so it filters the item's held comments on "
        "the index keys (an item holds few held comments); the published branch is served.",
        applies=_own_held_comments,
    ),
    Exempt(
        "comments",
        "engagement/selectors.py:pinned_comment",
        "An item has one pinned comment (two while pins race): (video_id, pinned, ...) finds it "
        "and the reader's visibility is tested on that one document.",
    ),
    Exempt(
        "comments",
        "moderation/console/paging.py:keyset_page",
        "The staff console's text filter is a pattern over the held queue, which "
        "(status, author_active, -id, held_reason) bounds; staff only.",
        applies=_tests("content"),
    ),
    Exempt(
        "moderation_decisions",
        "moderation/console/paging.py:keyset_page",
        "The staff console's log filters combine freely; each alone has its (field, -id) index "
        "and a combination filters that index's pages; staff only.",
        applies=lambda query: sum(name in query.filter for name in CONSOLE_LOG_FILTERS) > 1,
    ),
    Exempt(
        "videos",
        "common/api/pagination.py:KeysetPagination.paginate_queryset",
        "A channel's own catalogue filtered (words, kind, tag) or by views reads that channel's "
        "listed items from (is_listed, owner_id, -published_at, -id): one channel's items, not "
        "the catalogue's.",
        applies=_tests("owner_id"),
    ),
    Exempt(
        "users",
        "moderation/console/paging.py:keyset_page",
        "The staff console's user search: each branch's typed prefix bounds the unique "
        "username_lower or email index, and those matches are sorted by id; staff only.",
        applies=_tests("username_lower", "email"),
    ),
    Exempt(
        "*",
        "config/snapshot.py:_mongo_documents.<locals>.<listcomp>",
        "The embedded run's snapshot saves every document of the in-process store to disk; it "
        "never runs against a MongoDB server.",
        scans=True,
    ),
    Exempt(
        "videos",
        "videos/listing.py:set_owner_active",
        "Suspending or reinstating an account re-flags its items once: (owner_id, ...) bounds it "
        "to that owner's items.",
    ),
    # Document upgrades: once per database, in _id order, on documents older than a release.
    *(
        Exempt(
            collection,
            "common/upgrades.py:batches",
            "A document upgrade walks its collection once in _id order (the _id index), filling "
            "in a field only documents stored before the release lack.",
        )
        for collection in ("notifications", "watch_history")
    ),
    # A data export (at most one a day per account) walks the account's documents in id order.
    *(
        Exempt(
            collection,
            "common/upgrades.py:batches",
            "A data export walks one account's documents in id order, a batch at a time, at "
            "most once a day: the index that starts with the account bounds the walk and each "
            "batch sorts what is left of it by id (top-k); an (account, _id) index would cost "
            "every write for it.",
            applies=_tests(owner),
        )
        for collection, owner in (
            ("videos", "owner_id"),
            ("watch_history", "user_id"),
            ("tweets", "author_id"),
            ("comments", "author_id"),
            ("likes", "user_id"),
            ("playlists", "owner_id"),
            ("blocks", "blocker_id"),
            ("subscriptions", "subscriber_id"),
        )
    ),
    Exempt(
        "document_upgrades",
        "common/upgrades.py:run_upgrades",
        "The names of the upgrades done, one small document each, read whole at start.",
        scans=True,
    ),
    # Hot paths that ask every shard, each answering from an index:
    Exempt(
        "comments",
        "engagement/selectors.py:comment_for_viewer",
        "A comment named by its id alone in a URL: every shard answers from its _id index; "
        "what follows (edits, likes, replies) names the item.",
        index=False,
        shard_key=True,
    ),
    Exempt(
        "likes",
        "engagement/cleanup.py:_delete_comment_likes",
        "The likes of removed comments are every liker's, so on every shard; rare.",
        index=False,
        shard_key=True,
    ),
    Exempt(
        "watch_history",
        "videos/listing.py:refresh_listing",
        "An item closing or opening re-flags every viewer's history entry, on every shard; "
        "rare next to reads, which name the viewer.",
        index=False,
        shard_key=True,
    ),
    Exempt(
        "comments",
        "common/api/pagination.py:KeysetPagination.paginate_queryset",
        "The creator's queue spans all their items: every shard answers a page from "
        "(video_owner_id, author_active, status, -queue_key, -id, author_id).",
        index=False,
        shard_key=True,
        applies=_tests("video_owner_id"),
    ),
    *(
        Exempt(
            "video_daily_stats",
            site,
            "A creator's dashboard sums the days of all their items: every shard answers from "
            "(owner_id, day); an item's own figures name the item.",
            index=False,
            shard_key=True,
            applies=_tests("owner_id"),
        )
        for site in (
            "dashboard/selectors.py:channel_stats",
            "dashboard/selectors.py:timeseries",
            "dashboard/selectors.py:_latest_item_days",
        )
    ),
    Exempt(
        "subscriptions",
        "common/api/pagination.py:KeysetPagination.paginate_queryset",
        "A channel's subscriber list asks every shard; each answers a page from "
        "(channel_id, subscriber_active, -created_at, -id) and mongos merges them.",
        index=False,
        shard_key=True,
        applies=_tests("channel_id"),
    ),
]
