"""Hostile JSON: deep nesting is a 400 in the error shape on every JSON input, never a 500;
a cursor holding what no page could start from is a 404."""

import base64
import json

import pytest
from django.urls import get_resolver
from rest_framework.parsers import JSONParser as DRFJSONParser

from common.api.parsers import JSONParser

BASE = "/api/v1"


def nested(size: int) -> str:
    """About `size` bytes of [[[...]]]."""
    depth = size // 2
    return "[" * depth + "]" * depth


def assert_parse_error(response):
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert set(body) == {"error", "request_id"}
    assert body["error"]["code"] == "parse_error"
    assert body["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize("size", [4 * 1024, 100 * 1024], ids=["4kB", "100kB"])
def test_deeply_nested_json_to_login_is_a_parse_error(api_client, size):
    response = api_client.post(f"{BASE}/auth/login", nested(size), content_type="application/json")
    assert_parse_error(response)


@pytest.mark.parametrize("size", [4 * 1024, 100 * 1024], ids=["4kB", "100kB"])
def test_deeply_nested_json_to_an_authenticated_route_is_a_parse_error(auth_client, size):
    client = auth_client()
    body = '{"full_name": ' + nested(size) + "}"
    response = client.patch(f"{BASE}/users/me", body, content_type="application/json")
    assert_parse_error(response)


def test_json_deeper_than_any_input_needs_is_refused_below_the_recursion_limit(api_client):
    body = '{"login": ' + "[" * 200 + "]" * 200 + ', "password": "x"}'
    response = api_client.post(f"{BASE}/auth/login", body, content_type="application/json")
    assert_parse_error(response)


def test_a_cursor_holding_deeply_nested_json_is_a_404_like_any_invalid_cursor(api_client):
    cursor = base64.urlsafe_b64encode(nested(700).encode()).decode().rstrip("=")
    response = api_client.get(f"{BASE}/videos", {"cursor": cursor})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("value", [2**63, 10**30, -(2**63) - 1], ids=["2^63", "10^30", "-2^63-1"])
@pytest.mark.parametrize(("route", "sort"), [("videos", "views"), ("trending", None)])
def test_a_cursor_holding_a_number_no_store_can_hold_is_a_404(api_client, route, sort, value):
    packed = (
        {"o": value} if route == "trending" else {"t": "v", "v": value, "i": "0" * 24, "b": False}
    )
    cursor = base64.urlsafe_b64encode(json.dumps(packed).encode()).decode().rstrip("=")
    params = {"cursor": cursor, **({"sort": sort} if sort else {})}
    response = api_client.get(f"{BASE}/{route}", params)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "invalid_cursor"


def _views(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern)
        else:
            yield pattern.callback


def test_every_api_view_parses_json_with_the_bounded_parser():
    checked = 0
    for callback in _views(get_resolver()):
        view_class = getattr(callback, "cls", None)
        if view_class is None or not hasattr(view_class, "parser_classes"):
            continue
        for parser in view_class.parser_classes:
            assert not (issubclass(parser, DRFJSONParser) and not issubclass(parser, JSONParser)), (
                f"{view_class.__name__} parses JSON with {parser.__name__}"
            )
        checked += 1
    assert checked
