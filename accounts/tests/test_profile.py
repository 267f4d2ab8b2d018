"""The caller's profile: reading, strict updates and image uploads with real validation."""

import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.documents import User
from accounts.tests.helpers import image_upload

ME = "/api/v1/users/me"


def stored_path(url: str) -> str:
    return os.path.join(settings.MEDIA_ROOT, url.split("/media/", 1)[1])


def test_me_needs_a_token(api_client):
    response = api_client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_shows_email_only_to_its_owner(auth_client):
    client = auth_client()
    body = client.get(ME).json()
    assert body["email"] == client.user.email
    assert set(body) >= {
        "id",
        "username",
        "full_name",
        "avatar_url",
        "cover_image_url",
        "created_at",
    }
    assert body["created_at"].endswith("Z")
    assert "password" not in body


def test_patch_updates_name_and_username(auth_client):
    client = auth_client()
    response = client.patch(ME, {"full_name": "New Name", "username": "Renamed"}, format="json")
    assert response.status_code == 200
    assert response.json()["username"] == "Renamed"
    stored = User.objects.get(id=client.user.id)
    assert (stored.full_name, stored.username_lower) == ("New Name", "renamed")


def test_patch_refuses_unknown_fields_and_changes_nothing(auth_client):
    client = auth_client()
    response = client.patch(ME, {"full_name": "X", "email": "new@example.com"}, format="json")
    assert response.status_code == 400
    assert "email" in response.json()["error"]["fields"]
    assert User.objects.get(id=client.user.id).full_name == client.user.full_name


def test_patch_refuses_a_taken_username_in_any_case(auth_client, make_user):
    make_user(username="Taken")
    client = auth_client()
    response = client.patch(ME, {"username": "TAKEN"}, format="json")
    assert response.status_code == 409
    assert User.objects.get(id=client.user.id).username == client.user.username


def test_avatar_replace_stores_new_file_and_removes_the_old(auth_client):
    client = auth_client()
    first = client.put(f"{ME}/avatar", {"avatar": image_upload("one.png")}, format="multipart")
    assert first.status_code == 200
    old_path = stored_path(first.json()["avatar_url"])
    assert os.path.exists(old_path)
    second = client.put(
        f"{ME}/avatar", {"avatar": image_upload("two.jpg", fmt="JPEG")}, format="multipart"
    )
    assert second.status_code == 200
    new_path = stored_path(second.json()["avatar_url"])
    assert os.path.exists(new_path) and new_path.endswith(".jpg")
    assert not os.path.exists(old_path)


def test_cover_image_upload(auth_client):
    client = auth_client()
    upload = image_upload("cover.webp", size=(640, 160), fmt="WEBP")
    response = client.put(f"{ME}/cover-image", {"cover_image": upload}, format="multipart")
    assert response.status_code == 200
    assert response.json()["cover_image_url"].endswith(".webp")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("evil.png", b"<?php echo 'hi'; ?>", content_type="image/png"),
        image_upload("huge.png", size=(5000, 20)),
        image_upload("tiny.png", size=(4, 4)),
        image_upload("photo.bmp", fmt="BMP"),
    ],
    ids=["not-an-image", "too-wide", "too-small", "bmp-format"],
)
def test_bad_avatar_is_refused_and_nothing_changes(auth_client, upload):
    client = auth_client()
    response = client.put(f"{ME}/avatar", {"avatar": upload}, format="multipart")
    assert response.status_code == 400
    assert "avatar" in response.json()["error"]["fields"]
    assert User.objects.get(id=client.user.id).avatar == ""


def test_oversize_avatar_is_refused(auth_client, settings):
    settings.IMAGE_MAX_BYTES = 1000
    client = auth_client()
    upload = image_upload("big.png", size=(400, 400))
    response = client.put(f"{ME}/avatar", {"avatar": upload}, format="multipart")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert "larger" in response.json()["error"]["fields"]["avatar"][0]


def test_avatar_requires_a_file(auth_client):
    response = auth_client().put(f"{ME}/avatar", {}, format="multipart")
    assert response.status_code == 400
    assert "avatar" in response.json()["error"]["fields"]
