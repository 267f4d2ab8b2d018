"""Comment screening: the sentiment score and which hold rule, if any, a comment trips."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

LINK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ly|me|tv|gg|app|dev|info|biz|xyz|ru)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Screening:
    """A comment's score, whether the sentiment rule tripped, and the hold reason ("" if none)."""

    sentiment: float
    is_flagged: bool
    held_reason: str


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float:
    """VADER's compound score, -1 (hostile) to 1 (warm)."""
    return round(_analyzer().polarity_scores(text)["compound"], 4)


def normalise(text: str) -> str:
    """Fold case and strip accents, so "CAFÉ" and "cafe" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def blocklisted(text: str) -> str:
    """The first blocklist entry the text contains as whole words, or ""."""
    folded = normalise(text)
    for entry in settings.COMMENT_BLOCKLIST:
        word = normalise(entry).strip()
        if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
            return entry
    return ""


def has_link(text: str) -> bool:
    return LINK.search(text) is not None


def screen(*, text: str, approval: bool, hold_links: bool) -> Screening:
    """Score the text and name the first hold rule it trips; the item owner passes no flags."""
    score = sentiment(text)
    threshold = settings.COMMENT_HOLD_SENTIMENT
    flagged = score < threshold
    reason = ""
    word = blocklisted(text)
    if flagged:
        reason = f"sentiment: score {score:.2f} is below {threshold:.2f}"
    elif word:
        reason = f"blocklist: contains a blocked word (score {score:.2f})"
    elif hold_links and has_link(text):
        reason = f"links: the item holds comments with links (score {score:.2f})"
    elif approval:
        reason = f"approval: the item holds every comment for approval (score {score:.2f})"
    return Screening(sentiment=score, is_flagged=flagged, held_reason=reason)
