"""Hostile pictures at sign-up and on the profile: refused from their header, never decoded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ImageFile

from accounts.documents import PendingRegistration, User
from common.tests.helpers import png_bomb

REGISTER = "/api/v1/auth/register"
AVATAR = "/api/v1/users/me/avatar"
SIGN_UP = {
    "username": "grace",
    "email": "grace@example.com",
    "full_name": "Grace Hopper",
    "password": "cobol-compiler-1959",
}


@pytest.fixture
def decodes(monkeypatch):
    """Record every picture Pillow decodes while the test runs."""
    sizes = []
    original = ImageFile.ImageFile.load

    def recording(image):
        sizes.append(image.size)
        return original(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording)
    return sizes


def bomb_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bomb(), content_type="image/png")


def assert_refused_by_dimensions(response, field: str):
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    assert "dimensions" in body["fields"][field][0]


def test_a_decompression_bomb_at_sign_up_is_refused_before_decoding(
    api_client, decodes, mailoutbox
):
    data = {**SIGN_UP, "avatar": bomb_upload("avatar.png")}
    response = api_client.post(REGISTER, data, format="multipart")
    assert_refused_by_dimensions(response, "avatar")
    assert decodes == []
    assert PendingRegistration.objects.count() == 0
    assert mailoutbox == []


def test_a_decompression_bomb_as_avatar_is_refused_before_decoding(auth_client, decodes):
    client = auth_client()
    response = client.put(AVATAR, {"avatar": bomb_upload("avatar.png")}, format="multipart")
    assert_refused_by_dimensions(response, "avatar")
    assert decodes == []
    assert User.objects.get(id=client.user.id).avatar == ""
