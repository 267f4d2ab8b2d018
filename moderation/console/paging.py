"""Pages of console lists, their positions carried by the platform's cursor codec: keyset pages
newest first by id (one query a page whatever its length) and pages of ranked lists."""

from dataclasses import dataclass
from urllib.parse import urlencode

from common import cursors
from common.cursors import IdCursor, RankCursor

PAGE_SIZE = 25
CURSOR = "cursor"


@dataclass(frozen=True)
class Page:
    """One page of rows and the query strings of the pages around it."""

    items: list
    next_query: str | None
    first_query: str | None
    previous_query: str | None = None


def first_page_query(params) -> str:
    """The list's filters without its position: every parameter given a value but the cursor."""
    return urlencode({key: value for key, value in params.items() if key != CURSOR and value})


def _query(params, cursor: IdCursor | RankCursor) -> str:
    first = first_page_query(params)
    return "&".join(filter(None, [first, urlencode({CURSOR: cursors.encode(cursor)})]))


def keyset_page(query, *, params, size: int = PAGE_SIZE) -> Page:
    """Fetch the page past the cursor in `params` (a QueryDict) in one round-trip."""
    token = params.get(CURSOR, "")
    after = cursors.decode_id(token).id if token else None
    if after is not None:
        query = query.filter(id__lt=after)
    rows = list(query.order_by("-id").limit(size + 1))
    items = rows[:size]
    return Page(
        items=items,
        next_query=_query(params, IdCursor(id=items[-1].id)) if len(rows) > size else None,
        first_query=first_page_query(params) if after is not None else None,
    )


def ranked_page(fetch, *, params, size: int = PAGE_SIZE) -> Page:
    """The page at the cursor's rank of a list ranked by `fetch(offset=, limit=) -> (rows,
    more)`; like every ranked list it ends at the codec's MAX_RANK."""
    token = params.get(CURSOR, "")
    offset = cursors.decode_rank(token).offset if token else 0
    last = min(offset + size, cursors.MAX_RANK)
    items, more = fetch(offset=offset, limit=last - offset)
    more = more and last < cursors.MAX_RANK
    return Page(
        items=items,
        next_query=_query(params, RankCursor(offset=last)) if more else None,
        first_query=first_page_query(params) if offset else None,
        previous_query=_query(params, RankCursor(offset=offset - size)) if offset > size else None,
    )
