"""ETag and If-None-Match on detail endpoints: 304 while nothing changed, per viewer."""

import pytest

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
