"""E-mail addresses in one canonical form, so every spelling of an address is that address."""

import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# The longest address Django's validator considers; anything longer is refused unread.
LONGEST = 320


class NotAnAddress(ValueError):
    """The text is no e-mail address, or its domain is no host name."""


def canonical_email(address: str) -> str:
    """The form of an address that accounts are unique by and that mail is sent to.

    NFKC folds compatibility forms (example.com in full-width letters is example.com); a
    non-ASCII domain becomes its ASCII form by IDNA (UTS 46), which also reads ideographic full
    stops as dots and drops invisible characters; and case is folded throughout, the local part
    too: mail providers treat it case-insensitively and stored addresses were always lower-case.
    """
    if len(address) > LONGEST:
        raise NotAnAddress("The address is too long.")
    local, at, domain = unicodedata.normalize("NFKC", address).strip().rpartition("@")
    if not at:
        raise NotAnAddress("An address has an @.")
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except UnicodeError as exc:
            raise NotAnAddress(f"The domain is no host name: {exc}") from exc
    canonical = f"{local.lower()}@{domain.lower()}"
    try:
        validate_email(canonical)
    except ValidationError as exc:
        raise NotAnAddress("The address is not valid.") from exc
    return canonical
