"""Comment screening: the sentiment score and which hold rule, if any, a comment trips."""

import ipaddress
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# IANA's list of every delegated top-level domain (data.iana.org/TLD/tlds-alpha-by-domain.txt).
TLD_FILE = Path(__file__).with_name("tlds-alpha-by-domain.txt")
# The ideographic full stop, which host names may use for "." (UTS 46) and NFKC leaves alone
# (it folds the full-width and half-width ones into "." and into this one).
IDEOGRAPHIC_DOT = str.maketrans({"\u3002": "."})
# Anything that cannot be part of a host name splits the text into runs that may be one.
NOT_HOST = re.compile(r"[^\w.-]|_")
# What wraps or ends a word in prose without being part of it.
WRAPPING = "()[]{}<>'\"*.,;!?"


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


@lru_cache(maxsize=1)
def top_level_domains() -> frozenset[str]:
    """Every TLD, so a host on one delegated since a list of favourites was written counts."""
    lines = TLD_FILE.read_text(encoding="ascii").split()
    return frozenset(line.lower() for line in lines if not line.startswith("#"))


def _is_tld(label: str) -> bool:
    if label.isascii():
        return label.lower() in top_level_domains()
    try:
        ascii_label = label.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    return ascii_label in top_level_domains()


def _is_label(label: str) -> bool:
    return 0 < len(label) <= 63 and label.replace("-", "").isalnum() and label[0] != "-"


def _is_ip(token: str) -> bool:
    try:
        address = ipaddress.ip_address(token.strip("[]"))
    except ValueError:
        return False
    return not address.is_unspecified


def _names_a_host(run: str, *, alone: bool) -> bool:
    """Whether a run of letters, digits, dots and hyphens names a host.

    A delegated top-level domain after a valid label makes one ("evil.shop"), unless the run
    stands alone and reads as two sentences missing a space ("the end.Next time"): a capital
    after the full stop of a lower-case word.
    """
    labels = run.strip(".-").split(".")
    if labels[0].lower() == "www" and len(labels) > 1 and _is_label(labels[1]):
        return True
    if len(labels) == 4 and all(label.isascii() and label.isdigit() for label in labels):
        return _is_ip(".".join(labels))
    for before, label in itertools.pairwise(labels):
        if not (_is_tld(label) and _is_label(before)):
            continue
        sentence_join = before[-1].islower() and label.istitle() and len(labels) == 2
        if not (alone and sentence_join):
            return True
    return False


def has_link(text: str) -> bool:
    """Whether the text holds anything a reader could follow as a link: a URL of any scheme,
    a host on any delegated top-level domain (full-width letters and ideographic full stops
    folded first, as browsers do), an e-mail address's domain, or a bare IP address.

    Linear in the text: it is split into tokens and runs, never matched by backtracking.
    """
    folded = unicodedata.normalize("NFKC", text).translate(IDEOGRAPHIC_DOT)
    for token in folded.split():
        if "://" in token or (token.count(":") >= 2 and _is_ip(token.strip(WRAPPING))):
            return True
        bare = token.strip(WRAPPING + ":")
        runs = NOT_HOST.split(token)
        if any(run and _names_a_host(run, alone=run == bare) for run in runs):
            return True
    return False


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
