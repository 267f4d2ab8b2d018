"""ETag and If-None-Match on detail endpoints: 304 while nothing changed, per viewer."""

import pytest
from rest_framework.test import APIClient

from videos.tests.helpers import ready_video


@pytest.fixture
def details(auth_client):
    """An owner's item, channel, tweet and playlist, and how to change each."""
    owner = auth_client()
    video = ready_video(owner.user)
    tweet = owner.post("/api/v1/tweets", {"content": "Hi"}, format="json").json()
    playlist = owner.post("/api/v1/playlists", {"name": "Mix"}, format="json").json()
    return owner, {
        "item": (f"/api/v1/videos/{video.id}", {"title": "Renamed"}),
        "channel": (f"/api/v1/channels/{owner.user.username}", None),
        "tweet": (f"/api/v1/tweets/{tweet['id']}", {"content": "Edited"}),
        "playlist": (f"/api/v1/playlists/{playlist['id']}", {"name": "Renamed"}),
    }


@pytest.mark.parametrize("name", ["item", "channel", "tweet", "playlist"])
def test_an_unchanged_detail_answers_304_and_a_changed_one_200(details, auth_client, name):
    owner, routes = details
    url, change = routes[name]
    first = owner.get(url)
    assert first.status_code == 200 and first["ETag"]
    same = owner.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert same.status_code == 304 and same.content == b""
    if change is None:  # a channel changes when someone subscribes
        auth_client().put(f"{url}/subscription", {}, format="json")
    else:
        assert owner.patch(url, change, format="json").status_code == 200
    changed = owner.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_viewer_fields_give_each_viewer_their_own_etag(details, auth_client):
    _, routes = details
    url, _ = routes["item"]
    fan, stranger = auth_client(), auth_client()
    assert fan.put(f"{url}/like").status_code == 200
    liked, not_liked = fan.get(url), stranger.get(url)
    assert liked.json()["is_liked"] and not not_liked.json()["is_liked"]
    assert liked["ETag"] != not_liked["ETag"]
    assert stranger.get(url, HTTP_IF_NONE_MATCH=liked["ETag"]).status_code == 200


def listed(header: str) -> set[str]:
    return {part.strip().lower() for part in header.split(",") if part.strip()}


@pytest.fixture
def cookie_client(make_user):
    """A browser-like client signed in by the httpOnly cookies (no Authorization header)."""
    user = make_user()
    client = APIClient()
    response = client.post(
        "/api/v1/auth/login", {"login": user.username, "password": "S3cure-pass!"}, format="json"
    )
    assert response.status_code == 200 and client.cookies.get("access_token")
    client.user = user
    return client


@pytest.mark.parametrize("signed_in_by", ["cookie", "bearer"])
def test_a_personal_answer_is_private_and_varies_on_the_credentials(
    cookie_client, auth_client, signed_in_by
):
    client = cookie_client if signed_in_by == "cookie" else auth_client()
    video = ready_video(client.user)
    for url in ("/api/v1/users/me", f"/api/v1/videos/{video.id}", "/api/v1/playlists"):
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        assert listed(first["Cache-Control"]) == {"private", "no-cache"}, url
        assert {"cookie", "authorization"} <= listed(first["Vary"]), url
        same = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert same.status_code == 304, url
        assert listed(same["Cache-Control"]) == {"private", "no-cache"}, url
        assert {"cookie", "authorization"} <= listed(same["Vary"]), url


def test_an_anonymous_answer_stays_shareable_but_varies_on_the_credentials(make_user, api_client):
    video = ready_video(make_user())
    response = api_client.get(f"/api/v1/videos/{video.id}")
    assert response.status_code == 200
    assert "private" not in listed(response.get("Cache-Control", ""))
    assert {"cookie", "authorization"} <= listed(response["Vary"])


def test_the_unread_count_keeps_its_etag_flow_and_varies_on_the_credentials(cookie_client):
    first = cookie_client.get("/api/v1/notifications/unread-count")
    assert listed(first["Cache-Control"]) == {"private", "no-cache"}
    same = cookie_client.get("/api/v1/notifications/unread-count", HTTP_IF_NONE_MATCH=first["ETag"])
    assert same.status_code == 304 and same["ETag"] == first["ETag"]
    assert listed(same["Cache-Control"]) == {"private", "no-cache"}
    assert {"cookie", "authorization"} <= listed(same["Vary"])


def test_an_answer_that_sets_the_session_cookies_is_never_stored(make_user, api_client):
    user = make_user()
    response = api_client.post(
        "/api/v1/auth/login", {"login": user.username, "password": "S3cure-pass!"}, format="json"
    )
    assert response.status_code == 200 and response.cookies["access_token"].value
    assert {"private", "no-store"} <= listed(response["Cache-Control"])
