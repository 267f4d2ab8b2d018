"""Registration with e-mailed codes: every way it can go wrong, through the HTTP API."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.documents import PendingRegistration, User
from accounts.tests.helpers import codes_mailed, image_upload, otp_from_mail

REGISTER = "/api/v1/auth/register"
VERIFY = "/api/v1/auth/register/verify"
RESEND = "/api/v1/auth/register/resend"
LOGIN = "/api/v1/auth/login"
OWNER_PASSWORD = "cobol-compiler-1959"
MALLORY = {"username": "mallory", "full_name": "Mallory", "password": "i-choose-your-pass-1"}
MALLORY_PASSWORD = {"password": MALLORY["password"]}


def register(client, **overrides):
    data = {
        "username": "grace",
        "email": "grace@example.com",
        "full_name": "Grace Hopper",
        "password": "cobol-compiler-1959",
    }
    data.update(overrides)
    return client.post(REGISTER, data, format="json")


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_verify_with_the_right_code_creates_a_verified_user(api_client, mailoutbox):
    assert register(api_client).status_code == 202
    code = otp_from_mail(mailoutbox, "grace@example.com")
    response = api_client.post(VERIFY, {"email": "grace@example.com", "otp": code}, format="json")
    assert response.status_code == 201
    assert set(response.json()) == {"user", "access", "refresh"}
    assert User.objects.get(email="grace@example.com").email_verified


def test_wrong_code_counts_attempts_and_the_fifth_kills_it(api_client, mailoutbox):
    register(api_client)
    code = otp_from_mail(mailoutbox, "grace@example.com")
    bad = wrong_code(code)
    codes = []
    for _ in range(5):
        response = api_client.post(
            VERIFY, {"email": "grace@example.com", "otp": bad}, format="json"
        )
        assert response.status_code == 400
        codes.append(response.json()["error"]["code"])
    assert codes == ["otp_invalid"] * 4 + ["otp_exhausted"]
    assert PendingRegistration.objects.get(email="grace@example.com").attempts == 5
    get_redis_reset()
    response = api_client.post(VERIFY, {"email": "grace@example.com", "otp": code}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_exhausted"
    assert User.objects.count() == 0


def get_redis_reset():
    """Clear throttle buckets so a test can look past the verify throttle."""
    from common.redis import get_redis

    get_redis().flushdb()


def test_expired_code_is_refused(api_client, mailoutbox):
    register(api_client)
    code = otp_from_mail(mailoutbox, "grace@example.com")
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__otp_expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = api_client.post(VERIFY, {"email": "grace@example.com", "otp": code}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_expired"
    assert User.objects.count() == 0


def test_resend_has_a_cooldown_and_replaces_the_code(api_client, mailoutbox):
    register(api_client)
    first = otp_from_mail(mailoutbox, "grace@example.com")
    response = api_client.post(RESEND, {"email": "grace@example.com"}, format="json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["error"]["code"] == "throttled"
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__sent_at=timezone.now() - timedelta(minutes=2), set__attempts=5
    )
    assert api_client.post(RESEND, {"email": "grace@example.com"}, format="json").status_code == 202
    second = otp_from_mail(mailoutbox, "grace@example.com")
    assert len(mailoutbox) == 2
    pending = PendingRegistration.objects.get(email="grace@example.com")
    assert pending.attempts == 0
    if first != second:
        stale = api_client.post(VERIFY, {"email": "grace@example.com", "otp": first}, format="json")
        assert stale.status_code == 400
    ok = api_client.post(VERIFY, {"email": "grace@example.com", "otp": second}, format="json")
    assert ok.status_code == 201


def test_resend_for_an_unknown_address_reveals_nothing(api_client, mailoutbox):
    response = api_client.post(RESEND, {"email": "nobody@example.com"}, format="json")
    assert response.status_code == 202
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("username", "email", "field"),
    [("GRACE", "other@example.com", "username"), ("other", "Grace@EXAMPLE.com", "email")],
)
def test_duplicate_username_or_email_in_any_case_is_a_conflict(
    api_client, make_user, mailoutbox, username, email, field
):
    make_user(username="grace", email="grace@example.com")
    response = register(api_client, username=username, email=email)
    assert response.status_code == 409
    body = response.json()
    assert body["error"]["code"] == "conflict"
    assert field in body["error"]["fields"]
    assert PendingRegistration.objects.count() == 0
    assert mailoutbox == []


def test_first_verifier_wins_when_two_pending_sign_ups_share_a_username(api_client, mailoutbox):
    register(api_client, email="one@example.com")
    register(api_client, email="two@example.com", username="Grace")
    one = otp_from_mail(mailoutbox, "one@example.com")
    two = otp_from_mail(mailoutbox, "two@example.com")
    assert (
        api_client.post(VERIFY, {"email": "one@example.com", "otp": one}, format="json").status_code
        == 201
    )
    late = api_client.post(VERIFY, {"email": "two@example.com", "otp": two}, format="json")
    assert late.status_code == 409
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "a"}, "username"),
        ({"username": "bad name!"}, "username"),
        ({"email": "not-an-email"}, "email"),
        ({"password": "123"}, "password"),
        ({"full_name": ""}, "full_name"),
        ({"is_staff": True}, "is_staff"),
    ],
)
def test_bad_registration_input_is_a_400_naming_the_field(api_client, mailoutbox, overrides, field):
    response = register(api_client, **overrides)
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "validation_error"
    assert field in body["error"]["fields"]
    assert body["request_id"] == response["X-Request-ID"]
    assert PendingRegistration.objects.count() == 0
    assert mailoutbox == []


def test_a_fake_image_is_refused_and_nothing_is_stored(api_client, mailoutbox):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("avatar.png", b"this is not a picture", content_type="image/png")
    data = {
        "username": "grace",
        "email": "grace@example.com",
        "full_name": "Grace Hopper",
        "password": "cobol-compiler-1959",
        "avatar": fake,
    }
    response = api_client.post(REGISTER, data, format="multipart")
    assert response.status_code == 400
    assert "avatar" in response.json()["error"]["fields"]
    assert PendingRegistration.objects.count() == 0


def test_images_given_at_registration_land_on_the_user(api_client, mailoutbox):
    data = {
        "username": "grace",
        "email": "grace@example.com",
        "full_name": "Grace Hopper",
        "password": "cobol-compiler-1959",
        "avatar": image_upload("a.png"),
        "cover_image": image_upload("c.jpg", size=(320, 90), fmt="JPEG"),
    }
    assert api_client.post(REGISTER, data, format="multipart").status_code == 202
    code = otp_from_mail(mailoutbox, "grace@example.com")
    user = api_client.post(
        VERIFY, {"email": "grace@example.com", "otp": code}, format="json"
    ).json()["user"]
    assert user["avatar_url"].endswith(".png")
    assert user["cover_image_url"].endswith(".jpg")


@pytest.mark.redis
def test_verify_is_throttled_per_email(api_client, mailoutbox):
    register(api_client)
    code = otp_from_mail(mailoutbox, "grace@example.com")
    for _ in range(5):
        api_client.post(
            VERIFY, {"email": "grace@example.com", "otp": wrong_code(code)}, format="json"
        )
    response = api_client.post(VERIFY, {"email": "grace@example.com", "otp": code}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 900


@pytest.mark.redis
def test_register_is_throttled_per_address(api_client, settings, mailoutbox):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "register": "2/h"}
    assert register(api_client, email="a@example.com", username="aaa").status_code == 202
    assert register(api_client, email="b@example.com", username="bbb").status_code == 202
    response = register(api_client, email="c@example.com", username="ccc")
    assert response.status_code == 429
    assert PendingRegistration.objects.count() == 2


def verify(client, code: str, email: str = "grace@example.com"):
    return client.post(VERIFY, {"email": email, "otp": code}, format="json")


def login_status(client, who: str, password: str) -> int:
    return client.post(LOGIN, {"login": who, "password": password}, format="json").status_code


def test_a_second_sign_up_for_a_waiting_address_cannot_take_it_over(api_client, mailoutbox):
    first = register(api_client)
    owner_code = otp_from_mail(mailoutbox, "grace@example.com")
    second = register(api_client, **MALLORY)
    assert (second.status_code, second.json()) == (first.status_code, first.json())

    created = None
    for code in codes_mailed(mailoutbox, "grace@example.com"):
        response = verify(api_client, code)
        if response.status_code == 201:
            created = response.json()["user"]
            break
    assert created is not None and created["username"] == "grace"
    assert created["full_name"] == "Grace Hopper"
    assert User.objects.count() == 1
    assert login_status(api_client, "grace@example.com", OWNER_PASSWORD) == 200
    assert login_status(api_client, "grace@example.com", MALLORY["password"]) == 401
    assert login_status(api_client, "mallory", MALLORY["password"]) == 401
    assert owner_code in codes_mailed(mailoutbox, "grace@example.com")


def test_the_owners_first_code_still_works_after_someone_else_signs_up_again(
    api_client, mailoutbox
):
    register(api_client)
    owner_code = otp_from_mail(mailoutbox, "grace@example.com")
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__sent_at=timezone.now() - timedelta(minutes=10)
    )
    assert register(api_client, **MALLORY).status_code == 202
    assert codes_mailed(mailoutbox, "grace@example.com") == [owner_code]
    response = verify(api_client, owner_code)
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "grace"


def test_someone_else_signing_up_again_only_gets_the_address_a_notice(api_client, mailoutbox):
    register(api_client)
    owner_code = otp_from_mail(mailoutbox, "grace@example.com")
    register(api_client, **MALLORY)
    register(api_client, **MALLORY)
    assert len(mailoutbox) == 2
    notice = mailoutbox[-1]
    assert notice.to == ["grace@example.com"]
    assert "already waiting" in notice.subject
    assert "mallory" not in notice.body.lower()
    assert codes_mailed(mailoutbox, "grace@example.com") == [owner_code]


def test_the_registrant_signing_up_again_gets_a_fresh_code_once_per_cooldown(
    api_client, mailoutbox
):
    register(api_client)
    assert register(api_client).status_code == 202
    assert len(mailoutbox) == 1
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__sent_at=timezone.now() - timedelta(minutes=2)
    )
    assert register(api_client, username="someone_else", full_name="Other").status_code == 202
    fresh = codes_mailed(mailoutbox, "grace@example.com")
    assert len(fresh) == 2
    response = verify(api_client, fresh[0])
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "grace"


def test_a_code_confirms_only_the_sign_up_it_was_mailed_for(api_client, mailoutbox):
    register(api_client)
    code = otp_from_mail(mailoutbox, "grace@example.com")
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__password=make_password(MALLORY["password"])
    )
    response = verify(api_client, code)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_invalid"
    assert User.objects.count() == 0


def test_an_expired_sign_up_can_be_started_again(api_client, mailoutbox):
    register(api_client, **MALLORY)
    PendingRegistration.objects(email="grace@example.com").update_one(
        set__expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert register(api_client).status_code == 202
    response = verify(api_client, otp_from_mail(mailoutbox, "grace@example.com"))
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "grace"
    assert login_status(api_client, "grace", OWNER_PASSWORD) == 200


def test_resending_a_code_does_not_extend_a_waiting_sign_up(api_client, mailoutbox):
    register(api_client)
    started = PendingRegistration.objects.get(email="grace@example.com")
    PendingRegistration.objects(id=started.id).update_one(
        set__sent_at=timezone.now() - timedelta(minutes=2)
    )
    assert api_client.post(RESEND, {"email": "grace@example.com"}, format="json").status_code == 202
    assert len(codes_mailed(mailoutbox, "grace@example.com")) == 2
    assert PendingRegistration.objects.get(id=started.id).expires_at == started.expires_at


def test_the_code_mail_names_the_account_it_creates(api_client, mailoutbox):
    register(api_client)
    assert "@grace" in mailoutbox[0].body


def look_alikes(name: str) -> list[str]:
    """Spellings of NAME@example.com that look the same or are the same host: a full-width
    letter, a full-width domain, an invisible zero-width space, capitals."""
    return [
        f"{name}@exa\uff4dple.com",
        f"{name}@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",
        f"{name}@exa\u200bmple.com",
        f"{name.title()}@EXAMPLE.com",
    ]


def sign_in_spellings(name: str) -> list[str]:
    """With an ideographic full stop it is no address to register, but names the account."""
    return [*look_alikes(name), f"{name}@example\u3002com"]


LOOK_ALIKES = look_alikes("alice")


@pytest.mark.parametrize("email", LOOK_ALIKES)
def test_a_look_alike_of_a_taken_email_is_taken(api_client, mailoutbox, make_user, email):
    make_user(username="alice", email="alice@example.com")
    response = register(api_client, email=email, username="mallory", **MALLORY_PASSWORD)
    assert response.status_code == 409
    assert response.json()["error"]["fields"]["email"]
    assert PendingRegistration.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize("email", LOOK_ALIKES)
def test_a_sign_up_under_a_look_alike_is_the_sign_up_of_the_one_address(
    api_client, mailoutbox, email
):
    response = register(api_client, email=email, username="alice")
    assert response.status_code == 202
    assert response.json()["email"] == "alice@example.com"
    assert [message.to for message in mailoutbox] == [["alice@example.com"]]
    assert register(api_client, email="alice@example.com", **MALLORY).status_code == 202
    [code] = codes_mailed(mailoutbox, "alice@example.com")
    created = verify(api_client, code, email=email)
    assert created.status_code == 201
    assert User.objects.get(username="alice").email == "alice@example.com"


def test_an_international_domain_is_one_address_in_either_spelling(
    api_client, mailoutbox, make_user
):
    make_user(username="ute", email="ute@xn--bcher-kva.de")
    taken = register(api_client, email="ute@B\u00dcCHER.de", username="mallory")
    assert taken.status_code == 409
    response = register(api_client, email="max@b\u00fccher.de", username="max")
    assert response.json()["email"] == "max@xn--bcher-kva.de"
    assert mailoutbox[-1].to == ["max@xn--bcher-kva.de"]


def test_an_email_whose_domain_is_no_host_name_is_a_400(api_client, mailoutbox):
    response = register(api_client, email="bob@love\u2764.com")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["email"]
    assert PendingRegistration.objects.count() == 0 and mailoutbox == []


def test_login_by_a_look_alike_email_is_login_by_that_email(api_client, make_user):
    make_user(username="alice", email="alice@example.com")
    for email in sign_in_spellings("alice"):
        assert login_status(api_client, email, "S3cure-pass!") == 200, email


@pytest.mark.redis
def test_look_alikes_of_an_address_share_its_verify_throttle(api_client, mailoutbox):
    register(api_client)
    code = otp_from_mail(mailoutbox, "grace@example.com")
    for email in sign_in_spellings("grace"):
        verify(api_client, wrong_code(code), email=email)
    response = verify(api_client, code, email="grace@ex\uff41mple.com")
    assert response.status_code == 429
