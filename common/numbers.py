"""Whole numbers read from requests: plain ASCII digits within a range, nothing else."""

import re

# No page or size a request names needs more digits; a longer run is refused, not converted.
DIGITS = re.compile(r"[0-9]{1,15}")


def whole_number(raw: str | None, *, low: int, high: int) -> int | None:
    """The number `raw` writes in plain digits when it lies in [low, high], else None.

    str.isdigit() also takes superscripts ("²", which int() then refuses) and other scripts'
    digits, and int() takes signs, spaces, underscores and digits by the thousand: a number in
    a query string is none of these, so neither decides alone.
    """
    if raw is None or not DIGITS.fullmatch(raw):
        return None
    number = int(raw)
    return number if low <= number <= high else None
