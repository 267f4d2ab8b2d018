"""BCP 47 language tags (RFC 5646): well-formedness and the canonical letter case, checked
subtag by subtag, so no pattern ever runs over a whole tag and nothing backtracks."""

MAX_LENGTH = 35
# Tags RFC 5646 keeps whole although the ABNF's subtag rules do not describe them.
GRANDFATHERED = {
    tag.lower(): tag
    for tag in (
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
        "art-lojban",
        "cel-gaulish",
        "no-bok",
        "no-nyn",
        "zh-guoyu",
        "zh-hakka",
        "zh-min",
        "zh-min-nan",
        "zh-xiang",
    )
}
_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyz")
_DIGIT = frozenset("0123456789")
_ALNUM = _ALPHA | _DIGIT


class MalformedTag(ValueError):
    """The text is no well-formed BCP 47 language tag; the message says where it breaks."""


def _alpha(text: str, low: int, high: int) -> bool:
    return low <= len(text) <= high and set(text) <= _ALPHA


def _alnum(text: str, low: int, high: int) -> bool:
    return low <= len(text) <= high and set(text) <= _ALNUM


def _private_use(subtags: list[str]) -> list[str]:
    """ "x" and one or more subtags of 1 to 8 letters or digits."""
    if not subtags or not all(_alnum(subtag, 1, 8) for subtag in subtags):
        raise MalformedTag("A private-use part (x-...) needs subtags of 1 to 8 letters or digits.")
    return ["x", *subtags]


def canonical(tag: str) -> str:
    """The tag in RFC 5646's recommended case (`pt-BR`, `zh-Hant-TW`, `sr-Latn`), or
    MalformedTag. Also refuses repeated variants and repeated extension singletons."""
    if not tag or len(tag) > MAX_LENGTH or not tag.isascii():
        raise MalformedTag(f"Use a language tag of 1 to {MAX_LENGTH} ASCII characters.")
    lowered = tag.lower()
    if lowered in GRANDFATHERED:
        return GRANDFATHERED[lowered]
    subtags = lowered.split("-")
    if subtags[0] == "x":
        return "-".join(_private_use(subtags[1:]))
    out = [_language(subtags)]
    rest = subtags[1:]
    rest, extlangs = _take(rest, lambda s: _alpha(s, 3, 3) and len(out[0]) <= 3, limit=3)
    out += extlangs
    if rest and _alpha(rest[0], 4, 4):
        out.append(rest.pop(0).title())
    if rest and (_alpha(rest[0], 2, 2) or (len(rest[0]) == 3 and set(rest[0]) <= _DIGIT)):
        out.append(rest.pop(0).upper())
    rest, variants = _take(rest, _is_variant)
    if len(set(variants)) != len(variants):
        raise MalformedTag("A variant subtag appears twice.")
    out += variants
    singletons = set()
    while rest and rest[0] != "x":
        singleton = rest.pop(0)
        if len(singleton) != 1 or singleton not in _ALNUM or singleton in singletons:
            raise MalformedTag(f"'{singleton}' is not a subtag this tag can have here.")
        singletons.add(singleton)
        rest, values = _take(rest, lambda s: _alnum(s, 2, 8))
        if not values:
            raise MalformedTag(f"The extension '{singleton}' needs subtags of 2 to 8 characters.")
        out += [singleton, *values]
    if rest:
        out += _private_use(rest[1:])
    return "-".join(out)


def _language(subtags: list[str]) -> str:
    """The primary language subtag: 2 to 3 letters (ISO 639), 4 reserved, 5 to 8 registered."""
    language = subtags[0]
    if not _alpha(language, 2, 8):
        raise MalformedTag("A tag starts with a language of 2 to 8 letters, like en or pt-BR.")
    return language


def _is_variant(subtag: str) -> bool:
    """5 to 8 letters or digits, or a digit and 3 letters or digits."""
    if _alnum(subtag, 5, 8):
        return True
    return len(subtag) == 4 and subtag[0] in _DIGIT and _alnum(subtag, 4, 4)


def _take(subtags: list[str], accepts, *, limit: int | None = None) -> tuple[list[str], list[str]]:
    """Split off the leading subtags `accepts` takes (at most `limit`): (the rest, those)."""
    taken = 0
    while taken < len(subtags) and (limit is None or taken < limit) and accepts(subtags[taken]):
        taken += 1
    return subtags[taken:], subtags[:taken]
