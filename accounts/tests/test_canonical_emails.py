"""Addresses stored before they were kept canonical: `manage.py normalise_emails` rewrites them,
and reports an account whose address is a look-alike of another's instead of merging them."""

import io

from django.core.management import call_command

from accounts.documents import User


def normalise_emails() -> str:
    out = io.StringIO()
    call_command("normalise_emails", stdout=out)
    return out.getvalue()


def test_stored_addresses_become_canonical_and_look_alikes_of_taken_ones_are_named(make_user):
    alice = make_user(username="alice", email="alice@example.com")
    mallory = make_user(username="mallory", email="alice@exa\uff4dple.com")
    bob = make_user(username="bob", email="Bob@B\u00fccher.de")
    carol = make_user(username="carol", email="carol@\uff45xample.org")
    report = normalise_emails()
    emails = {user.username: user.reload().email for user in (alice, mallory, bob, carol)}
    assert emails == {
        "alice": "alice@example.com",
        "mallory": "alice@exa\uff4dple.com",
        "bob": "bob@xn--bcher-kva.de",
        "carol": "carol@example.org",
    }
    assert "2 stored addresses made canonical" in report
    assert "mallory: alice@example.com belongs to another account" in report
    again = normalise_emails()
    assert "0 stored addresses made canonical" in again
    assert User.objects(email="alice@example.com").count() == 1
