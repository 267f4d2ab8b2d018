"""Playback routes are readable by a player on any origin, never with credentials."""

from urllib.parse import urlsplit

import pytest

from videos.tests.helpers import VIDEOS, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

APP = "https://app.example.com"
ANYWHERE = "https://some-blog.example.org"
EXPOSED = {"content-range", "accept-ranges", "content-length", "etag"}


@pytest.fixture(autouse=True)
def app_origin_allowed(settings):
    """An API allowlist is configured; the media routes must not follow it."""
    settings.CORS_ALLOWED_ORIGINS = [APP]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def listed(value: str) -> set[str]:
    return {item.strip().lower() for item in value.split(",")}


def assert_open_to_any_origin(response) -> None:
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.has_header("Access-Control-Allow-Credentials")
    assert listed(response["Access-Control-Expose-Headers"]) >= EXPOSED


def media_urls(client, item: dict) -> list[str]:
    """The stream, the master playlist, its first variant playlist and that one's first segment."""
    master = client.get(path_of(item["hls_url"])).content.decode()
    variant_uri = next(line for line in master.splitlines() if line and line[0] != "#")
    base = item["hls_url"].rsplit("/", 1)[0]
    variant = client.get(path_of(f"{base}/{variant_uri}")).content.decode()
    segment_uri = next(line for line in variant.splitlines() if line and line[0] != "#")
    segment = f"{base}/{variant_uri.rsplit('/', 1)[0]}/{segment_uri}"
    return [item["stream_url"], item["hls_url"], f"{base}/{variant_uri}", segment]


def test_a_public_item_plays_from_any_origin_without_credentials(api_client, auth_client, clip):
    owner = auth_client()
    item = owner.get(f"{VIDEOS}/{upload(owner, clip).json()['id']}").json()
    for url in media_urls(api_client, item):
        for origin in (ANYWHERE, APP):
            response = api_client.get(path_of(url), HTTP_ORIGIN=origin)
            assert response.status_code == 200, url
            assert_open_to_any_origin(response)
        # The same headers whoever asks, so a shared cache may keep one copy.
        assert_open_to_any_origin(api_client.get(path_of(url)))

    ranged = api_client.get(
        path_of(item["stream_url"]), HTTP_ORIGIN=ANYWHERE, HTTP_RANGE="bytes=0-99"
    )
    assert ranged.status_code == 206 and ranged["Content-Range"].startswith("bytes 0-99/")
    assert_open_to_any_origin(ranged)

    # The item's API route is not a media route: it follows the allowlist.
    metadata = api_client.get(f"{VIDEOS}/{item['id']}", HTTP_ORIGIN=ANYWHERE)
    assert metadata.status_code == 200 and not metadata.has_header("Access-Control-Allow-Origin")


def test_a_private_item_plays_from_any_origin_through_its_signed_urls_only(
    api_client, auth_client, clip
):
    owner = auth_client()
    video_id = upload(owner, clip, visibility="private").json()["id"]
    item = owner.get(f"{VIDEOS}/{video_id}").json()
    assert "sig=" in item["hls_url"]
    for url in media_urls(api_client, item):
        response = api_client.get(path_of(url), HTTP_ORIGIN=ANYWHERE)
        assert response.status_code == 200, url
        assert_open_to_any_origin(response)
    # Without the signature it is a 404 the player's script can read.
    unsigned = api_client.get(urlsplit(item["hls_url"]).path, HTTP_ORIGIN=ANYWHERE)
    assert unsigned.status_code == 404
    assert_open_to_any_origin(unsigned)


def test_a_range_preflight_on_a_media_route_is_answered_for_any_origin(
    api_client, auth_client, clip
):
    owner = auth_client()
    item = owner.get(f"{VIDEOS}/{upload(owner, clip).json()['id']}").json()
    for url in (item["stream_url"], item["hls_url"]):
        response = api_client.options(
            path_of(url),
            HTTP_ORIGIN=ANYWHERE,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="range",
        )
        assert response.status_code == 204
        assert_open_to_any_origin(response)
        assert "range" in listed(response["Access-Control-Allow-Headers"])
        assert "get" in listed(response["Access-Control-Allow-Methods"])
        assert int(response["Access-Control-Max-Age"]) > 0
