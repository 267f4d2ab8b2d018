"""Login, cookies with CSRF, session revocation and suspension, through the HTTP API."""

import pytest

from accounts.documents import AuthSession, User

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/token/refresh"
ME = "/api/v1/users/me"
PASSWORD = "S3cure-pass!"


def login(client, who: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"login": who, "password": password}, format="json", **extra)


def bearer(client, access: str):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def test_login_by_username_or_email_in_any_case(api_client, make_user):
    make_user(username="Linus", email="linus@example.com")
    for who in ("linus", "LINUS", "Linus@Example.COM"):
        response = login(api_client, who)
        assert response.status_code == 200, who
        assert response.json()["user"]["username"] == "Linus"


def test_wrong_password_and_unknown_user_fail_alike(api_client, make_user):
    make_user(username="linus")
    wrong = login(api_client, "linus", "not-the-password")
    unknown = login(api_client, "nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    assert AuthSession.objects.count() == 0


def test_suspended_user_cannot_log_in_or_refresh_or_use_tokens(api_client, make_user):
    user = make_user(username="linus")
    tokens = login(api_client, "linus").json()
    User.objects(id=user.id).update_one(set__is_active=False)
    assert login(api_client, "linus").status_code == 403
    assert login(api_client, "linus").json()["error"]["code"] == "account_suspended"
    refused = api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json")
    assert refused.status_code == 401
    assert bearer(api_client, tokens["access"]).get(ME).status_code == 401


def test_logout_all_ends_every_session(api_client, make_user):
    make_user(username="linus")
    phone, laptop = login(api_client, "linus").json(), login(api_client, "linus").json()
    assert bearer(api_client, phone["access"]).post("/api/v1/auth/logout-all").status_code == 204
    for tokens in (phone, laptop):
        assert bearer(api_client, tokens["access"]).get(ME).status_code == 401
        assert (
            api_client.post(REFRESH, {"refresh": tokens["refresh"]}, format="json").status_code
            == 401
        )
    assert AuthSession.objects(revoked_at=None).count() == 0


def test_password_change_keeps_this_session_and_revokes_the_others(api_client, make_user):
    make_user(username="linus")
    here, there = login(api_client, "linus").json(), login(api_client, "linus").json()
    bearer(api_client, here["access"])
    bad = api_client.post(
        "/api/v1/auth/password/change",
        {"old_password": "wrong", "new_password": "a-much-better-secret"},
        format="json",
    )
    assert bad.status_code == 400 and "old_password" in bad.json()["error"]["fields"]
    weak = api_client.post(
        "/api/v1/auth/password/change",
        {"old_password": PASSWORD, "new_password": "123"},
        format="json",
    )
    assert weak.status_code == 400 and "new_password" in weak.json()["error"]["fields"]
    ok = api_client.post(
        "/api/v1/auth/password/change",
        {"old_password": PASSWORD, "new_password": "a-much-better-secret"},
        format="json",
    )
    assert ok.status_code == 204
    assert api_client.get(ME).status_code == 200
    assert bearer(api_client, there["access"]).get(ME).status_code == 401
    assert login(api_client, "linus").status_code == 401
    assert login(api_client, "linus", "a-much-better-secret").status_code == 200


def test_cookie_auth_needs_csrf_for_writes_but_not_for_reads(make_user):
    from rest_framework.test import APIClient

    make_user(username="linus")
    browser = APIClient(enforce_csrf_checks=True)
    response = login(browser, "linus")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert browser.get(ME).status_code == 200
    patch = browser.patch(ME, {"full_name": "Linus T"}, format="json")
    assert patch.status_code == 403
    assert "CSRF" in patch.json()["error"]["message"]
    token = browser.cookies["csrftoken"].value
    patch = browser.patch(ME, {"full_name": "Linus T"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert patch.status_code == 200 and patch.json()["full_name"] == "Linus T"


def test_refresh_from_cookie_rotates_cookies(make_user):
    from rest_framework.test import APIClient

    make_user(username="linus")
    browser = APIClient(enforce_csrf_checks=True)
    login(browser, "linus")
    old = browser.cookies["refresh_token"].value
    assert browser.post(REFRESH, {}, format="json").status_code == 403
    token = browser.cookies["csrftoken"].value
    response = browser.post(REFRESH, {}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert browser.cookies["refresh_token"].value != old


@pytest.mark.redis
def test_login_is_throttled_per_account(api_client, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_account": "3/15m"}
    make_user(username="linus")
    for _ in range(3):
        assert login(api_client, "linus", "guess").status_code == 401
    blocked = login(api_client, "LINUS")
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert int(blocked["Retry-After"]) > 0
    make_user(username="other")
    assert login(api_client, "other").status_code == 200


@pytest.mark.redis
def test_login_is_throttled_per_address(api_client, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_address": "2/15m"}
    make_user(username="linus")
    assert login(api_client, "a", "x").status_code == 401
    assert login(api_client, "b", "x").status_code == 401
    assert login(api_client, "linus").status_code == 429
    assert login(api_client, "linus", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_tampered_and_refresh_tokens_are_not_access_tokens(api_client, make_user):
    make_user(username="linus")
    tokens = login(api_client, "linus").json()
    assert bearer(api_client, tokens["refresh"]).get(ME).status_code == 401
    assert bearer(api_client, tokens["access"][:-2] + "xx").get(ME).status_code == 401
    response = api_client.post(REFRESH, {"refresh": "garbage"}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


@pytest.mark.redis
def test_a_login_sent_as_a_json_number_counts_against_its_account(api_client, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_account": "3/15m"}
    make_user(username="12345678")
    # A number is not a login (400), but the try still counts against the account it names.
    assert login(api_client, 12345678, "guess").status_code == 400
    assert login(api_client, "12345678", "guess").status_code == 401
    assert login(api_client, 12345678, "guess").status_code == 400
    blocked = login(api_client, 12345678)
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert login(api_client, "12345678").status_code == 429


@pytest.mark.redis
def test_username_and_email_of_one_account_share_its_login_bucket(api_client, make_user, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_account": "3/15m"}
    make_user(username="linus", email="torvalds@example.com")
    assert login(api_client, "linus", "guess").status_code == 401
    assert login(api_client, "Torvalds@Example.com", "guess").status_code == 401
    assert login(api_client, " LINUS ", "guess").status_code == 401
    assert login(api_client, "torvalds@example.com").status_code == 429
    assert login(api_client, "linus").status_code == 429


@pytest.mark.redis
def test_guessing_an_unknown_login_is_limited_too(api_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "login_account": "2/15m"}
    assert login(api_client, "Nobody", "guess").status_code == 401
    assert login(api_client, " nobody ", "guess").status_code == 401
    assert login(api_client, "NOBODY", "guess").status_code == 429
    assert login(api_client, 12345, "guess").status_code == 400
    assert login(api_client, "12345", "guess").status_code == 401
    assert login(api_client, 12345, "guess").status_code == 429
