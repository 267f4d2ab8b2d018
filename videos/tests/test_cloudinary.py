"""The production media path on Cloudinary, for real: the cloudinary SDK and
django-cloudinary-storage as config/settings/base.py wires them when CLOUDINARY_URL is set, talking
to a loopback stand-in (videos/tests/cloudinary_standin.py) instead of api.cloudinary.com and
res.cloudinary.com.

Only the hosts change: uploads go to ``upload_prefix`` and delivery URLs are built on a ``cname``
over plain HTTP; every call the storages make (upload, destroy, HEAD and GET of delivery URLs) is
the real one.
"""

import re
import runpy
import sys
from pathlib import Path

import cloudinary
import pytest
import requests
from django.conf import settings
from django.test.signals import setting_changed

import config.logging
from videos.documents import Video
from videos.tests.cloudinary_standin import CloudinaryStandIn
from videos.tests.helpers import VIDEOS, path_of, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CLOUD, API_KEY, API_SECRET = "standin-cloud", "123456789012345", "standin-secret"


def production_settings(monkeypatch) -> dict:
    """config/settings/base.py evaluated afresh under the current environment (CLOUDINARY_URL)."""
    with monkeypatch.context() as patch:
        patch.setattr(config.logging, "build_logging", lambda **_: {})  # no structlog reconfig
        return runpy.run_path(str(Path(settings.BASE_DIR) / "config" / "settings" / "base.py"))


@pytest.fixture
def cloudinary_media(monkeypatch, settings):
    """Run the app on its Cloudinary settings for one test, against a fresh stand-in."""
    with CloudinaryStandIn(cloud_name=CLOUD, api_key=API_KEY, api_secret=API_SECRET) as standin:
        monkeypatch.setenv("CLOUDINARY_URL", f"cloudinary://{API_KEY}:{API_SECRET}@{CLOUD}")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        production = production_settings(monkeypatch)
        # Setting STORAGES makes Django 5.2 drop its cached backends and default_storage
        # (django.test.signals.storages_changed), so the next access builds the Cloudinary ones.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": production["STORAGES"]["default"],
            "media": production["STORAGES"]["media"],
        }
        settings.STREAM_DELIVERY = production["STREAM_DELIVERY"]
        # A fresh SDK config read from CLOUDINARY_URL, as in a production process; the storage
        # module reads its credentials (and forces secure=True) on first import.
        monkeypatch.setattr(cloudinary, "_config", cloudinary.Config())
        first_import = "cloudinary_storage.app_settings" not in sys.modules
        import cloudinary_storage.storage  # noqa: F401

        cloudinary.config(upload_prefix=standin.base_url, cname=standin.host, secure=False)
        yield standin
        if first_import:
            forget_cloudinary_storage()


def forget_cloudinary_storage() -> None:
    """Undo our import of django-cloudinary-storage: its setting_changed receiver re-reads the
    credentials whenever MEDIA_URL changes and would raise in later tests, once CLOUDINARY_URL
    is gone."""
    from cloudinary_storage import app_settings

    setting_changed.disconnect(app_settings.reload_settings)
    for name in [m for m in sys.modules if m.partition(".")[0] == "cloudinary_storage"]:
        del sys.modules[name]


def playlist_uris(text: str) -> list[str]:
    """Every URI a playlist names: plain lines and URI="..." attributes."""
    uris = re.findall(r'URI="([^"]+)"', text)
    return uris + [line for line in text.splitlines() if line and not line.startswith("#")]


def uploaded_item(client, clip) -> Video:
    created = upload(client, clip)
    assert created.status_code == 202, created.content
    item = client.get(f"{VIDEOS}/{created.json()['id']}").json()
    assert item["status"] == "ready", item
    return Video.objects.get(id=item["id"])


def test_upload_lands_on_cloudinary_and_is_delivered_from_it(cloudinary_media, auth_client, clip):
    standin = cloudinary_media
    client = auth_client()
    video = uploaded_item(client, clip)
    item = client.get(f"{VIDEOS}/{video.id}").json()

    raw = [asset for asset in standin.uploads if asset.resource_type == "raw"]
    assert sorted(asset.public_id for asset in raw) == sorted(video.files)
    (source,) = [asset for asset in raw if asset.original_filename == "source.mp4"]
    assert source.public_id == video.source and source.data == clip.read_bytes()
    (master,) = [asset for asset in raw if asset.original_filename == "master.m3u8"]
    variants = [asset for asset in raw if asset.original_filename == "index.m3u8"]
    segments = [asset for asset in raw if re.fullmatch(r"seg_\d+\.ts", asset.original_filename)]
    assert len(variants) == len(set(playlist_uris(master.data.decode()))) == 2  # 240p, audio
    assert len(segments) == sum(len(playlist_uris(v.data.decode())) for v in variants) >= 2
    storyboard = [a for a in raw if a.original_filename in ("sprite.jpg", "thumbnails.vtt")]
    assert len(storyboard) == 2
    assert len(raw) == 2 + len(variants) + len(segments) + len(storyboard)
    images = {asset.public_id: asset for asset in standin.uploads if asset.resource_type == "image"}
    candidates = {candidate.name for candidate in video.thumbnail_candidates}
    assert set(images) == {video.thumbnail} | candidates and len(candidates) == 3
    thumbnail = images[video.thumbnail]
    assert thumbnail.format == "jpg"
    shown = requests.get(item["thumbnail_url"], timeout=5)
    assert shown.status_code == 200 and shown.content == thumbnail.data
    assert shown.content[:2] == b"\xff\xd8"

    stream = client.get(path_of(item["stream_url"]))
    assert stream.status_code == 302
    followed = requests.get(stream["Location"], timeout=5)
    assert followed.status_code == 200 and followed.content == clip.read_bytes()

    # Playlists are read back through the storage and served by the API, unchanged (public item).
    hls = client.get(path_of(item["hls_url"]))
    assert hls.status_code == 200, (
        f"the API looks HLS files up as {video.hls_prefix}<relative name>, "
        f"but the storage stored them as {video.files}"
    )
    assert hls["Content-Type"] == "application/vnd.apple.mpegurl"
    master_text = standin.asset("raw", video.hls_prefix + "master.m3u8").data.decode()
    assert hls.content.decode() == master_text
    base = item["hls_url"].rsplit("/", 1)[0]
    variant_uri = next(line for line in master_text.splitlines() if line.endswith(".m3u8"))
    variant = client.get(path_of(f"{base}/{variant_uri}"))
    assert variant.status_code == 200
    stored_variant = standin.asset("raw", video.hls_prefix + variant_uri).data.decode()
    assert variant.content.decode() == stored_variant

    # Segments leave as a redirect to the storage URL, which serves the stored bytes.
    segment_uri = variant_uri.rsplit("/", 1)[0] + "/" + playlist_uris(stored_variant)[0]
    segment = client.get(path_of(f"{base}/{segment_uri}"))
    assert segment.status_code == 302
    delivered = requests.get(segment["Location"], timeout=5)
    assert delivered.status_code == 200
    assert delivered.content == standin.asset("raw", video.hls_prefix + segment_uri).data
    assert delivered.content[:1] == b"\x47"  # MPEG-TS sync byte

    # The storyboard's track is read back through the storage, its sheet redirected to it.
    track = client.get(path_of(item["storyboard_url"]))
    assert track.status_code == 200
    assert track.content == standin.asset("raw", video.storyboard_prefix + "thumbnails.vtt").data
    sprite = client.get(path_of(item["storyboard_url"]).replace("thumbnails.vtt", "sprite.jpg"))
    assert sprite.status_code == 302
    assert requests.get(sprite["Location"], timeout=5).content[:2] == b"\xff\xd8"

    # A frame chosen by its time is read from a segment in the storage.
    chosen = client.put(f"{VIDEOS}/{video.id}/thumbnail", {"at": 0.5}, format="json")
    assert chosen.status_code == 200, chosen.json()
    new_thumbnail = Video.objects.get(id=video.id).thumbnail
    assert standin.asset("image", new_thumbnail).data[:2] == b"\xff\xd8"
    assert standin.unexpected == []


def test_deleting_an_item_destroys_every_stored_file(cloudinary_media, auth_client, clip):
    standin = cloudinary_media
    client = auth_client()
    video = uploaded_item(client, clip)
    pictures = {video.thumbnail, *(candidate.name for candidate in video.thumbnail_candidates)}
    stored = {("raw", name) for name in video.files} | {("image", name) for name in pictures}
    assert set(standin.assets) == stored and standin.destroyed == []

    assert client.delete(f"{VIDEOS}/{video.id}").status_code == 204
    assert sorted(standin.destroyed) == sorted(stored)
    assert standin.assets == {}
    assert client.get(f"{VIDEOS}/{video.id}").status_code == 404
    assert standin.unexpected == []
