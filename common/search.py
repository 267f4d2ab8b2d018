"""Search tokens: the one tokenizer for what documents store and what queries ask.

Text is case-folded and stripped of accents (é = e, ß = ss). A document stores each word as
is and, for the fields typed ahead (titles, names, tags), each word's prefixes marked with
PREFIX, so a query tells an exact word from a prefix match on one indexed array (no $text).
"""

import re
import unicodedata

_WORD = re.compile(r"[\w']+", re.UNICODE)
PREFIX = ">"
PREFIX_MIN, PREFIX_MAX = 2, 12
MAX_QUERY_TOKENS = 8


def normalize(text: str) -> str:
    """Case- and accent-insensitive form of a text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """Normalized words of a text, in order."""
    return _WORD.findall(normalize(text))


def document_tokens(*, typed_ahead: list[str], plain: list[str] = ()) -> list[str]:
    """Words of every text, plus the marked prefixes of those in `typed_ahead`."""
    tokens: set[str] = set()
    for text in typed_ahead:
        for word in words(text):
            tokens.add(word)
            tokens.update(
                PREFIX + word[:n] for n in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1)
            )
    for text in plain:
        tokens.update(words(text))
    return sorted(tokens)


def query_tokens(q: str) -> list[str]:
    """The words a query must all match, capped so a query stays one cheap index scan."""
    return list(dict.fromkeys(words(q)))[:MAX_QUERY_TOKENS]


def match(tokens: list[str], field: str = "search_tokens") -> dict:
    """A Mongo filter: every query word is a stored word or a prefix of one."""
    return {"$and": [{field: {"$in": [token, PREFIX + token[:PREFIX_MAX]]}} for token in tokens]}


def exact_count(tokens: list[str], field: str = "search_tokens") -> dict:
    """An aggregation expression: how many query words a document holds as whole words."""
    held = {"$ifNull": [f"${field}", []]}
    return {"$add": [{"$cond": [{"$in": [token, held]}, 1, 0]} for token in tokens]}


def ranked(
    *,
    collection,
    where: dict,
    tokens: list[str],
    popularity,
    recency: str,
    offset: int,
    limit: int,
) -> list[dict]:
    """Raw documents matching every token, best first: more whole-word matches, then
    `popularity` (an aggregation expression), then newer `recency`; one aggregation."""
    pipeline = [
        {"$match": {**where, **match(tokens)}},
        {"$addFields": {"_exact": exact_count(tokens), "_popularity": popularity}},
        {"$sort": {"_exact": -1, "_popularity": -1, recency: -1, "_id": -1}},
        {"$skip": offset},
        {"$limit": limit},
    ]
    return list(collection.aggregate(pipeline))


def pop_rank(doc: dict, recency: str) -> tuple:
    """A found document's rank key, taken out of it so the document loads as usual; keys of
    different kinds compare, so lists of items, channels and playlists merge."""
    return (doc.pop("_exact"), doc.pop("_popularity") or 0, doc.get(recency), doc["_id"])
