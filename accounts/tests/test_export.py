"""Exporting my data through the API: a zip with JSON per kind and my original media files, one
export a day, downloaded through a signed link that expires, written with flat memory."""

import io
import json
import tracemalloc
import zipfile
from datetime import timedelta
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from celery.exceptions import Retry
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import exports
from accounts.documents import DataExport
from accounts.tasks import build_export, delete_expired_exports
from accounts.tests.helpers import image_upload
from channels_app.tests.helpers import subscribe
from common import exports as common_exports
from common import upgrades
from common.storage import media_storage
from common.tests.helpers import store_snapshot
from engagement.documents import Tweet
from engagement.tests.helpers import comments_url, like, tweet
from notifications.tests.helpers import SETTINGS
from playlists.tests.helpers import WATCH_LATER
from videos.documents import Video
from videos.tests.helpers import ready_video

EXPORT = "/api/v1/users/me/export"
SOURCE = b"\x00\x00\x00\x18ftypmp42 not really a clip, but its bytes are what count"


def _with_source(owner, title: str, content: bytes = SOURCE) -> Video:
    """A ready item whose original file is in the media store."""
    video = ready_video(owner, title=title)
    name = media_storage().save(f"videos/{video.id}/r1-test/source.mp4", ContentFile(content))
    Video.objects(id=video.id).update_one(set__source=name, set__files=[name])
    return Video.objects.get(id=video.id)


def _download(client, url: str):
    parts = urlsplit(url)
    return client.get(parts.path, parse_qs(parts.query))


def _archive(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_an_export_holds_every_kind_and_the_original_files(auth_client, api_client, make_user):
    me = auth_client(make_user(username="keeper"))
    other = auth_client(make_user(username="other"))
    avatar = {"avatar": image_upload("me.png")}
    assert me.put("/api/v1/users/me/avatar", avatar, format="multipart").status_code == 200
    mine = _with_source(me.user, "Mine")
    theirs = ready_video(other.user, title="Theirs")
    tweet(me.user, "First post")
    assert me.post(comments_url(theirs), {"content": "Lovely"}, format="json").status_code == 201
    assert like(me, theirs).status_code == 200
    assert subscribe(me, other.user).status_code == 201
    assert me.put(f"{WATCH_LATER}/videos/{theirs.id}").status_code == 201
    views = me.post(f"/api/v1/videos/{theirs.id}/views", {"position": 3}, format="json")
    assert views.status_code == 200
    assert me.patch(SETTINGS, {"mention": {"email": True}}, format="json").status_code == 200
    assert me.put("/api/v1/users/me/blocks/other").status_code == 200

    response = me.post(EXPORT)
    assert response.status_code == 202
    state = me.get(EXPORT).json()
    assert state["status"] == "ready" and state["size"] > 0
    assert state["expires_at"] is not None and state["download_url"]
    archive = _archive(_download(api_client, state["download_url"]))

    def part(name: str) -> list[dict]:
        return json.loads(archive.read(f"{name}.json"))

    profile = part("profile")[0]
    assert (profile["username"], profile["email"]) == ("keeper", "keeper@example.com")
    assert profile["avatar"] == "media/profile/avatar.png"
    assert archive.read("media/profile/avatar.png")[:8] == b"\x89PNG\r\n\x1a\n"
    items = part("items")
    assert [(item["id"], item["title"]) for item in items] == [(str(mine.id), "Mine")]
    assert archive.read(items[0]["original"]) == SOURCE
    assert [t["content"] for t in part("tweets")] == ["First post"]
    assert [(c["content"], c["video_id"]) for c in part("comments")] == [("Lovely", str(theirs.id))]
    assert [(x["target_type"], x["target_id"]) for x in part("likes")] == [
        ("video", str(theirs.id))
    ]
    assert [s["username"] for s in part("subscriptions")] == ["other"]
    playlists = part("playlists")
    assert [p["kind"] for p in playlists] == ["watch_later"]
    assert [v["video_id"] for v in playlists[0]["videos"]] == [str(theirs.id)]
    assert [h["video_id"] for h in part("history")] == [str(theirs.id)]
    settings = {row["kind"]: row for row in part("notification_settings")}
    assert settings["mention"] == {"kind": "mention", "web": True, "email": True}
    assert [b["username"] for b in part("blocks")] == ["other"]


def test_one_export_a_day(auth_client, settings):
    me = auth_client()
    assert me.post(EXPORT).status_code == 202
    first = DataExport.objects.get(user_id=me.user.id)
    before = store_snapshot()
    response = me.post(EXPORT)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "export_limit"
    assert 86000 < int(response["Retry-After"]) <= 86400
    assert store_snapshot() == before
    assert media_storage().exists(first.file)

    yesterday = timezone.now() - timedelta(seconds=settings.DATA_EXPORT_INTERVAL_SECONDS)
    DataExport.objects(id=first.id).update_one(set__requested_at=yesterday)
    assert me.post(EXPORT).status_code == 202
    second = DataExport.objects.get(user_id=me.user.id)
    assert second.file != first.file and media_storage().exists(second.file)
    assert not media_storage().exists(first.file)


def test_a_failed_export_may_be_asked_for_again_at_once(auth_client):
    me = auth_client()
    with mock.patch.object(exports, "signature"):  # queued, not run yet
        assert me.post(EXPORT).status_code == 202
    assert me.get(EXPORT).json()["status"] == "queued"
    export = DataExport.objects.get(user_id=me.user.id)
    with mock.patch.object(exports, "write_archive", side_effect=OSError("disk full")):
        with pytest.raises(Retry):
            build_export.apply(args=[str(export.id)])
        assert me.get(EXPORT).json()["status"] == "running"  # tried again later
        last = build_export.apply(
            args=[str(export.id)], retries=build_export.max_retries, throw=False
        )
    assert last.failed()
    assert me.get(EXPORT).json()["status"] == "failed"
    assert me.post(EXPORT).status_code == 202
    assert me.get(EXPORT).json()["status"] == "ready"


def test_the_link_holds_only_with_its_signature_and_until_it_expires(auth_client, api_client):
    me = auth_client()
    me.post(EXPORT)
    url = me.get(EXPORT).json()["download_url"]
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert _download(api_client, url).status_code == 200
    forged = [
        {**query, "sig": "0" * 64},
        {**query, "exp": str(int(query["exp"]) + 60)},
        {"exp": query["exp"]},
        {},
    ]
    for bad in forged:
        response = api_client.get(parts.path, bad)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert api_client.get(f"/api/v1/exports/nope/download?{urlencode(query)}").status_code == 404
    with mock.patch("accounts.export_links.time.time", return_value=int(query["exp"]) + 1):
        assert _download(api_client, url).status_code == 404

    export = DataExport.objects.get(user_id=me.user.id)
    DataExport.objects(id=export.id).update_one(
        set__finished_at=export.finished_at - timedelta(days=1, seconds=1)
    )
    assert delete_expired_exports.delay().get() == 1
    assert not media_storage().exists(export.file)
    state = me.get(EXPORT).json()
    assert (state["status"], state["download_url"]) == ("expired", None)
    assert _download(api_client, url).status_code == 404


def test_exports_need_sign_in_and_one_asked_for(api_client, auth_client):
    assert api_client.post(EXPORT).status_code == 401
    assert api_client.get(EXPORT).status_code == 401
    response = auth_client().get(EXPORT)
    assert response.status_code == 404
    assert set(response.json()) == {"error", "request_id"}


def _peak_bytes(export_id) -> int:
    tracemalloc.start()
    try:
        exports.build_export(export_id=export_id)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _user_with(make_user, *, items: int, files: int, file_bytes: int):
    """A user with `items` items (the first `files` with an original of `file_bytes`) and as many
    tweets, straight in the store."""
    user = make_user()
    Tweet._get_collection().insert_many(
        [{"author_id": user.id, "content": f"post {n}", "likes": 0} for n in range(items)]
    )
    Video._get_collection().insert_many(
        [{"owner_id": user.id, "title": f"item {n}", "status": "ready"} for n in range(items)]
    )
    content = bytes(range(256)) * (file_bytes // 256)
    for row in Video._get_collection().find({"owner_id": user.id}).limit(files):
        name = media_storage().save(f"videos/{row['_id']}/source.mp4", ContentFile(content))
        Video.objects(id=row["_id"]).update_one(set__source=name)
    export = DataExport(user_id=user.id, requested_at=timezone.now())
    export.save()
    return user, export


def test_memory_stays_flat_in_the_number_of_items(make_user, monkeypatch):
    """The zip is streamed: ten times the items and tweets, or originals ten times bigger, take
    no more memory; each more file adds only its entry in the zip's directory."""
    # Small pages and copy chunks, so what an export holds at once is small beside what a
    # non-streamed one would hold of 1,000 items.
    monkeypatch.setattr(upgrades, "BATCH", 100)
    monkeypatch.setattr(common_exports, "COPY_CHUNK", 16 * 1024)
    # Every user first, so each export runs over the same store.
    shapes = {
        "base": {"items": 100, "files": 5, "file_bytes": 64 * 1024},
        "ten times the items, larger files": {"items": 1000, "files": 5, "file_bytes": 640 * 1024},
        "ten times the files": {"items": 100, "files": 50, "file_bytes": 64 * 1024},
    }
    built = {name: _user_with(make_user, **shape) for name, shape in shapes.items()}
    warm_up = _user_with(make_user, items=10, files=1, file_bytes=1024)[1]
    exports.build_export(export_id=warm_up.id)  # what any first export loads once
    peaks = {}
    for name, (_, export) in built.items():
        peaks[name] = _peak_bytes(export.id)
        archive = zipfile.ZipFile(media_storage().open(DataExport.objects.get(id=export.id).file))
        assert len(json.loads(archive.read("items.json"))) == shapes[name]["items"]
        assert len(json.loads(archive.read("tweets.json"))) == shapes[name]["items"]
        originals = [n for n in archive.namelist() if n.startswith("media/items/")]
        assert len(originals) == shapes[name]["files"]
    base = peaks["base"]
    # What grows is the in-process store's sort of a page query's matches (keys of about 50
    # bytes per matching document; a MongoDB server reads them off the index), and for files
    # their entries in the zip's central directory; the rest is noise from other work in the
    # process. An export holding its 1,000 items' records at once needs some 450 kB more.
    assert peaks["ten times the items, larger files"] < base + 128 * 1024, peaks
    assert peaks["ten times the files"] < base + 64 * 1024, peaks
