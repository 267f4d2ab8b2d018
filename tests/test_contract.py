"""The schema front ends generate their clients from says what the server sends: the checker
every API test runs through (tests/contract.py) refuses what the schema does not describe, and
times are given in one precision whether the answer comes from a write or a later read."""

import json

import pytest

from tests.contract import check_response, openapi
from videos.tests.helpers import ready_video

VIDEOS = "/api/v1/videos"


def notification(**changes) -> dict:
    entry = {
        "id": "0" * 24,
        "kind": "new_subscriber",
        "actor": None,
        "target": {"type": "channel", "id": "1" * 24, "title": ""},
        "comment_id": None,
        "read": False,
        "created_at": "2026-01-02T03:04:05.678Z",
    }
    return {"results": [{**entry, **changes}], "next": None, "previous": None}


def check_inbox(body: dict) -> None:
    check_response("GET", "/api/v1/notifications", 200, "application/json", json.dumps(body))


def test_a_channel_target_and_a_null_actor_are_what_the_inbox_schema_describes():
    check_inbox(notification())


@pytest.mark.parametrize(
    "changes, where",
    [
        ({"target": {"type": "playlist", "id": "1" * 24, "title": ""}}, "/results/0/target/type"),
        ({"kind": "new_like"}, "/results/0/kind"),
        ({"actor": "someone"}, "/results/0/actor"),
        ({"created_at": "2026-01-02T03:04:05.678123Z"}, "/results/0/created_at"),
    ],
    ids=["target-type", "kind", "actor", "microseconds"],
)
def test_the_checker_refuses_what_the_schema_does_not_describe(changes, where):
    with pytest.raises(AssertionError, match=f"at {where}:"):
        check_inbox(notification(**changes))


def test_the_checker_refuses_statuses_the_schema_does_not_list():
    with pytest.raises(AssertionError, match="answered 299, not in the schema"):
        check_response("GET", "/api/v1/notifications", 299, "application/json", b"{}")


def test_report_targets_and_notification_targets_have_enums_of_their_own():
    schemas = openapi()["components"]["schemas"]
    assert "channel" in schemas["NotificationTargetTypeEnum"]["enum"]
    assert "channel" not in schemas["ReportTargetTypeEnum"]["enum"]
    report = schemas["ReportWriteRequest"]["properties"]["target_type"]
    assert report == {"$ref": "#/components/schemas/ReportTargetTypeEnum"}


def test_every_enum_parameter_default_is_one_of_its_values():
    for methods in openapi()["paths"].values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if "enum" in schema and "default" in schema:
                    assert schema["default"] in schema["enum"], parameter


@pytest.mark.parametrize(
    "create, read",
    [
        ((VIDEOS, {"title": "Draft"}), lambda body: f"{VIDEOS}/{body['id']}"),
        (("/api/v1/tweets", {"content": "Hello"}), lambda body: f"/api/v1/tweets/{body['id']}"),
        (("/api/v1/playlists", {"name": "Mix"}), lambda body: f"/api/v1/playlists/{body['id']}"),
    ],
    ids=["item", "tweet", "playlist"],
)
def test_a_create_answer_and_a_later_read_give_the_same_times(auth_client, create, read):
    client = auth_client()
    path, payload = create
    created = client.post(path, payload, format="json")
    assert created.status_code == 201, created.json()
    again = client.get(read(created.json())).json()
    for field in ("created_at", "updated_at"):
        assert created.json()[field] == again[field]
        assert created.json()[field].endswith("Z") and len(created.json()[field]) == 24


def test_a_comment_answer_and_the_thread_give_the_same_time(auth_client):
    owner = auth_client()
    video = ready_video(owner.user)
    created = owner.post(f"{VIDEOS}/{video.id}/comments", {"content": "First"}, format="json")
    listed = owner.get(f"{VIDEOS}/{video.id}/comments").json()["results"][0]
    assert created.json()["created_at"] == listed["created_at"]


def test_every_module_of_the_generated_python_client_imports(monkeypatch):
    import importlib
    import pkgutil

    from django.conf import settings

    monkeypatch.syspath_prepend(str(settings.BASE_DIR / "clients" / "python"))
    package = importlib.import_module("streamsphere_api_client")
    names = [m.name for m in pkgutil.walk_packages(package.__path__, "streamsphere_api_client.")]
    operations = [name for name in names if ".api." in name and name.count(".") == 3]
    documented = [op for methods in openapi()["paths"].values() for op in methods.values()]
    assert len(operations) == len(documented)
    for name in names:
        importlib.import_module(name)
