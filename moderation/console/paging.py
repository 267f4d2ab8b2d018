"""Keyset pages for console lists: newest first by id, one query per page whatever its length."""

from dataclasses import dataclass
from urllib.parse import urlencode

from bson import ObjectId
from bson.errors import InvalidId

PAGE_SIZE = 25


@dataclass(frozen=True)
class Page:
    """One page of documents and the query strings of the pages around it."""

    items: list
    next_query: str | None
    first_query: str | None


def _cursor(raw: str) -> ObjectId | None:
    try:
        return ObjectId(raw) if raw else None
    except (InvalidId, TypeError):
        return None


def keyset_page(query, *, params, size: int = PAGE_SIZE) -> Page:
    """Fetch the page after the `after` cursor in `params` (a QueryDict) in one round-trip."""
    after = _cursor(params.get("after", ""))
    if after is not None:
        query = query.filter(id__lt=after)
    rows = list(query.order_by("-id").limit(size + 1))
    items = rows[:size]
    kept = {key: value for key, value in params.items() if key not in {"after", "page"} and value}
    next_query = None
    if len(rows) > size:
        next_query = urlencode({**kept, "after": str(items[-1].id)})
    first_query = urlencode(kept) if after is not None else None
    return Page(items=items, next_query=next_query, first_query=first_query)
