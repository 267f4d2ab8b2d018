"""Front ends on other origins: /api/v1 answers CORS for an allowlist, with credentials, so
cookie sign-in and CSRF-checked writes work; nothing else is opened; each run's defaults."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

APP = "https://app.example.com"
STRANGER = "https://elsewhere.example.net"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/users/me"
PASSWORD = "S3cure-pass!"
API_REQUEST_HEADERS = (
    "authorization",
    "content-type",
    "x-csrftoken",
    "x-request-id",
    "x-auth-cookies",
    "idempotency-key",
    "if-none-match",
    "range",
)


@pytest.fixture(autouse=True)
def app_origin_allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    settings.CSRF_TRUSTED_ORIGINS = [APP]


def cors_headers(response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.items() if k.lower().startswith("access-control-")}


def listed(value: str) -> set[str]:
    return {item.strip().lower() for item in value.split(",")}


def preflight(client, path: str, origin: str, method: str, headers: str):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def test_preflight_from_an_allowed_origin_allows_credentials_methods_and_our_headers(
    api_client,
):
    response = preflight(api_client, ME, APP, "PATCH", ", ".join(API_REQUEST_HEADERS))
    assert response.status_code == 200
    headers = cors_headers(response)
    assert headers["access-control-allow-origin"] == APP
    assert headers["access-control-allow-credentials"] == "true"
    assert listed(headers["access-control-allow-headers"]) >= set(API_REQUEST_HEADERS)
    allowed_methods = listed(headers["access-control-allow-methods"])
    assert allowed_methods >= {"get", "post", "put", "patch", "delete"}


def test_responses_to_an_allowed_origin_expose_the_request_id_errors_included(api_client):
    for path, status in (("/api/v1/videos", 200), ("/api/v1/no-such-route", 404)):
        response = api_client.get(path, HTTP_ORIGIN=APP)
        assert response.status_code == status
        headers = cors_headers(response)
        assert headers["access-control-allow-origin"] == APP
        assert headers["access-control-allow-credentials"] == "true"
        exposed = listed(headers["access-control-expose-headers"])
        assert {"x-request-id", "retry-after", "etag", "idempotent-replayed"} <= exposed
        assert "origin" in listed(response["Vary"])


def test_a_disallowed_origin_gets_no_cors_headers_at_all(api_client):
    answered = preflight(api_client, LOGIN, STRANGER, "POST", "content-type")
    assert cors_headers(answered) == {}
    response = api_client.get("/api/v1/videos", HTTP_ORIGIN=STRANGER)
    assert response.status_code == 200
    assert cors_headers(response) == {}


def test_only_the_api_is_opened_to_the_allowed_origin(api_client):
    for path in ("/healthz", "/api/schema/", "/api/docs/"):
        response = api_client.get(path, HTTP_ORIGIN=APP)
        assert response.status_code == 200, path
        assert cors_headers(response) == {}, path


def test_cookie_sign_in_from_the_allowed_origin_then_csrf_checked_writes(make_user):
    make_user(username="frontend")
    browser = APIClient(enforce_csrf_checks=True)
    signed_in = browser.post(
        LOGIN, {"login": "frontend", "password": PASSWORD}, format="json", HTTP_ORIGIN=APP
    )
    assert signed_in.status_code == 200
    assert cors_headers(signed_in)["access-control-allow-credentials"] == "true"
    assert {"access_token", "csrftoken"} <= set(signed_in.cookies)
    token = browser.cookies["csrftoken"].value

    change = {"full_name": "Front End"}
    patch = browser.patch(ME, change, format="json", HTTP_ORIGIN=APP, HTTP_X_CSRFTOKEN=token)
    assert patch.status_code == 200 and patch.json()["full_name"] == "Front End"
    assert cors_headers(patch)["access-control-allow-origin"] == APP

    # The same cookies and token sent by a page of another origin fail Django's origin check.
    forged = browser.patch(ME, change, format="json", HTTP_ORIGIN=STRANGER, HTTP_X_CSRFTOKEN=token)
    assert forged.status_code == 403
    assert forged.json()["error"]["code"] == "csrf_failed"
    assert "CSRF" in forged.json()["error"]["message"]


def settings_of(module: str, **env: str) -> dict:
    """Origin-related settings as a fresh process computes them for `module` and `env`."""
    names = ("CORS_ALLOWED_ORIGINS", "CSRF_TRUSTED_ORIGINS", "CSRF_COOKIE_DOMAIN")
    code = (
        "import importlib, json, sys; s = importlib.import_module(sys.argv[1]); "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    clean = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "x",
        "REDIS_URL": "redis://r",
        "MONGODB_URI": "mongomock://localhost/x",
        "DATABASE_URL": "postgres://u:p@db/x",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, module],
        env={**clean, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_each_run_has_its_own_default_origins_and_csrf_follows_them():
    local_dev = [
        "http://localhost:3000",
        "http://localhost:5173",
        "http://127.0.0.1:3000",
        "http://127.0.0.1:5173",
    ]
    embedded = settings_of("config.settings.local")
    assert embedded["CORS_ALLOWED_ORIGINS"] == local_dev
    assert embedded["CSRF_TRUSTED_ORIGINS"] == local_dev

    production = settings_of("config.settings.production")
    assert production["CORS_ALLOWED_ORIGINS"] == []
    assert production["CSRF_TRUSTED_ORIGINS"] == []
    assert production["CSRF_COOKIE_DOMAIN"] is None

    configured = settings_of(
        "config.settings.production",
        CORS_ALLOWED_ORIGINS=f"{APP}, https://m.example.com",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://admin.example.com,{APP}",
        AUTH_COOKIE_DOMAIN=".example.com",
    )
    assert configured["CORS_ALLOWED_ORIGINS"] == [APP, "https://m.example.com"]
    assert configured["CSRF_TRUSTED_ORIGINS"] == [
        APP,
        "https://m.example.com",
        "https://admin.example.com",
    ]
    assert configured["CSRF_COOKIE_DOMAIN"] == ".example.com"
