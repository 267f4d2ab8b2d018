"""Playlists themselves: create, read, list, change, delete, thumbnails, who sees what."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.helpers import image_upload
from playlists.documents import Playlist
from playlists.tests.helpers import PLAYLISTS, create, put, stored_doc
from videos.documents import Video
from videos.tests.helpers import ready_video


def stored_file(url: str) -> Path:
    return Path(settings.MEDIA_ROOT) / url.split("/media/")[1]


def test_create_then_read_a_playlist(auth_client):
    client = auth_client()
    body = create(client, name="  Road trip  ", description="Songs", visibility="unlisted")
    assert body["name"] == "Road trip"
    assert body["description"] == "Songs"
    assert body["kind"] == "regular"
    assert body["visibility"] == "unlisted"
    assert body["owner"]["username"] == client.user.username
    assert body["videos_count"] == 0
    assert body["videos"] == [] and body["videos_next"] is None
    assert body["thumbnail_url"] is None
    assert body["created_at"].endswith("Z")
    assert client.get(f"{PLAYLISTS}/{body['id']}").json() == body
    assert Playlist.objects.get(id=body["id"]).owner_id == client.user.id


def test_a_new_playlist_is_public_unless_told(auth_client):
    assert create(auth_client())["visibility"] == "public"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": "   "},
        {"name": "\u3000\x1c\ufeff"},
        {"name": "x" * 151},
        {"name": 5},
        {"name": "Mix", "visibility": "secret"},
        {"name": "Mix", "kind": "watch_later"},
        {"name": "Mix", "description": "d" * 5001},
    ],
    ids=[
        "no-name",
        "blank-name",
        "unicode-blank-name",
        "long-name",
        "number-name",
        "bad-visibility",
        "kind",
        "long-description",
    ],
)
def test_create_refuses_bad_input_and_stores_nothing(auth_client, payload):
    response = auth_client().post(PLAYLISTS, payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert Playlist.objects.count() == 0


def test_create_needs_sign_in(api_client):
    response = api_client.post(PLAYLISTS, {"name": "Mix"}, format="json")
    assert response.status_code == 401
    assert Playlist.objects.count() == 0


def test_create_with_a_thumbnail(auth_client):
    client = auth_client()
    response = client.post(
        PLAYLISTS,
        {"name": "Posters", "thumbnail": image_upload("cover.png", size=(320, 180))},
        format="multipart",
    )
    assert response.status_code == 201
    url = response.json()["thumbnail_url"]
    assert url.startswith("http://testserver/media/playlists/") and url.endswith(".png")
    assert stored_file(url).is_file()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.png", b"not an image", content_type="image/png"),
        image_upload("tiny.png", size=(4, 4)),
        image_upload("photo.bmp", fmt="BMP"),
    ],
    ids=["not-an-image", "too-small", "bmp"],
)
def test_a_bad_thumbnail_refuses_the_create_and_keeps_nothing(auth_client, upload):
    response = auth_client().post(
        PLAYLISTS, {"name": "Posters", "thumbnail": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert "thumbnail" in response.json()["error"]["fields"]
    assert Playlist.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / "playlists").exists()


def test_put_thumbnail_replaces_the_old_file(auth_client):
    client = auth_client()
    playlist = create(client)
    url = f"{PLAYLISTS}/{playlist['id']}/thumbnail"
    first = client.put(url, {"thumbnail": image_upload("a.png")}, format="multipart")
    assert first.status_code == 200
    first_file = stored_file(first.json()["thumbnail_url"])
    second = client.put(url, {"thumbnail": image_upload("b.jpg", fmt="JPEG")}, format="multipart")
    assert second.status_code == 200 and second.json()["thumbnail_url"].endswith(".jpg")
    assert stored_file(second.json()["thumbnail_url"]).is_file()
    assert not first_file.exists()
    before = stored_doc(playlist["id"])
    bad = client.put(url, {"thumbnail": image_upload("c.bmp", fmt="BMP")}, format="multipart")
    assert bad.status_code == 400
    assert stored_doc(playlist["id"]) == before
    assert client.put(url, {}, format="multipart").status_code == 400
    assert client.put(url, {"thumbnail": "x"}, format="json").status_code == 415


def test_without_a_thumbnail_the_first_visible_item_gives_one(auth_client, make_user):
    client = auth_client()
    other = make_user()
    hidden = ready_video(other, title="hidden", thumbnail="thumbnails/hidden.jpg")
    shown = ready_video(other, title="shown", thumbnail="thumbnails/shown.jpg")
    playlist = create(client)
    put(client, playlist["id"], hidden)
    put(client, playlist["id"], shown)
    Video.objects(id=hidden.id).update_one(set__visibility="private")
    body = client.get(f"{PLAYLISTS}/{playlist['id']}").json()
    assert body["thumbnail_url"] == "http://testserver/media/thumbnails/shown.jpg"
    listed = client.get(PLAYLISTS).json()["results"][0]
    assert listed["thumbnail_url"] == body["thumbnail_url"]


def test_patch_changes_name_description_and_visibility(auth_client):
    client = auth_client()
    playlist = create(client)
    url = f"{PLAYLISTS}/{playlist['id']}"
    response = client.patch(
        url, {"name": "Renamed", "description": "New", "visibility": "private"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["description"], body["visibility"]) == ("Renamed", "New", "private")
    assert Playlist.objects.get(id=playlist["id"]).visibility == "private"


@pytest.mark.parametrize(
    "payload",
    [{"title": "x"}, {"name": ""}, {"visibility": "everyone"}, {"kind": "watch_later"}],
    ids=["unknown-field", "blank-name", "bad-visibility", "kind"],
)
def test_patch_refuses_bad_input_and_changes_nothing(auth_client, payload):
    client = auth_client()
    playlist = create(client)
    before = stored_doc(playlist["id"])
    response = client.patch(f"{PLAYLISTS}/{playlist['id']}", payload, format="json")
    assert response.status_code == 400
    assert stored_doc(playlist["id"]) == before


def test_delete_removes_the_playlist_and_its_thumbnail(auth_client):
    client = auth_client()
    response = client.post(
        PLAYLISTS, {"name": "Gone", "thumbnail": image_upload()}, format="multipart"
    )
    playlist = response.json()
    assert client.delete(f"{PLAYLISTS}/{playlist['id']}").status_code == 204
    assert Playlist.objects.count() == 0
    assert not stored_file(playlist["thumbnail_url"]).exists()
    assert client.get(f"{PLAYLISTS}/{playlist['id']}").status_code == 404
    assert client.delete(f"{PLAYLISTS}/{playlist['id']}").status_code == 404


def test_private_playlists_are_404_to_others_unlisted_ones_reachable_by_id(auth_client, api_client):
    owner, stranger = auth_client(), auth_client()
    private = create(owner, visibility="private")
    unlisted = create(owner, visibility="unlisted")
    public = create(owner, visibility="public")
    for client in (stranger, api_client):
        assert client.get(f"{PLAYLISTS}/{private['id']}").status_code == 404
        assert client.get(f"{PLAYLISTS}/{unlisted['id']}").status_code == 200
        assert client.get(f"{PLAYLISTS}/{public['id']}").status_code == 200
    assert owner.get(f"{PLAYLISTS}/{private['id']}").status_code == 200
    for bad in ("nope", "0" * 24):
        assert api_client.get(f"{PLAYLISTS}/{bad}").json()["error"]["code"] == "not_found"


def test_listing_mine_shows_all_of_mine_and_owner_shows_only_public(auth_client, api_client):
    owner, stranger = auth_client(), auth_client()
    create(owner, name="private", visibility="private")
    create(owner, name="unlisted", visibility="unlisted")
    create(owner, name="public", visibility="public")
    owner.get(f"{PLAYLISTS}/watch-later")
    create(stranger, name="not mine")

    def names(client, **params):
        response = client.get(PLAYLISTS, params)
        assert response.status_code == 200
        return [playlist["name"] for playlist in response.json()["results"]]

    assert names(owner) == ["Watch later", "public", "unlisted", "private"]
    assert names(owner, owner=owner.user.username.upper()) == names(owner)
    assert names(stranger, owner=owner.user.username) == ["public"]
    assert names(api_client, owner=owner.user.username) == ["public"]
    assert names(api_client, owner="nobody-here") == []
    assert api_client.get(PLAYLISTS).status_code == 401


def test_contains_marks_which_of_my_playlists_hold_an_item(auth_client, make_user):
    client = auth_client()
    video = ready_video(make_user())
    holding = create(client, name="with")
    create(client, name="without")
    put(client, holding["id"], video)
    results = client.get(PLAYLISTS, {"contains": str(video.id)}).json()["results"]
    assert {p["name"]: p["contains_video"] for p in results} == {"with": True, "without": False}
    assert all(p["contains_video"] is None for p in client.get(PLAYLISTS).json()["results"])
    response = client.get(PLAYLISTS, {"contains": "not-an-id"})
    assert response.status_code == 400 and "contains" in response.json()["error"]["fields"]


def test_suspended_owners_playlists_are_404_to_others_and_unlisted(auth_client, api_client):
    owner = auth_client()
    playlist = create(owner)
    owner.user.update(set__is_active=False)
    assert api_client.get(f"{PLAYLISTS}/{playlist['id']}").status_code == 404
    assert api_client.get(PLAYLISTS, {"owner": owner.user.username}).json()["results"] == []


def test_list_pages_cost_the_same_reads_however_long(auth_client, make_user, reads_per_page):
    client = auth_client()
    video = ready_video(make_user())
    for index in range(25):
        playlist = create(client, name=f"list {index}")
        put(client, playlist["id"], video)
    assert reads_per_page(client, PLAYLISTS) <= 5
    assert reads_per_page(client, f"{PLAYLISTS}?owner={client.user.username}") <= 6
