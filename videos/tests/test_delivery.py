"""Streaming and HLS delivery through the API: ranges, content types, signed URLs, access."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from videos.documents import Video
from videos.tests.helpers import VIDEOS, path_of, upload

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def published(auth_client, clip):
    """A processed public item and its owner's client."""
    client = auth_client()
    video_id = upload(client, clip).json()["id"]
    return client, client.get(f"{VIDEOS}/{video_id}").json()


@pytest.fixture
def private(auth_client, clip):
    client = auth_client()
    video_id = upload(client, clip, visibility="private").json()["id"]
    return client, client.get(f"{VIDEOS}/{video_id}").json()


def test_public_hls_is_served_without_signature_with_the_right_types(api_client, published):
    _, item = published
    assert "?" not in item["hls_url"]
    master = api_client.get(path_of(item["hls_url"]))
    assert master.status_code == 200
    assert master["Content-Type"] == "application/vnd.apple.mpegurl"
    text = master.content.decode()
    assert "#EXT-X-STREAM-INF" in text and "240p/index.m3u8" in text
    base = item["hls_url"].rsplit("/", 1)[0]
    variant = api_client.get(path_of(f"{base}/240p/index.m3u8")).content.decode()
    segments = [line for line in variant.splitlines() if line and not line.startswith("#")]
    assert segments and all(s.startswith("seg_") for s in segments)
    segment = api_client.get(path_of(f"{base}/240p/{segments[0]}"))
    assert segment.status_code == 200 and segment["Content-Type"] == "video/mp2t"
    assert body_of(segment)[:1] == b"\x47"


def test_private_media_needs_a_valid_signature_or_the_owner(api_client, private):
    owner, item = private
    url = item["hls_url"]
    query = parse_qs(urlsplit(url).query)
    assert set(query) == {"exp", "sig"}
    unsigned = path_of(url).split("?")[0]
    assert api_client.get(unsigned).status_code == 404
    assert owner.get(unsigned).status_code == 200
    master = api_client.get(path_of(url))
    assert master.status_code == 200
    text = master.content.decode()
    suffix = f"?exp={query['exp'][0]}&sig={query['sig'][0]}"
    assert f"240p/index.m3u8{suffix}" in text
    assert f'URI="audio/index.m3u8{suffix}"' in text
    variant = api_client.get(unsigned.replace("master.m3u8", "240p/index.m3u8") + suffix)
    first = next(line for line in variant.content.decode().splitlines() if line.startswith("seg_"))
    assert first.endswith(suffix)
    segment_path = unsigned.replace("master.m3u8", "240p/" + first)
    assert api_client.get(segment_path).status_code == 200
    tampered = path_of(url)[:-4] + "0000"
    assert api_client.get(tampered).status_code == 404
    expired = f"{unsigned}?exp={int(time.time()) - 1}&sig={query['sig'][0]}"
    assert api_client.get(expired).status_code == 404


def test_signature_of_one_item_does_not_open_another(api_client, private, auth_client, clip):
    _, item = private
    other_id = upload(auth_client(), clip, visibility="private").json()["id"]
    query = urlsplit(item["hls_url"]).query
    assert api_client.get(f"{VIDEOS}/{other_id}/hls/master.m3u8?{query}").status_code == 404


def test_only_files_of_the_package_are_served(api_client, published):
    _, item = published
    base = path_of(item["hls_url"]).rsplit("/", 1)[0]
    for path in ("240p/seg_999.ts", "720p/index.m3u8", "240p/../../source.mp4", "x/evil.sh"):
        assert api_client.get(f"{base}/{path}").status_code == 404


def test_stream_serves_byte_ranges_of_the_source(api_client, published, clip):
    _, item = published
    data = clip.read_bytes()
    url = path_of(item["stream_url"])
    full = api_client.get(url)
    assert full.status_code == 200 and body_of(full) == data
    assert full["Accept-Ranges"] == "bytes" and full["Content-Type"] == "video/mp4"
    part = api_client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert part["Content-Length"] == "100" and body_of(part) == data[100:200]
    tail = api_client.get(url, HTTP_RANGE="bytes=-10")
    assert body_of(tail) == data[-10:]
    beyond = api_client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"
    assert beyond.json()["error"]["code"] == "range_not_satisfiable"
    cached = api_client.get(url, HTTP_IF_NONE_MATCH=full["ETag"])
    assert cached.status_code == 304


def test_media_of_unfinished_or_deleted_items_is_404(api_client, published):
    owner, item = published
    Video.objects(id=item["id"]).update_one(set__status="processing")
    assert owner.get(path_of(item["stream_url"])).status_code == 404
    Video.objects(id=item["id"]).update_one(set__status="ready")
    assert owner.delete(f"{VIDEOS}/{item['id']}").status_code == 204
    assert api_client.get(path_of(item["stream_url"])).status_code == 404
    assert api_client.get(path_of(item["hls_url"])).status_code == 404


def test_accel_delivery_hands_the_file_to_nginx(api_client, published, settings):
    settings.STREAM_DELIVERY = "accel"
    _, item = published
    response = api_client.get(path_of(item["stream_url"]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/protected-media/videos/")
    assert re.search(r"/r1-[0-9a-f]{12}/source\.mp4$", response["X-Accel-Redirect"])
    assert response.content == b""


# A probe's query: a forged signature whose value ends the URI line and adds a variant of its own.
INJECTION = (
    "exp=4102444800&sig=x%0A%23EXT-X-STREAM-INF:BANDWIDTH=1%0Ahttps://attacker.example/evil.m3u8"
)


@pytest.mark.parametrize("playlist", ["master.m3u8", "240p/index.m3u8"])
def test_unverified_signature_values_are_never_written_into_a_playlist(
    api_client, published, private, playlist
):
    public_owner, public_item = published
    private_owner, private_item = private
    for client, item in (
        (api_client, public_item),
        (public_owner, public_item),
        (private_owner, private_item),
    ):
        url = path_of(item["hls_url"]).split("?")[0].rsplit("/", 1)[0] + "/" + playlist
        response = client.get(f"{url}?{INJECTION}")
        assert response.status_code == 200
        text = response.content.decode()
        assert "attacker.example" not in text and "sig=" not in text
        assert text == client.get(url).content.decode()


def test_a_verified_signature_is_passed_on_url_encoded(api_client, private):
    _, item = private
    url = path_of(item["hls_url"])
    query = parse_qs(urlsplit(url).query)
    suffix = f"?exp={query['exp'][0]}&sig={query['sig'][0]}"
    master = api_client.get(url).content.decode()
    uris = [line for line in master.splitlines() if line and not line.startswith("#")]
    assert uris and all(uri.endswith(suffix) for uri in uris)
    variant_path = url.split("?")[0].replace("master.m3u8", uris[0])
    variant = api_client.get(variant_path).content.decode()
    segments = [line for line in variant.splitlines() if line and not line.startswith("#")]
    assert segments and all(segment.endswith(suffix) for segment in segments)
    segment = api_client.get(variant_path.rsplit("/", 1)[0] + "/" + segments[0])
    assert segment.status_code == 200 and body_of(segment)[:1] == b"\x47"


def media_paths(item: dict) -> list[str]:
    """An item's playback URLs as the test client takes them, with a variant playlist."""
    hls = path_of(item["hls_url"])
    variant = hls.replace("master.m3u8", "240p/index.m3u8")
    return [hls, variant, path_of(item["stream_url"])]


def test_making_an_unlisted_item_private_revokes_its_signed_links_at_once(
    api_client, auth_client, clip, mongo_reads
):
    owner = auth_client()
    video_id = upload(owner, clip, visibility="unlisted").json()["id"]
    handed_out = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    assert all("sig=" in path for path in handed_out)
    for path in handed_out:
        mongo_reads["n"] = 0
        assert api_client.get(path).status_code == 200
        # The item, read once; the master playlist also reads its caption tracks.
        assert mongo_reads["n"] == (2 if path.split("?")[0].endswith("/master.m3u8") else 1)
    patched = owner.patch(f"{VIDEOS}/{video_id}", {"visibility": "private"}, format="json")
    assert patched.status_code == 200
    for path in handed_out:
        assert api_client.get(path).status_code == 404
    fresh = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    assert fresh != handed_out
    for path in fresh:
        assert api_client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("visibility", "change", "revoked"),
    [
        ("unlisted", {"published": False}, True),
        ("private", {"visibility": "unlisted"}, False),
        ("unlisted", {"visibility": "public"}, False),
        ("unlisted", {"title": "Renamed", "tags": ["new"]}, False),
    ],
    ids=["unpublished", "private-to-unlisted", "unlisted-to-public", "metadata"],
)
def test_only_narrowing_who_may_watch_revokes_signed_links(
    api_client, auth_client, clip, visibility, change, revoked
):
    owner = auth_client()
    video_id = upload(owner, clip, visibility=visibility).json()["id"]
    handed_out = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    assert owner.patch(f"{VIDEOS}/{video_id}", change, format="json").status_code == 200
    expected = 404 if revoked else 200
    assert [api_client.get(path).status_code for path in handed_out] == [expected] * 3


def test_a_signed_link_from_an_unlisted_spell_dies_when_a_public_item_goes_private(
    api_client, auth_client, clip
):
    owner = auth_client()
    video_id = upload(owner, clip, visibility="unlisted").json()["id"]
    handed_out = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    owner.patch(f"{VIDEOS}/{video_id}", {"visibility": "public"}, format="json")
    owner.patch(f"{VIDEOS}/{video_id}", {"visibility": "private"}, format="json")
    assert [api_client.get(path).status_code for path in handed_out] == [404] * 3


def test_replacing_the_file_revokes_signed_links(api_client, auth_client, clip):
    owner = auth_client()
    video_id = upload(owner, clip, visibility="unlisted").json()["id"]
    handed_out = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    with open(clip, "rb") as handle:
        replaced = owner.put(f"{VIDEOS}/{video_id}/file", {"file": handle}, format="multipart")
    assert replaced.status_code == 202
    assert [api_client.get(path).status_code for path in handed_out] == [404] * 3
    fresh = media_paths(owner.get(f"{VIDEOS}/{video_id}").json())
    assert [api_client.get(path).status_code for path in fresh] == [200] * 3
