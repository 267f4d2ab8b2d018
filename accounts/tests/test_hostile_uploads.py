"""Hostile pictures at sign-up and on the profile.

Bombs are refused from their header, never decoded; oversize files are refused while they
arrive, never spooled past the cap.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import ImageFile

from accounts.documents import PendingRegistration, User
from accounts.tests.helpers import image_upload
from common.tests.helpers import CountingStream, png_bomb

REGISTER = "/api/v1/auth/register"
AVATAR = "/api/v1/users/me/avatar"
COVER = "/api/v1/users/me/cover-image"
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


@pytest.fixture
def spooled(monkeypatch, settings, tmp_path):
    """Send uploads to disk in a private folder and record the most bytes any temp file held."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    peak = {"bytes": 0, "folder": tmp_path}
    original = TemporaryFileUploadHandler.receive_data_chunk

    def recording(handler, raw_data, start):
        result = original(handler, raw_data, start)
        peak["bytes"] = max(peak["bytes"], handler.file.tell())
        return result

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", recording)
    return peak


def oversize_picture(settings, name: str) -> SimpleUploadedFile:
    """A file four times the image cap, under the route's body cap so its arrival is what stops."""
    settings.IMAGE_MAX_BYTES = 256 * 1024
    content = b"\x89PNG\r\n\x1a\n" + os.urandom(4 * settings.IMAGE_MAX_BYTES)
    return SimpleUploadedFile(name, content, content_type="image/png")


def assert_too_large(response, field: str):
    assert response.status_code == 413, response.content[:200]
    body = response.json()
    assert set(body) == {"error", "request_id"}
    assert body["error"]["code"] == "payload_too_large"
    assert field in body["error"]["fields"]


def test_an_oversize_avatar_at_sign_up_is_413_and_never_spooled_past_the_cap(
    api_client, settings, spooled, mailoutbox
):
    data = {**SIGN_UP, "avatar": oversize_picture(settings, "avatar.png")}
    response = api_client.post(REGISTER, data, format="multipart")
    assert_too_large(response, "avatar")
    assert 0 < spooled["bytes"] <= settings.IMAGE_MAX_BYTES
    assert list(spooled["folder"].iterdir()) == []
    assert PendingRegistration.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("route", "field"), [(AVATAR, "avatar"), (COVER, "cover_image")], ids=["avatar", "cover"]
)
def test_an_oversize_profile_picture_is_413_and_never_spooled_past_the_cap(
    auth_client, settings, spooled, route, field
):
    client = auth_client()
    upload = oversize_picture(settings, "picture.png")
    response = client.put(route, {field: upload}, format="multipart")
    assert_too_large(response, field)
    assert 0 < spooled["bytes"] <= settings.IMAGE_MAX_BYTES
    assert list(spooled["folder"].iterdir()) == []
    assert getattr(User.objects.get(id=client.user.id), field) == ""


def test_a_sign_up_declaring_a_3_gib_body_is_refused_before_it_is_read(api_client, mailoutbox):
    body = encode_multipart(BOUNDARY, {**SIGN_UP, "avatar": image_upload()})
    stream = CountingStream(body)
    response = api_client.generic(
        "POST",
        REGISTER,
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(3 * 1024**3),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert stream.bytes_read == 0
    assert PendingRegistration.objects.count() == 0
