"""Signed media URLs: valid until they expire, useless once any part is changed."""

import time
from urllib.parse import parse_qs

import pytest

from videos.signing import sign, signed_query, verify

PREFIX = "/api/v1/videos/65f0c0ffee/hls/"
EPOCH = 7


def _parts(query: str) -> tuple[str, str]:
    values = parse_qs(query, strict_parsing=True)
    assert set(values) == {"exp", "sig"}
    return values["exp"][0], values["sig"][0]


def test_signed_query_round_trips():
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature)
    assert len(signature) == 64 and int(signature, 16) >= 0


def test_ttl_defaults_to_the_setting(settings):
    settings.MEDIA_URL_TTL_SECONDS = 90
    expires, _ = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert abs(int(expires) - (time.time() + 90)) <= 2


def test_ttl_falls_back_to_six_hours_without_the_setting(settings):
    del settings.MEDIA_URL_TTL_SECONDS
    expires, _ = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert abs(int(expires) - (time.time() + 6 * 3600)) <= 2


def test_explicit_ttl_wins(settings):
    settings.MEDIA_URL_TTL_SECONDS = 90
    expires, _ = _parts(signed_query(prefix=PREFIX, epoch=EPOCH, ttl=10))
    assert abs(int(expires) - (time.time() + 10)) <= 2


def test_one_signature_covers_only_its_own_prefix():
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert not verify(
        prefix="/api/v1/videos/other/hls/", epoch=EPOCH, expires=expires, signature=signature
    )
    assert not verify(prefix=PREFIX + "../", epoch=EPOCH, expires=expires, signature=signature)


def test_tampered_expiry_is_rejected():
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert not verify(
        prefix=PREFIX, epoch=EPOCH, expires=str(int(expires) + 3600), signature=signature
    )


def test_tampered_signature_is_rejected():
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    flipped = ("0" if signature[0] != "0" else "1") + signature[1:]
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=flipped)
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature.upper())
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature[:-1])


def test_expired_signature_is_rejected():
    expires = 1_700_000_000
    signature = sign(prefix=PREFIX, epoch=EPOCH, expires=expires)
    assert verify(
        prefix=PREFIX, epoch=EPOCH, expires=str(expires), signature=signature, now=expires - 1
    )
    assert not verify(
        prefix=PREFIX, epoch=EPOCH, expires=str(expires), signature=signature, now=expires
    )
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=str(expires), signature=signature)


@pytest.mark.parametrize(
    ("expires", "signature"),
    [(None, "ab"), ("", "ab"), ("4102444800", None), ("4102444800", ""), (None, None)],
)
def test_missing_parts_are_rejected(expires, signature):
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature)


@pytest.mark.parametrize(
    "expires", ["soon", "-4102444800", "4.1e9", "\u0664\u0661\u0660\u0662", "9" * 5000]
)
def test_malformed_expiry_is_rejected_without_raising(expires):
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature="ab")


def test_non_ascii_signature_is_rejected_without_raising():
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires="4102444800", signature="é" * 64)


def test_signature_depends_on_the_secret_key(settings):
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert not verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature)


def test_a_signature_holds_only_for_its_epoch():
    expires, signature = _parts(signed_query(prefix=PREFIX, epoch=EPOCH))
    assert verify(prefix=PREFIX, epoch=EPOCH, expires=expires, signature=signature)
    assert not verify(prefix=PREFIX, epoch=EPOCH + 1, expires=expires, signature=signature)
    assert not verify(prefix=PREFIX, epoch=0, expires=expires, signature=signature)
