"""tus 1.0 through HTTP, short of the last byte: discovery, creation, HEAD, PATCH, termination,
expiry, limits, and bad input answered in the one error shape with nothing stored."""

import io
import os
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from common.tests.helpers import store_snapshot
from uploads import tasks
from uploads.documents import Upload
from uploads.protocol import OFFSET_STREAM, TUS_VERSION
from uploads.tests.helpers import (
    TUS,
    UPLOADS,
    create,
    draft,
    metadata,
    offset_of,
    patch,
    path_of,
    sha1_header,
    upload_files,
)
from videos.tests.helpers import ready_video

LENGTH = 3 * 1024 * 1024


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "request_id"} and body["error"]["status"] == status
    if code is not None:
        assert body["error"]["code"] == code, body
    assert response["Tus-Resumable"] == TUS_VERSION
    return body["error"]


@pytest.fixture
def owner(auth_client):
    return auth_client()


@pytest.fixture
def opened(owner):
    """An open upload of LENGTH bytes for a draft of `owner`; its path."""
    response = create(owner, video_id=draft(owner), length=LENGTH)
    assert response.status_code == 201, response.content
    return path_of(response)


def test_options_tells_the_version_extensions_limit_and_checksums_to_anyone(api_client):
    for url in (UPLOADS, f"{UPLOADS}0123456789abcdef01234567"):
        response = api_client.options(url)
        assert response.status_code == 204
        assert response["Tus-Version"] == "1.0.0" and response["Tus-Resumable"] == "1.0.0"
        assert response["Tus-Extension"].split(",") == [
            "creation",
            "creation-with-upload",
            "termination",
            "checksum",
            "expiration",
        ]
        assert int(response["Tus-Max-Size"]) == settings.MEDIA_MAX_UPLOAD_BYTES
        assert response["Tus-Checksum-Algorithm"] == "sha1"


def test_creation_answers_201_with_location_offset_and_expiry_and_head_reports_them(owner):
    video_id = draft(owner)
    response = create(owner, video_id=video_id, length=LENGTH, filename="Holiday film.mp4")
    assert response.status_code == 201, response.content
    assert response["Location"].startswith("http://testserver/api/v1/uploads/")
    assert (response["Upload-Offset"], response["Tus-Resumable"]) == ("0", "1.0.0")
    body = response.json()
    assert (body["video_id"], body["length"], body["offset"]) == (video_id, LENGTH, 0)
    assert body["filename"] == "Holiday film.mp4"
    assert upload_files() == [body["id"]]

    head = owner.head(path_of(response), **TUS)
    assert head.status_code == 200
    assert (head["Upload-Offset"], head["Upload-Length"]) == ("0", str(LENGTH))
    assert head["Upload-Metadata"] == metadata(video_id=video_id, filename="Holiday film.mp4")
    assert "no-store" in head["Cache-Control"]
    assert head["Upload-Expires"].endswith(" GMT")


def test_patches_add_bytes_at_the_offset_and_checksummed_ones_are_verified(owner, opened):
    first, second = os.urandom(LENGTH // 3), os.urandom(LENGTH // 3)
    response = patch(owner, opened, first, offset=0)
    assert response.status_code == 204, response.content
    assert response["Upload-Offset"] == str(len(first))
    response = patch(owner, opened, second, offset=len(first), checksum=True)
    assert response.status_code == 204
    assert offset_of(owner, opened) == len(first) + len(second)
    stored = Path(settings.TUS_UPLOAD_DIR, opened.rsplit("/", 1)[1]).read_bytes()
    assert stored == first + second


def test_a_chunk_larger_than_the_json_body_limit_is_taken(owner, opened):
    chunk = os.urandom(settings.REQUEST_BODY_MAX_BYTES * 2)
    assert patch(owner, opened, chunk, offset=0).status_code == 204
    assert offset_of(owner, opened) == len(chunk)


def test_a_wrong_offset_is_409_and_a_bad_checksum_460_and_neither_keeps_a_byte(owner, opened):
    data = os.urandom(1000)
    assert patch(owner, opened, data, offset=0).status_code == 204
    assert_error(patch(owner, opened, data, offset=0), 409, "offset_mismatch")
    assert_error(patch(owner, opened, data, offset=2000), 409, "offset_mismatch")
    forged = {"HTTP_UPLOAD_CHECKSUM": sha1_header(b"other bytes")}
    assert_error(patch(owner, opened, data, offset=1000, **forged), 460, "checksum_mismatch")
    assert offset_of(owner, opened) == 1000
    assert upload_files() == [opened.rsplit("/", 1)[1]]


def test_a_body_cut_short_keeps_what_arrived_unless_it_had_a_checksum(owner, opened):
    data = os.urandom(4096)
    cut = {"wsgi.input": io.BytesIO(data[:1500]), "CONTENT_LENGTH": str(len(data))}
    patch(owner, opened, data, offset=0, **cut)
    assert offset_of(owner, opened) == 1500
    rest = data[1500:]
    cut = {"wsgi.input": io.BytesIO(rest[:100]), "CONTENT_LENGTH": str(len(rest))}
    patch(owner, opened, rest, offset=1500, checksum=True, **cut)
    assert offset_of(owner, opened) == 1500
    assert patch(owner, opened, rest, offset=1500, checksum=True).status_code == 204
    assert Path(settings.TUS_UPLOAD_DIR, opened.rsplit("/", 1)[1]).read_bytes() == data


BAD_PATCHES = [
    # (headers replacing the good ones, content type, status, code)
    ({"HTTP_TUS_RESUMABLE": ""}, OFFSET_STREAM, 412, "tus_version_mismatch"),
    ({"HTTP_TUS_RESUMABLE": "0.2.2"}, OFFSET_STREAM, 412, "tus_version_mismatch"),
    ({}, "application/octet-stream", 415, "unsupported_media_type"),
    ({}, "application/json", 415, "unsupported_media_type"),
    ({"HTTP_UPLOAD_OFFSET": ""}, OFFSET_STREAM, 400, "validation_error"),
    ({"HTTP_UPLOAD_OFFSET": "-1"}, OFFSET_STREAM, 400, "validation_error"),
    ({"HTTP_UPLOAD_OFFSET": "1e3"}, OFFSET_STREAM, 400, "validation_error"),
    ({"HTTP_UPLOAD_OFFSET": "٣"}, OFFSET_STREAM, 400, "validation_error"),
    ({"HTTP_UPLOAD_CHECKSUM": "md5 AAAA"}, OFFSET_STREAM, 400, "validation_error"),
    ({"HTTP_UPLOAD_CHECKSUM": "sha1 not-base64!"}, OFFSET_STREAM, 400, "validation_error"),
]


@pytest.mark.parametrize(("headers", "content_type", "status", "code"), BAD_PATCHES)
def test_bad_patches_are_refused_in_the_error_shape_and_change_nothing(
    owner, opened, headers, content_type, status, code
):
    before = store_snapshot()
    good = {**TUS, "HTTP_UPLOAD_OFFSET": "0"}
    response = owner.generic(
        "PATCH", opened, b"x" * 10, content_type=content_type, **{**good, **headers}
    )
    error = assert_error(response, status, code)
    if status == 412:
        assert response["Tus-Version"] == TUS_VERSION
    if status == 400:
        assert set(error["fields"]) & {"Upload-Offset", "Upload-Checksum"}
    assert offset_of(owner, opened) == 0
    assert store_snapshot() == before


def test_a_chunk_past_the_declared_length_is_413_before_a_byte_is_read(owner, auth_client):
    response = create(owner, video_id=draft(owner), length=10)
    assert_error(patch(owner, path_of(response), b"x" * 11, offset=0), 413)
    assert offset_of(owner, path_of(response)) == 0


@pytest.mark.parametrize(
    ("headers", "status", "field"),
    [
        ({"HTTP_TUS_RESUMABLE": ""}, 412, None),
        ({"HTTP_UPLOAD_LENGTH": ""}, 400, "Upload-Length"),
        ({"HTTP_UPLOAD_LENGTH": "-5"}, 400, "Upload-Length"),
        ({"HTTP_UPLOAD_LENGTH": "five"}, 400, "Upload-Length"),
        ({"HTTP_UPLOAD_LENGTH": "0"}, 400, "Upload-Length"),
        ({"HTTP_UPLOAD_LENGTH": "99999999999999999999"}, 400, "Upload-Length"),
        ({"HTTP_UPLOAD_METADATA": metadata(filename="a.mp4")}, 400, "Upload-Metadata"),
        ({"HTTP_UPLOAD_METADATA": "video_id ***,filename YS5tcDQ="}, 400, "Upload-Metadata"),
        ({"HTTP_UPLOAD_METADATA": "video_id,video_id"}, 400, "Upload-Metadata"),
        ({"HTTP_UPLOAD_METADATA": "a b c"}, 400, "Upload-Metadata"),
        ({"HTTP_UPLOAD_METADATA": "x" * 5000}, 400, "Upload-Metadata"),
        ({"HTTP_UPLOAD_METADATA": metadata(video_id="", filename="a.mp4")}, 400, "Upload-Metadata"),
    ],
)
def test_bad_creations_are_refused_and_store_nothing(owner, headers, status, field):
    video_id = draft(owner)
    before = store_snapshot()
    error = assert_error(create(owner, video_id=video_id, length=LENGTH, **headers), status)
    if field:
        assert field in error["fields"], error
    assert store_snapshot() == before and upload_files() == []


def test_metadata_keys_are_kept_as_sent_whatever_they_are(owner):
    video_id = draft(owner)
    header = metadata(video_id=video_id, filename="a.mp4", **{"$where": "1", "a.b": "é"})
    response = create(owner, video_id=video_id, length=10, HTTP_UPLOAD_METADATA=header)
    assert response.status_code == 201, response.content
    assert owner.head(path_of(response), **TUS)["Upload-Metadata"] == header


def test_an_oversized_file_or_a_name_of_no_media_type_is_refused_at_creation(owner, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000
    video_id = draft(owner)
    error = assert_error(create(owner, video_id=video_id, length=1001), 413, "payload_too_large")
    assert "Upload-Length" in error["fields"]
    error = assert_error(create(owner, video_id=video_id, length=10, filename="notes.txt"), 400)
    assert "file" in error["fields"]
    error = assert_error(
        create(owner, video_id=video_id, length=10, filename="a" * 252 + ".mp4"), 400
    )
    assert "Upload-Metadata" in error["fields"]
    assert Upload.objects.count() == 0 and upload_files() == []


def test_an_upload_for_another_users_item_is_refused_like_put_file(owner, auth_client):
    other = auth_client()
    public = ready_video(other.user)
    private = ready_video(other.user, visibility="private")
    foreign_draft = draft(other)
    assert_error(create(owner, video_id=str(public.id), length=10), 403)
    for video_id in (str(private.id), foreign_draft, "0123456789abcdef01234567", "nope"):
        assert_error(create(owner, video_id=video_id, length=10), 404)
    assert Upload.objects.count() == 0 and upload_files() == []


def test_nobody_else_may_see_or_touch_an_upload(owner, opened, auth_client, api_client):
    patch(owner, opened, b"mine", offset=0)
    stranger = auth_client()
    before = store_snapshot()
    assert stranger.head(opened, **TUS).status_code == 404
    assert_error(patch(stranger, opened, b"theirs", offset=4), 404)
    assert_error(stranger.delete(opened, **TUS), 404)
    assert api_client.head(opened, **TUS).status_code == 401
    assert_error(patch(api_client, opened, b"theirs", offset=4), 401)
    assert_error(api_client.delete(opened, **TUS), 401)
    assert store_snapshot() == before and offset_of(owner, opened) == 4


def test_termination_drops_the_upload_and_its_bytes(owner, opened):
    patch(owner, opened, b"some bytes", offset=0)
    assert_error(owner.delete(opened), 412)
    response = owner.delete(opened, **TUS)
    assert response.status_code == 204 and response["Tus-Resumable"] == TUS_VERSION
    assert Upload.objects.count() == 0 and upload_files() == []
    assert owner.head(opened, **TUS).status_code == 404
    assert_error(patch(owner, opened, b"more", offset=10), 404)


def test_each_write_moves_the_expiry_and_an_expired_upload_is_gone(owner, opened):
    created = Upload.objects.get()
    assert created.expires_at - timezone.now() > timedelta(seconds=settings.TUS_EXPIRE_SECONDS - 60)
    Upload.objects.update(set__expires_at=timezone.now() + timedelta(minutes=1))
    response = patch(owner, opened, b"abc", offset=0)
    assert Upload.objects.get().expires_at > timezone.now() + timedelta(hours=1)
    assert response["Upload-Expires"].endswith(" GMT")

    Upload.objects.update(set__expires_at=timezone.now() - timedelta(seconds=1))
    assert owner.head(opened, **TUS).status_code == 404
    assert_error(patch(owner, opened, b"def", offset=3), 404)
    assert tasks.expire_uploads.delay().get() == 1
    assert Upload.objects.count() == 0 and upload_files() == []


def test_the_sweep_removes_old_files_no_upload_owns_and_keeps_fresh_ones(owner, opened):
    folder = Path(settings.TUS_UPLOAD_DIR)
    old, fresh = folder / "0123456789abcdef01234567", folder / "89abcdef0123456789abcdef"
    for path in (old, fresh):
        path.write_bytes(b"left behind")
    long_ago = time.time() - settings.TUS_EXPIRE_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(folder / opened.rsplit("/", 1)[1], (long_ago, long_ago))
    assert tasks.expire_uploads.delay().get() == 0
    assert upload_files() == sorted([fresh.name, opened.rsplit("/", 1)[1]])


def test_a_user_has_a_limited_number_of_open_uploads(owner, settings):
    settings.TUS_MAX_UPLOADS_PER_USER = 2
    video_id = draft(owner)
    first, second = (create(owner, video_id=video_id, length=LENGTH) for _ in range(2))
    assert (first.status_code, second.status_code) == (201, 201)
    refused = create(owner, video_id=video_id, length=LENGTH)
    assert_error(refused, 429, "too_many_uploads")
    assert int(refused["Retry-After"]) > settings.TUS_EXPIRE_SECONDS - 60
    assert Upload.objects.count() == 2 and len(upload_files()) == 2
    assert owner.delete(path_of(first), **TUS).status_code == 204
    assert create(owner, video_id=video_id, length=LENGTH).status_code == 201


def test_a_deleted_items_open_uploads_end_with_it(owner, opened):
    patch(owner, opened, b"abc", offset=0)
    video_id = Upload.objects.get().video_id
    assert owner.delete(f"/api/v1/videos/{video_id}").status_code == 204
    assert Upload.objects.count() == 0 and upload_files() == []


def test_a_cookie_signed_in_browser_needs_the_csrf_token(make_user, opened, owner):
    from rest_framework.test import APIClient

    make_user(username="browser")
    browser = APIClient(enforce_csrf_checks=True)
    signed_in = browser.post(
        "/api/v1/auth/login", {"login": "browser", "password": "S3cure-pass!"}, format="json"
    )
    assert signed_in.status_code == 200
    video_id = draft(owner)  # not the browser's: a CSRF failure answers before any lookup
    token = browser.cookies["csrftoken"].value
    refused = create(browser, video_id=video_id, length=10)
    assert_error(refused, 403)
    assert "CSRF" in refused.json()["error"]["message"]
    own = browser.post(
        "/api/v1/videos", {"title": "Mine"}, format="json", HTTP_X_CSRFTOKEN=token
    ).json()["id"]
    # Its first bytes may come with the creation (the CSRF check leaves them unread).
    response = create(browser, video_id=own, length=10, body=b"01", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    assert response["Upload-Offset"] == "2"
    assert patch(browser, path_of(response), b"23", offset=2).status_code == 403
    done = patch(browser, path_of(response), b"23", offset=2, HTTP_X_CSRFTOKEN=token)
    assert done.status_code == 204 and done["Upload-Offset"] == "4"


APP = "https://app.example.com"
TUS_REQUEST_HEADERS = {
    "tus-resumable",
    "upload-length",
    "upload-offset",
    "upload-metadata",
    "upload-checksum",
    "content-type",
    "authorization",
    "x-csrftoken",
}
TUS_ANSWER_HEADERS = {
    "location",
    "upload-offset",
    "upload-length",
    "upload-expires",
    "tus-resumable",
    "tus-version",
    "tus-extension",
    "tus-max-size",
    "tus-checksum-algorithm",
}


def listed(value: str) -> set[str]:
    return {item.strip().lower() for item in value.split(",")}


def test_a_front_end_on_an_allowed_origin_may_send_and_read_the_tus_headers(owner, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    for method, url in (("POST", UPLOADS), ("PATCH", f"{UPLOADS}0123456789abcdef01234567")):
        preflight = owner.options(
            url,
            HTTP_ORIGIN=APP,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS=", ".join(sorted(TUS_REQUEST_HEADERS)),
        )
        assert preflight["Access-Control-Allow-Origin"] == APP
        assert preflight["Access-Control-Allow-Credentials"] == "true"
        assert listed(preflight["Access-Control-Allow-Headers"]) >= TUS_REQUEST_HEADERS
        assert method.lower() in listed(preflight["Access-Control-Allow-Methods"])
    created = create(owner, video_id=draft(owner), length=10, HTTP_ORIGIN=APP)
    assert created["Access-Control-Allow-Origin"] == APP
    assert listed(created["Access-Control-Expose-Headers"]) >= TUS_ANSWER_HEADERS
    refused = patch(owner, path_of(created), b"x", offset=5, HTTP_ORIGIN=APP)
    assert refused.status_code == 409 and refused["Access-Control-Allow-Origin"] == APP


def test_racing_openings_never_pass_the_per_user_limit(owner, settings, atomic_mongo_writes):
    settings.TUS_MAX_UPLOADS_PER_USER = 2
    video_id = draft(owner)
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(lambda _: create(owner, video_id=video_id, length=LENGTH), range(6))
        )
    created = [answer for answer in answers if answer.status_code == 201]
    assert {answer.status_code for answer in answers} <= {201, 429}
    assert 1 <= len(created) <= 2
    assert Upload.objects.count() == len(created) and len(upload_files()) == len(created)
