"""tus 1.0 on the wire: what this server speaks, and its request headers read strictly.

Every value is checked before anything is stored: a header that is not what the protocol says
is a RuleViolation naming the header.
"""

import base64
import binascii
import re
from datetime import UTC, datetime
from email.utils import format_datetime

from common.errors import RuleViolation

TUS_VERSION = "1.0.0"
EXTENSIONS = ("creation", "creation-with-upload", "termination", "checksum", "expiration")
CHECKSUM_ALGORITHMS = ("sha1",)
OFFSET_STREAM = "application/offset+octet-stream"
# Sizes and offsets: plain ASCII digits, at most 2^63 - 1 (19 digits).
_SIZE = re.compile(r"^[0-9]{1,19}$")
_METADATA_KEY = re.compile(r"^[!-+\--~]+$")  # visible ASCII but the comma
METADATA_MAX_CHARS = 4096
SHA1_BYTES = 20


def _refuse(header: str, message: str) -> RuleViolation:
    return RuleViolation.on_field(header, message)


def size(value: str | None, *, header: str) -> int:
    """A non-negative byte count or offset."""
    if value is None:
        raise _refuse(header, f"The {header} header is required.")
    if not _SIZE.match(value) or int(value) >= 2**63:
        raise _refuse(header, f"{header} must be a whole number of bytes, 0 or more.")
    return int(value)


def metadata(value: str) -> dict[str, str]:
    """Upload-Metadata: comma-separated "key base64value" pairs (the value may be absent),
    keys unique; values are UTF-8 text here."""
    header = "Upload-Metadata"
    if len(value) > METADATA_MAX_CHARS:
        raise _refuse(header, f"{header} is longer than {METADATA_MAX_CHARS} characters.")
    pairs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        key, _, encoded = item.partition(" ")
        if not _METADATA_KEY.match(key) or " " in encoded.strip():
            raise _refuse(header, f"{header} pairs are a key, a space and a base64 value.")
        if key in pairs:
            raise _refuse(header, f"{header} names {key} twice.")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise _refuse(header, f"The value of {key} is not base64 of UTF-8 text.") from None
        if "\x00" in decoded:
            raise _refuse(header, f"The value of {key} holds a NUL character.")
        pairs[key] = decoded
    return pairs


def checksum(value: str | None) -> bytes | None:
    """Upload-Checksum: "sha1 <base64 digest>"; the digest, or None when absent."""
    if value is None:
        return None
    header = "Upload-Checksum"
    algorithm, _, encoded = value.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        supported = ", ".join(CHECKSUM_ALGORITHMS)
        raise _refuse(header, f"Unsupported checksum algorithm; use {supported}.")
    try:
        digest = base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != SHA1_BYTES:
        raise _refuse(header, "The sha1 digest must be 20 bytes in base64.")
    return digest


def http_date(moment: datetime) -> str:
    """A time as HTTP headers write it (Upload-Expires)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)
