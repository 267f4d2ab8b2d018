"""Chapters through the API: from the description by YouTube's rule, set by the owner (who
wins until they send null), refused when out of order or past the end, and as WebVTT."""

import pytest

from common.tests.helpers import store_snapshot
from videos.tests.helpers import VIDEOS, path_of, ready_video

pytestmark = pytest.mark.django_db

DESCRIPTION = """Our trip, in parts:
0:00 Intro
0:45 - The road
  1:30:05 Arrival
2:10:00 \u2013 The way back
Thanks for watching! 3:00 is when I woke up.
"""


@pytest.fixture
def owner(auth_client):
    return auth_client()


def item_of(client, video) -> dict:
    return client.get(f"{VIDEOS}/{video.id}").json()


def test_timestamps_at_line_starts_in_the_description_become_chapters(owner, api_client):
    video = ready_video(owner.user, description=DESCRIPTION, duration=8000.0)
    item = item_of(api_client, video)
    assert item["chapters_source"] == "description"
    assert item["chapters"] == [
        {"start": 0.0, "end": 45.0, "title": "Intro"},
        {"start": 45.0, "end": 5405.0, "title": "The road"},
        {"start": 5405.0, "end": 7800.0, "title": "Arrival"},
        {"start": 7800.0, "end": 8000.0, "title": "The way back"},
    ]
    track = api_client.get(path_of(item["chapters_url"]))
    assert track.status_code == 200 and track["Content-Type"] == "text/vtt; charset=utf-8"
    assert track["Access-Control-Allow-Origin"] == "*"
    assert track.content.decode().startswith(
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:45.000\nIntro\n\n2\n00:00:45.000 --> 01:30:05.000\n"
    )


@pytest.mark.parametrize(
    ("description", "duration"),
    [
        ("0:05 Late start\n0:30 Middle\n1:00 End", 120.0),
        ("0:00 Only\n0:30 Two", 120.0),
        ("0:00 Intro\n0:05 Too short\n1:00 End", 120.0),
        ("0:00 Intro\n1:00 Later\n0:30 Earlier", 120.0),
        ("0:00 Intro\n0:30 Middle\n1:55 Last is short", 120.0),
        ("0:00 Intro\n0:30 Middle\n3:00 Past the end", 120.0),
        ("0:00Intro\n0:30Middle\n1:00End", 120.0),
        ("0:00 Intro\n0:60 Not a clock\n1:00 End", 120.0),
        ("0:00 Intro\n0:30 Middle\n1:00 End", None),
    ],
    ids=[
        "not-at-0",
        "two",
        "shorter-than-10s",
        "out-of-order",
        "last-too-short",
        "past-the-end",
        "no-separator",
        "bad-clock",
        "no-duration",
    ],
)
def test_descriptions_that_break_the_rule_give_no_chapters(
    owner, api_client, description, duration
):
    video = ready_video(owner.user, description=description, duration=duration)
    item = item_of(owner, video)
    assert (item["chapters"], item["chapters_url"]) == ([], None)
    assert api_client.get(f"{VIDEOS}/{video.id}/chapters.vtt").status_code == 404


def test_chapters_the_owner_sets_win_until_they_send_null(owner):
    video = ready_video(owner.user, description=DESCRIPTION, duration=8000.0)
    url = f"{VIDEOS}/{video.id}/chapters"
    mine = [
        {"start": 0, "title": "Cold open"},
        {"start": 12.5, "title": "Credits <b>&</b> more"},
        {"start": 600, "title": "Story"},
    ]
    response = owner.put(url, {"chapters": mine}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["chapters_source"] == "custom"
    assert [c["title"] for c in item_of(owner, video)["chapters"]] == [
        "Cold open",
        "Credits <b>&</b> more",
        "Story",
    ]
    track = owner.get(path_of(item_of(owner, video)["chapters_url"])).content.decode()
    assert "00:00:12.500 --> 00:10:00.000\nCredits &lt;b&gt;&amp;&lt;/b&gt; more\n" in track

    none = owner.put(url, {"chapters": []}, format="json").json()
    assert (none["chapters"], none["chapters_source"], none["chapters_url"]) == ([], "custom", None)

    back = owner.put(url, {"chapters": None}, format="json").json()
    assert back["chapters_source"] == "description"
    assert back["chapters"][0]["title"] == "Intro"


@pytest.mark.parametrize(
    ("chapters", "reason"),
    [
        (
            [{"start": 0, "title": "a"}, {"start": 60, "title": "b"}, {"start": 30, "title": "c"}],
            "list them in order",
        ),
        (
            [{"start": 0, "title": "a"}, {"start": 30, "title": "b"}, {"start": 130, "title": "c"}],
            "past the item's end",
        ),
        (
            [{"start": 5, "title": "a"}, {"start": 30, "title": "b"}, {"start": 60, "title": "c"}],
            "starts at 0:00",
        ),
        (
            [{"start": 0, "title": "a"}, {"start": 5, "title": "b"}, {"start": 60, "title": "c"}],
            "shorter than 10 s",
        ),
        ([{"start": 0, "title": "a"}, {"start": 60, "title": "b"}], "At least 3"),
    ],
    ids=["out-of-order", "past-the-end", "not-at-0", "too-short", "two"],
)
def test_chapters_breaking_the_rule_are_a_400_and_change_nothing(owner, chapters, reason):
    video = ready_video(owner.user, duration=120.0)
    before = store_snapshot()
    response = owner.put(f"{VIDEOS}/{video.id}/chapters", {"chapters": chapters}, format="json")
    assert response.status_code == 400, response.content
    assert reason in response.json()["error"]["fields"]["chapters"][0]
    assert store_snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"chapters": "0:00 Intro"},
        {"chapters": [{"start": "0", "title": "a"}]},
        {"chapters": [{"start": -1, "title": "a"}]},
        {"chapters": [{"start": 0, "title": "two\nlines"}]},
        {"chapters": [{"start": 0, "title": " "}]},
        {"chapters": [{"start": 0, "title": "x" * 101}]},
        {"chapters": [{"start": 0, "title": "a", "color": "red"}]},
        {"chapters": [{"start": n * 20, "title": "a"} for n in range(101)]},
        {"chapters": None, "extra": 1},
    ],
)
def test_malformed_chapter_lists_are_a_400(owner, body):
    video = ready_video(owner.user, duration=5000.0)
    before = store_snapshot()
    response = owner.put(f"{VIDEOS}/{video.id}/chapters", body, format="json")
    assert response.status_code == 400, response.content
    assert store_snapshot() == before


def test_chapters_need_the_items_media_first(owner):
    draft = owner.post(VIDEOS, {"title": "Draft"}, format="json").json()
    chapters = [
        {"start": 0, "title": "a"},
        {"start": 30, "title": "b"},
        {"start": 60, "title": "c"},
    ]
    response = owner.put(f"{VIDEOS}/{draft['id']}/chapters", {"chapters": chapters}, format="json")
    assert response.status_code == 409
    back = owner.put(f"{VIDEOS}/{draft['id']}/chapters", {"chapters": None}, format="json")
    assert back.status_code == 200


def test_the_chapters_track_of_a_private_item_is_signed(owner, api_client):
    video = ready_video(owner.user, visibility="private", description=DESCRIPTION, duration=8000.0)
    url = item_of(owner, video)["chapters_url"]
    assert "sig=" in url
    assert api_client.get(path_of(url)).status_code == 200
    assert api_client.get(path_of(url).split("?")[0]).status_code == 404
