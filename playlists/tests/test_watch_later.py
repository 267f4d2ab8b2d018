"""Each user's built-in Watch later list: created on first use, once, and kept as it is."""

import threading

import pytest
from mongoengine import NotUniqueError

from accounts.tests.helpers import image_upload
from playlists.documents import Playlist
from playlists.tests.helpers import PLAYLISTS, WATCH_LATER, stored_doc, stored_ids, titles
from videos.tests.helpers import ready_video


def test_first_use_creates_one_private_watch_later(auth_client):
    client = auth_client()
    first = client.get(WATCH_LATER)
    assert first.status_code == 200
    body = first.json()
    assert (body["kind"], body["visibility"], body["name"]) == (
        "watch_later",
        "private",
        "Watch later",
    )
    assert body["videos"] == [] and body["owner"]["username"] == client.user.username
    assert client.get(WATCH_LATER).json()["id"] == body["id"]
    assert client.get(f"{PLAYLISTS}/{body['id']}").json() == body
    assert Playlist.objects(owner_id=client.user.id).count() == 1


def test_watch_later_takes_items_like_any_playlist(auth_client, make_user):
    client = auth_client()
    a, b = ready_video(make_user(), title="a"), ready_video(make_user(), title="b")
    assert client.put(f"{WATCH_LATER}/videos/{a.id}").status_code == 201
    added = client.put(f"{WATCH_LATER}/videos/{b.id}", {"position": 0}, format="json")
    assert added.status_code == 201 and added.json()["position"] == 0
    moved = client.patch(f"{WATCH_LATER}/videos/{b.id}", {"position": 1}, format="json")
    assert moved.status_code == 200 and moved.json()["position"] == 1
    body = client.get(WATCH_LATER).json()
    assert titles(body) == ["a", "b"] and body["videos_count"] == 2
    assert client.delete(f"{WATCH_LATER}/videos/{a.id}").status_code == 204
    assert stored_ids(body["id"]) == [str(b.id)]
    assert client.put(f"{PLAYLISTS}/{body['id']}/videos/{a.id}").status_code == 201
    thumbnail = client.put(
        f"{WATCH_LATER}/thumbnail", {"thumbnail": image_upload()}, format="multipart"
    )
    assert thumbnail.status_code == 200 and thumbnail.json()["thumbnail_url"].endswith(".png")


def test_watch_later_cannot_be_deleted(auth_client):
    client = auth_client()
    watch_later = client.get(WATCH_LATER).json()
    assert client.delete(WATCH_LATER).status_code == 405
    response = client.delete(f"{PLAYLISTS}/{watch_later['id']}")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "watch_later_fixed"
    assert Playlist.objects(id=watch_later["id"]).count() == 1


@pytest.mark.parametrize("change", [{"name": "Later"}, {"visibility": "public"}])
def test_watch_later_keeps_its_name_and_visibility(auth_client, change):
    client = auth_client()
    watch_later = client.get(WATCH_LATER).json()
    before = stored_doc(watch_later["id"])
    by_id = client.patch(f"{PLAYLISTS}/{watch_later['id']}", change, format="json")
    assert by_id.status_code == 409
    assert by_id.json()["error"]["code"] == "watch_later_fixed"
    assert list(by_id.json()["error"]["fields"]) == list(change)
    by_name = client.patch(WATCH_LATER, change, format="json")
    assert by_name.status_code == 400
    assert list(by_name.json()["error"]["fields"]) == list(change)
    assert stored_doc(watch_later["id"]) == before
    described = client.patch(WATCH_LATER, {"description": "For the train"}, format="json")
    assert described.status_code == 200 and described.json()["description"] == "For the train"
    assert described.json()["name"] == "Watch later"


def test_watch_later_needs_sign_in_and_is_private(auth_client, api_client):
    response = api_client.get(WATCH_LATER)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert api_client.put(f"{WATCH_LATER}/videos/{'0' * 24}").status_code == 401
    assert Playlist.objects.count() == 0
    owner_list = auth_client().get(WATCH_LATER).json()
    assert api_client.get(f"{PLAYLISTS}/{owner_list['id']}").status_code == 404
    assert auth_client().get(f"{PLAYLISTS}/{owner_list['id']}").status_code == 404


def test_each_user_has_their_own_watch_later(auth_client, make_user):
    first, second = auth_client(), auth_client()
    video = ready_video(make_user())
    first.put(f"{WATCH_LATER}/videos/{video.id}")
    assert second.get(WATCH_LATER).json()["videos"] == []
    assert first.get(WATCH_LATER).json()["videos_count"] == 1
    assert Playlist.objects(kind="watch_later").count() == 2


def test_concurrent_first_uses_make_one_list(auth_client, make_user, atomic_inserts, busy_threads):
    for _ in range(12):
        user = make_user()
        clients = [auth_client(user) for _ in range(8)]
        barrier = threading.Barrier(len(clients))
        responses = []

        def first_use(client, barrier=barrier, responses=responses):
            barrier.wait()
            responses.append(client.get(WATCH_LATER))

        threads = [threading.Thread(target=first_use, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [response.status_code for response in responses] == [200] * len(clients)
        assert len({response.json()["id"] for response in responses}) == 1
        assert Playlist.objects(owner_id=user.id, kind="watch_later").count() == 1


def test_the_store_refuses_a_second_watch_later(make_user):
    user = make_user()
    Playlist(owner_id=user.id, kind="watch_later", name="Watch later").save()
    Playlist(owner_id=user.id, kind="regular", name="Mix").save()
    Playlist(owner_id=user.id, kind="regular", name="Mix").save()
    with pytest.raises(NotUniqueError):
        Playlist(owner_id=user.id, kind="watch_later", name="Again").save()
