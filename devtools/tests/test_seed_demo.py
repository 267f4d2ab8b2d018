"""The demo seed fills an empty platform with channels whose generated clips get processed."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.slow


def test_seed_demo_creates_watchable_channels_once(api_client):
    call_command("seed_demo")
    call_command("seed_demo")
    items = api_client.get("/api/v1/videos").json()["results"]
    assert sorted(item["owner"]["username"] for item in items) == ["ada", "grace", "nina"]
    assert {item["status"] for item in items} == {"ready"}
    assert sorted(item["kind"] for item in items) == ["audio", "video", "video"]
    login = api_client.post(
        "/api/v1/auth/login", {"login": "ada", "password": "streamsphere-demo"}, format="json"
    )
    assert login.status_code == 200
