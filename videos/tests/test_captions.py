"""Caption tracks through the API: set from WebVTT or SRT, listed, served as WebVTT, removed;
hostile files and tags refused with nothing stored."""

import os
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.tests.helpers import store_snapshot
from videos.documents import CaptionTrack, Video
from videos.tests.helpers import VIDEOS, path_of, ready_video, walk
from videos.webvtt import format_timestamp

pytestmark = pytest.mark.django_db

SRT = (
    '1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>Hello</i> <font color="red">world</font>\r\n\r\n'
    "2\r\n00:00:05,000 --> 00:00:07,500\r\nSecond line\r\nand more\r\n"
)
VTT = "WEBVTT\n\n00:00.500 --> 00:02.000 align:start\nBonjour\n"


def put_captions(client, video, lang: str, content: str | bytes, **fields):
    data = content.encode() if isinstance(content, str) else content
    upload = SimpleUploadedFile("captions.srt", data, content_type="application/octet-stream")
    return client.put(
        f"{VIDEOS}/{video.id}/captions/{lang}", {"file": upload, **fields}, format="multipart"
    )


@pytest.fixture
def owner(auth_client):
    return auth_client()


@pytest.fixture
def item(owner):
    return ready_video(owner.user, duration=10.0)


def test_an_srt_file_becomes_a_webvtt_track_players_fetch(owner, item, api_client):
    response = put_captions(owner, item, "en", SRT, label="English")
    assert response.status_code == 201, response.content
    track = response.json()
    assert {k: track[k] for k in ("lang", "label", "format", "cues")} == {
        "lang": "en",
        "label": "English",
        "format": "srt",
        "cues": 2,
    }
    assert track["url"].endswith(f"/videos/{item.id}/captions/en.vtt")
    served = api_client.get(path_of(track["url"]))
    assert served.status_code == 200
    assert served["Content-Type"] == "text/vtt; charset=utf-8"
    assert served["Access-Control-Allow-Origin"] == "*"
    assert served.content.decode() == (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<i>Hello</i> world\n\n"
        "2\n00:00:05.000 --> 00:00:07.500\nSecond line\nand more\n"
    )


def test_a_second_file_replaces_the_language_and_tags_are_matched_in_any_case(owner, item):
    assert put_captions(owner, item, "pt-br", SRT).status_code == 201
    replaced = put_captions(owner, item, "PT-BR", VTT)
    assert replaced.status_code == 200
    assert (replaced.json()["lang"], replaced.json()["label"]) == ("pt-BR", "pt-BR")
    assert replaced.json()["format"] == "vtt" and replaced.json()["cues"] == 1
    listed, _ = walk(owner, f"{VIDEOS}/{item.id}/captions")
    assert [track["lang"] for track in listed] == ["pt-BR"]
    assert owner.delete(f"{VIDEOS}/{item.id}/captions/Pt-bR").status_code == 204
    assert owner.delete(f"{VIDEOS}/{item.id}/captions/pt-BR").status_code == 404
    assert CaptionTrack.objects.count() == 0


def test_the_list_pages_by_language_in_two_reads_whatever_its_length(
    owner, item, api_client, mongo_reads
):
    for lang in ("fr", "de", "en", "zh-Hant", "es-419"):
        assert put_captions(owner, item, lang, VTT).status_code == 201
    listed, sizes = walk(api_client, f"{VIDEOS}/{item.id}/captions?limit=2")
    assert [track["lang"] for track in listed] == ["de", "en", "es-419", "fr", "zh-Hant"]
    assert sizes == [2, 2, 1]
    for limit in (1, 5):
        mongo_reads["n"] = 0
        assert api_client.get(f"{VIDEOS}/{item.id}/captions?limit={limit}").status_code == 200
        assert mongo_reads["n"] == 2  # the item, then the page


@pytest.mark.parametrize(
    "lang", ["en_US", "e", "english1", "en--US", "x", "en-a", "123", "en-US-US", "a" * 36, "%C3%A9"]
)
def test_a_malformed_language_tag_is_a_400_naming_it(owner, item, lang):
    before = store_snapshot()
    response = put_captions(owner, item, lang, VTT)
    assert response.status_code == 400, response.content
    assert "lang" in response.json()["error"]["fields"]
    assert store_snapshot() == before


HOSTILE = {
    "binary junk": os.urandom(4096),
    "a png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "latin-1": "1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n".encode("latin-1"),
    "prose": b"Once upon a time\n",
    "empty": b"",
    "a cue past the end": b"WEBVTT\n\n00:00:09.000 --> 00:00:10.001\nlate\n",
    "a cue ending before it starts": b"WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nback\n",
    "overlapping nonsense": b"WEBVTT\n\n" + b"00:00:01.000 --> 00:00:09.000\nall at once\n\n" * 9,
    "a broken timestamp": b"1\n00:00:1,000 --> 00:00:02,000\nhi\n",
    "a timing without text": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n",
    "a NUL": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\x00\n",
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_what_is_no_caption_file_for_this_item_is_a_400_and_stores_nothing(owner, item, content):
    put_captions(owner, item, "en", VTT)
    before = store_snapshot()
    response = put_captions(owner, item, "en", content)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert "file" in error["fields"]
    # An empty upload is refused by the form's own check, before the file is read.
    assert error["code"] == ("invalid_captions" if content else "validation_error")
    assert store_snapshot() == before


def test_cue_counts_sizes_and_languages_have_limits(owner, item, settings):
    settings.CAPTIONS_MAX_CUES = 3
    many = "WEBVTT\n\n" + "".join(f"00:00:0{n}.000 --> 00:00:0{n}.500\nc{n}\n\n" for n in range(4))
    response = put_captions(owner, item, "en", many)
    assert response.status_code == 400 and "At most 3 cues" in response.json()["error"]["message"]

    settings.CAPTIONS_MAX_BYTES = 100
    response = put_captions(owner, item, "en", VTT + "\n" + "x" * 200)
    assert response.status_code == 413, response.content
    settings.CAPTIONS_MAX_BYTES = 512 * 1024

    settings.CAPTIONS_MAX_TRACKS = 2
    for lang in ("en", "fr"):
        assert put_captions(owner, item, lang, VTT).status_code == 201
    before = store_snapshot()
    response = put_captions(owner, item, "de", VTT)
    assert response.status_code == 409 and response.json()["error"]["code"] == "too_many_tracks"
    assert store_snapshot() == before
    assert put_captions(owner, item, "fr", SRT).status_code == 200


def test_a_file_at_the_size_limit_failing_on_its_last_line_is_refused_quickly(owner, item):
    tags = "<a" * 490
    cues = "".join(
        f"{format_timestamp(n * 20)} --> {format_timestamp(n * 20 + 10)}\n{tags}\n\n"
        for n in range(490)
    )
    hostile = f"WEBVTT\n\n{cues}00:00:09.990 --> 00:00:10.001\nlate\n"
    assert 480 * 1024 < len(hostile) < 512 * 1024
    started = time.perf_counter()
    response = put_captions(owner, item, "en", hostile)
    last_timing = 2 + 490 * 3 + 1
    assert response.status_code == 400, response.content
    assert response.json()["error"]["message"].startswith(f"Line {last_timing}: the cue ends")
    assert time.perf_counter() - started < 2


def test_captions_need_the_items_media_first(owner):
    draft = owner.post(VIDEOS, {"title": "Draft"}, format="json").json()
    response = put_captions(owner, Video.objects.get(id=draft["id"]), "en", VTT)
    assert response.status_code == 409 and response.json()["error"]["code"] == "no_media"
    assert CaptionTrack.objects.count() == 0


def test_captions_of_a_private_item_are_its_owners_and_signed_for_players(
    owner, auth_client, api_client
):
    private = ready_video(owner.user, visibility="private")
    assert put_captions(owner, private, "en", VTT).status_code == 201
    stranger = auth_client()
    for client in (stranger, api_client):
        assert client.get(f"{VIDEOS}/{private.id}/captions").status_code == 404
    (track,) = owner.get(f"{VIDEOS}/{private.id}/captions").json()["results"]
    assert set(parse_qs(urlsplit(track["url"]).query)) == {"exp", "sig"}
    assert api_client.get(path_of(track["url"])).status_code == 200
    unsigned = path_of(track["url"]).split("?")[0]
    assert api_client.get(unsigned).status_code == 404
    assert api_client.get(unsigned.replace("/en.vtt", "/fr.vtt")).status_code == 404


def test_deleting_the_item_deletes_its_captions(owner, item):
    put_captions(owner, item, "en", VTT)
    assert owner.delete(f"{VIDEOS}/{item.id}").status_code == 204
    assert CaptionTrack.objects.count() == 0
