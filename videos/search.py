"""Search tokens: the one tokenizer for what items store and what queries ask."""

import re

_WORD = re.compile(r"[\w']+", re.UNICODE)
PREFIX_MIN, PREFIX_MAX = 2, 12
MAX_QUERY_TOKENS = 8


def words(text: str) -> list[str]:
    """Lower-case words of a text, in order."""
    return _WORD.findall(text.lower())


def document_tokens(*, title: str, description: str, tags: list[str]) -> list[str]:
    """Words of the title, description and tags plus title prefixes, for indexed search."""
    tokens: set[str] = set()
    for word in words(title):
        tokens.add(word)
        tokens.update(word[:n] for n in range(PREFIX_MIN, min(len(word), PREFIX_MAX) + 1))
    tokens.update(words(description))
    for tag in tags:
        tokens.update(words(tag))
    return sorted(tokens)


def query_tokens(q: str) -> list[str]:
    """The tokens a query must all match, capped so a query stays one cheap index scan."""
    return words(q)[:MAX_QUERY_TOKENS]
