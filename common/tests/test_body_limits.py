"""Request bodies are capped by route before they are read: a small JSON cap everywhere else."""

import json

from common.tests.helpers import CountingStream

BASE = "/api/v1"


def assert_too_large(response):
    assert response.status_code == 413, response.content[:200]
    body = response.json()
    assert set(body) == {"error", "request_id"}
    assert body["error"]["code"] == "payload_too_large"
    assert body["request_id"] == response["X-Request-ID"]


def oversize_json(settings, **fields) -> str:
    return json.dumps({**fields, "padding": "x" * settings.REQUEST_BODY_MAX_BYTES})


def test_a_json_body_past_the_cap_is_413_on_an_open_route(api_client, settings):
    body = oversize_json(settings, login="linus", password="x")
    response = api_client.post(f"{BASE}/auth/login", body, content_type="application/json")
    assert_too_large(response)


def test_a_json_body_past_the_cap_is_413_on_an_authenticated_route(auth_client, settings):
    client = auth_client()
    body = oversize_json(settings, full_name="Ada")
    response = client.patch(f"{BASE}/users/me", body, content_type="application/json")
    assert_too_large(response)


def test_the_cap_is_refused_before_any_of_the_body_is_read(api_client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    body = json.dumps({"login": "linus", "password": "x" * 2048}).encode()
    stream = CountingStream(body)
    response = api_client.generic(
        "POST",
        f"{BASE}/auth/login",
        body,
        content_type="application/json",
        **{"wsgi.input": stream},
    )
    assert_too_large(response)
    assert stream.bytes_read == 0


def test_a_body_under_the_cap_still_reaches_the_view(auth_client, settings):
    client = auth_client()
    body = json.dumps({"full_name": "x" * (settings.REQUEST_BODY_MAX_BYTES // 2)})
    response = client.patch(f"{BASE}/users/me", body, content_type="application/json")
    assert response.status_code == 400
    assert "full_name" in response.json()["error"]["fields"]


def test_a_body_without_content_length_is_never_read(api_client):
    """Chunked bodies: Django reads no more than CONTENT_LENGTH, so without one it reads nothing."""
    stream = CountingStream(json.dumps({"login": "linus", "password": "x"}).encode())
    response = api_client.generic(
        "POST", f"{BASE}/auth/login", b"", content_type="application/json", **{"wsgi.input": stream}
    )
    assert response.status_code == 400
    assert stream.bytes_read == 0
