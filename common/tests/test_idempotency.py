"""Idempotency-Key on creating POSTs: a retry answers the first answer and creates nothing."""

import json
import threading

import pytest
from django.test import override_settings
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from common.api.idempotency import LOCK_SECONDS, idempotent
from common.redis import get_redis
from engagement.documents import Tweet
from playlists.documents import Playlist
from videos.documents import Video

pytestmark = pytest.mark.redis

# (route, body, document class) for every creating POST that takes the header.
CREATES = [
    ("/api/v1/tweets", {"content": "Hello"}, Tweet),
    ("/api/v1/playlists", {"name": "Road trip"}, Playlist),
    ("/api/v1/videos", {"title": "A draft"}, Video),
]


def _post(client, route, body, key):
    return client.post(route, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.parametrize(("route", "body", "document"), CREATES, ids=lambda v: str(v)[:20])
def test_a_retry_with_the_same_key_and_body_answers_the_first_answer(
    auth_client, route, body, document
):
    client = auth_client()
    first = _post(client, route, body, "key-1")
    assert first.status_code == 201, first.content
    again = _post(client, route, body, "key-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert document.objects.count() == 1


@pytest.mark.parametrize(("route", "body", "document"), CREATES, ids=lambda v: str(v)[:20])
def test_the_same_key_with_another_body_is_a_422(auth_client, route, body, document):
    client = auth_client()
    assert _post(client, route, body, "key-2").status_code == 201
    other = {key: f"{value} (changed)" for key, value in body.items()}
    response = _post(client, route, other, "key-2")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert document.objects.count() == 1


def test_the_same_key_on_another_route_is_a_422(auth_client):
    client = auth_client()
    assert _post(client, "/api/v1/tweets", {"name": "x", "content": "x"}, "k").status_code == 400
    assert _post(client, "/api/v1/playlists", {"name": "Mine"}, "k").status_code == 201
    assert _post(client, "/api/v1/tweets", {"content": "Hi"}, "k").status_code == 422
    assert Tweet.objects.count() == 0


def test_keys_are_per_user(auth_client):
    alice, bob = auth_client(), auth_client()
    assert _post(alice, "/api/v1/tweets", {"content": "Hi"}, "shared").status_code == 201
    response = _post(bob, "/api/v1/tweets", {"content": "Hi"}, "shared")
    assert response.status_code == 201
    assert response.json()["author"]["username"] == bob.user.username
    assert Tweet.objects.count() == 2


def test_without_a_key_every_post_creates(auth_client):
    client = auth_client()
    for _ in range(2):
        assert client.post("/api/v1/tweets", {"content": "Hi"}, format="json").status_code == 201
    assert Tweet.objects.count() == 2


def test_a_failed_request_keeps_nothing_and_its_retry_runs(auth_client):
    client = auth_client()
    assert _post(client, "/api/v1/tweets", {"content": "   "}, "retry").status_code == 400
    assert _post(client, "/api/v1/tweets", {"content": "Fixed"}, "retry").status_code == 201
    assert Tweet.objects.count() == 1


@pytest.mark.parametrize("key", ["", "with space", "é", "x" * 256])
def test_a_malformed_key_is_a_400_and_creates_nothing(auth_client, key):
    response = _post(auth_client(), "/api/v1/tweets", {"content": "Hi"}, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert Tweet.objects.count() == 0


def test_keys_expire_after_a_day(auth_client):
    client = auth_client()
    assert _post(client, "/api/v1/tweets", {"content": "Hi"}, "daily").status_code == 201
    (name,) = [key for key in get_redis().scan_iter("idempotency:*") if not key.endswith(":lock")]
    assert 24 * 3600 - 5 <= get_redis().ttl(name) <= 24 * 3600
    get_redis().delete(name)  # what the expiry does
    assert _post(client, "/api/v1/tweets", {"content": "Hi"}, "daily").status_code == 201
    assert Tweet.objects.count() == 2


@override_settings(IDEMPOTENCY_KEY_SECONDS=60)
def test_the_expiry_comes_from_the_setting(auth_client):
    assert _post(auth_client(), "/api/v1/tweets", {"content": "Hi"}, "m").status_code == 201
    (name,) = get_redis().scan_iter("idempotency:*")
    assert 55 <= get_redis().ttl(name) <= 60


def test_a_key_still_in_flight_is_a_409(auth_client):
    """A second request arriving while the first holds the key's lock creates nothing."""
    client = auth_client()
    release, entered = threading.Event(), threading.Event()
    calls = []

    class View:
        @idempotent
        def create(self, request):
            calls.append(1)
            entered.set()
            release.wait(10)
            return Response({"ok": True}, status=201)

    class Endpoint(APIView):
        def post(self, request):
            return View.create(View(), request)

    def request():
        raw = APIRequestFactory().post("/x", {"a": 1}, format="json", HTTP_IDEMPOTENCY_KEY="slow")
        force_authenticate(raw, user=client.user)
        return Endpoint.as_view()(raw)

    answers = []
    first = threading.Thread(target=lambda: answers.append(request()))
    first.start()
    assert entered.wait(10)
    second = request()
    release.set()
    first.join()
    assert second.status_code == 409
    assert second.data["error"]["code"] == "idempotency_key_in_flight"
    assert answers[0].status_code == 201 and calls == [1]
    assert request().status_code == 201 and calls == [1]  # the kept answer, replayed
    assert LOCK_SECONDS > 0


def test_the_schema_documents_the_header_on_each_creating_post(api_client):
    schema = json.loads(api_client.get("/api/schema/", {"format": "json"}).content)
    for route, _, _ in CREATES:
        operation = schema["paths"][route]["post"]
        names = [parameter["name"] for parameter in operation.get("parameters", [])]
        assert "Idempotency-Key" in names, route
        assert {"409", "422"} <= set(operation["responses"]), route
    comments = schema["paths"]["/api/v1/videos/{id}/comments"]["post"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in comments["parameters"]]
    assert "Idempotency-Key" in [
        p["name"] for p in schema["paths"]["/api/v1/reports"]["post"].get("parameters", [])
    ]
    assert not any(
        parameter["name"] == "Idempotency-Key"
        for parameter in schema["paths"]["/api/v1/tweets/{id}"]["patch"].get("parameters", [])
    )
