"""API conventions every endpoint inherits: error shape, request ids, probes, schema."""

import json
import re

import pytest
from django.core.management import call_command

from tests.contract import openapi

BASE = "/api/v1"


def assert_error_shape(response, status: int, code: str):
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"error", "request_id"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["request_id"] == response["X-Request-ID"]


def test_unknown_route_is_a_json_404(api_client):
    response = api_client.get("/no/such/route")
    assert response["Content-Type"].startswith("application/json")
    assert_error_shape(response, 404, "not_found")
    assert_error_shape(api_client.get(f"{BASE}/nope"), 404, "not_found")


def test_wrong_method_is_a_405_in_shape(api_client):
    assert_error_shape(api_client.get(f"{BASE}/auth/login"), 405, "method_not_allowed")


def test_malformed_json_is_a_400_in_shape(api_client):
    response = api_client.post(f"{BASE}/auth/login", "{not json", content_type="application/json")
    assert_error_shape(response, 400, "parse_error")


def test_request_id_is_echoed_or_minted(api_client):
    echoed = api_client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")
    assert echoed["X-Request-ID"] == "abc-123"
    minted = api_client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces\n")
    assert len(minted["X-Request-ID"]) == 32


def test_uncaught_exception_is_a_500_without_a_trace(api_client, monkeypatch):
    from accounts import services

    def explode(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "authenticate_credentials", explode)
    response = api_client.post(f"{BASE}/auth/login", {"login": "a", "password": "b"}, format="json")
    assert_error_shape(response, 500, "error")
    assert "secret internals" not in response.content.decode()


def test_healthz(api_client):
    response = api_client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_ready(api_client):
    response = api_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"mongo": "ok", "redis": "ok", "sql": "ok"}


@pytest.mark.django_db
def test_readyz_names_the_store_that_is_down(api_client, monkeypatch):
    from config import health

    def down():
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "redis", down)
    response = api_client.get("/readyz")
    assert_error_shape(response, 503, "service_unavailable")
    assert "redis" in response.json()["error"]["message"]
    assert list(response.json()["error"]["fields"]) == ["redis"]


def test_metrics_are_prometheus_text(api_client):
    api_client.get("/healthz")
    response = api_client.get("/metrics")
    assert response.status_code == 200
    assert b"streamsphere_http_requests_total" in response.content


def test_schema_validates_and_documents_bearer_auth(tmp_path):
    out = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(out),
    )
    schema = json.loads(out.read_text())
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert f"{BASE}/auth/login" in schema["paths"]


def test_docs_pages_are_served(api_client):
    assert api_client.get("/api/docs/").status_code == 200
    assert api_client.get("/api/redoc/").status_code == 200
    assert api_client.get("/api/schema/").status_code == 200


@pytest.mark.parametrize(
    "limit", ["\u0663", "\u00b2", " 5", "+5", "1_0", "5.0", "9" * 5000, "0", "101"]
)
def test_a_page_size_that_is_not_plain_digits_in_range_is_a_400(api_client, limit):
    response = api_client.get("/api/v1/videos", {"limit": limit})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "limit": ["A whole number from 1 to 100 is required."]
    }


def test_error_fields_name_each_input_by_its_path_with_a_list_of_messages(auth_client):
    client = auth_client()
    response = client.patch(
        "/api/v1/users/me/notification-settings",
        {"new_video": {"web": "yes"}, "comment": {"mail": True}},
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields == {
        "new_video.web": ["A JSON boolean is required."],
        "comment.mail": ["Unknown field."],
    }
    marked = client.post("/api/v1/notifications/read", {"ids": ["0" * 24, "x"]}, format="json")
    assert list(marked.json()["error"]["fields"]) == ["ids.1"]


def _routes_anyone_may_read() -> list[str]:
    """Every documented path with an operation that needs no credentials, its parameters
    filled in."""
    return [
        re.sub(r"\{[^}]+\}", "0", path)
        for path, operations in openapi()["paths"].items()
        if any(operation.get("security") == [] for operation in operations.values())
    ]


@pytest.mark.parametrize("path", _routes_anyone_may_read())
def test_a_method_a_route_does_not_serve_is_a_405_to_anyone(api_client, path):
    response = api_client.generic("TRACE", path)
    assert response.status_code == 405, path
    assert response.json()["error"]["code"] == "method_not_allowed"
