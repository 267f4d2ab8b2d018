"""Forged cursors on every list: the API's (every GET operation of the OpenAPI schema taking a
`cursor`) and the moderation console's (every page it lists).

Each list's own page links are taken apart and each field of their tokens replaced by hostile
values (times outside UTC's years, offsets past 64 bits, negative, NaN, wrong types, nested
objects, bad ids), beside whole tokens that are no cursor (overlong, not base64, not JSON). An
API list answers the documented invalid_cursor 404, or a page where the forged value happens to
be valid (or the 400 its own pattern check gives a token outside `^[A-Za-z0-9_-]+$`); a console
list goes back to its first page. Never a 500.
"""

import base64
import html
import json
import re
from urllib.parse import parse_qs, urlencode

import pytest
from bson import ObjectId
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from channels_app.tests.helpers import subscribe
from common.api.serializers import CURSOR_MAX_LENGTH
from common.cursors import MAX_RANK, RankCursor, encode
from common.redis import get_redis
from engagement.documents import ModerationDecision
from engagement.tests.helpers import comment, like, post_comment, tweet
from moderation.admin import PAGES
from moderation.console.paging import PAGE_SIZE
from moderation.tests.console_helpers import reported, staff_client
from playlists.tests.helpers import create as create_playlist
from videos import trending
from videos.tests.helpers import play, ready_video

V1 = "/api/v1"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# What the reported forgeries hold: an instant that leaves years 1 to 9999 once moved to UTC.
TIMES_OUTSIDE_UTC = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]


def token(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# JSON texts that take the place of each field of a list's own token.
HOSTILE_VALUES = [
    *(json.dumps(at) for at in TIMES_OUTSIDE_UTC),
    str(2**63),
    str(-(2**63) - 1),
    "-1",
    "1e400",
    "NaN",
    "0.5",
    '{"$gt": ""}',
    '["x"]',
    "true",
    "null",
    '"\\ud800"',
    json.dumps("x" * 200),
]
# Whole tokens that hold no cursor at all.
HOSTILE_TOKENS = [
    "",
    "A",
    "a b",
    "!!!!",
    "A" * 5000,
    token(b"\xff\xfe\xfd"),
    token("[]"),
    token('"x"'),
    token("null"),
    token("{}"),
    token("[" * 300 + "]" * 300),
    token('{"a": ' * 100 + "1" + "}" * 100),
]


def forgeries(cursor: str) -> list[str]:
    """A list's own token with each field replaced by each hostile value, one key dropped and
    one key added."""
    fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))

    def packed(values: dict) -> str:
        return token("{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in values.items()) + "}")

    plain = {key: json.dumps(value) for key, value in fields.items()}
    forged = [packed({**plain, key: value}) for key in plain for value in HOSTILE_VALUES]
    first = next(iter(plain))
    forged.append(packed({key: value for key, value in plain.items() if key != first}))
    forged.append(packed({**plain, "x": "1"}))
    return forged


def shape(cursor: str) -> tuple:
    """What kind of position a token holds: its keys and the types of their values."""
    fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return tuple(sorted((key, type(value).__name__) for key, value in fields.items()))


def cursors_in(text: str) -> list[str]:
    """The cursor of every link in a page (JSON or HTML)."""
    found = re.findall(r"[?&](?:amp;)?cursor=([^&\"'\s]+)", html.unescape(text))
    return [parse_qs(f"cursor={value}")["cursor"][0] for value in found]


@pytest.fixture
def world(auth_client, make_user):
    """A signed-in creator with two or more rows in every list the API has."""
    me = auth_client(make_user(username="fuzzer"))
    fans = [auth_client(make_user(username=f"fan{n}")) for n in range(2)]
    stars = [make_user(username=f"star{n}") for n in range(2)]
    videos = [ready_video(me.user, title=f"fuzz clip {n}") for n in range(3)]
    for star in stars:
        ready_video(star, title="fuzz star clip")
        tweet(star, "fuzz star news")
        subscribe(me, star)
    for n in range(2):
        tweet(me.user, f"fuzz news {n}")
        subscribe(fans[n], me.user)
        me.put(f"{V1}/users/me/blocks/{make_user(username=f'blocked{n}').username}")
        play(me, videos[n])
        like(me, videos[n])
        me.put(f"{V1}/playlists/watch-later/videos/{videos[n].id}")
    for lang in ("en", "fr"):
        vtt = SimpleUploadedFile(f"{lang}.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n")
        me.put(f"{V1}/videos/{videos[0].id}/captions/{lang}", {"file": vtt}, format="multipart")
    playlists = [create_playlist(me, name=f"fuzz mix {n}")["id"] for n in range(2)]
    for playlist in playlists:
        for video in videos[:2]:
            me.put(f"{V1}/playlists/{playlist}/videos/{video.id}")
    parent = post_comment(fans[0], videos[0], "fuzz first").json()["id"]
    post_comment(fans[1], videos[0], "fuzz second")
    for fan in fans:
        post_comment(fan, videos[0], "fuzz reply", parent=parent)
    ranked = {
        str(video.id): {"views": 1.0, "likes": 1.0, "comments": 1.0, "recency": 1.0}
        for video in videos
    }
    for window in trending.WINDOWS:
        trending.store(window=window, parts=ranked)
    me.ids = {"comments": parent, "playlists": playlists[0], "videos": str(videos[0].id)}
    return me


def list_operations() -> list[tuple[str, list[dict]]]:
    """(path, parameters) of every GET operation of the schema taking a cursor."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, operation.get("parameters", []))
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "get"
        and any(
            p["name"] == "cursor" and p["in"] == "query" for p in operation.get("parameters", [])
        )
    ]


def _url(path: str, client) -> str:
    """The path with its parameters filled: {username} is the creator, {id} the thing named by
    the segment before it."""
    return re.sub(
        r"([a-z-]+)/\{(\w+)\}",
        lambda m: f"{m[1]}/{client.user.username if m[2] == 'username' else client.ids[m[1]]}",
        path,
    )


def _variants(parameters: list[dict]) -> tuple[dict, list[dict]]:
    """The query every call needs (required words), and one query per choice of each choice
    parameter."""
    query = [p for p in parameters if p["in"] == "query"]
    needed = {p["name"]: "fuzz" for p in query if p.get("required")}
    choices = [{p["name"]: value} for p in query for value in p.get("schema", {}).get("enum", [])]
    return needed, [{}, *choices]


def _wrong_api_answer(response, cursor: str) -> str | None:
    """Why an answer to a forged cursor is wrong; None when it is right: a token that is none by
    its documented form is a 400 naming the cursor, one of that form holding no page a 404."""
    if response.status_code == 200:
        return None
    error = response.json().get("error", {})
    if TOKEN_PATTERN.fullmatch(cursor) and len(cursor) <= CURSOR_MAX_LENGTH:
        if response.status_code == 404 and error.get("code") == "invalid_cursor":
            return None
    elif response.status_code == 400 and "cursor" in error.get("fields", {}):
        return None
    return f"{response.status_code} {error.get('code')}"


def test_every_api_list_answers_forged_cursors_with_invalid_cursor_never_a_500(world):
    operations = list_operations()
    assert len(operations) >= 20
    wrong = []
    for path, parameters in operations:
        url = _url(path, world)
        needed, variants = _variants(parameters)
        shapes = {}
        for variant in variants:
            first = world.get(url, {**needed, **variant, "limit": 1})
            assert first.status_code == 200, (path, variant, first.content[:200])
            for cursor in cursors_in(first.content.decode()):
                shapes.setdefault(shape(cursor), (variant, cursor))
        assert shapes, f"{path}: no page link; the world needs two rows of this list"
        tried = [({}, forged) for forged in HOSTILE_TOKENS]
        for variant, cursor in shapes.values():
            tried += [(variant, forged) for forged in forgeries(cursor)]
        for variant, forged in tried:
            response = world.get(url, {**needed, **variant, "cursor": forged})
            problem = _wrong_api_answer(response, forged)
            if problem:
                wrong.append((path, variant, forged[:80], problem))
    assert not wrong, "\n".join(map(str, wrong))


@pytest.mark.parametrize("at", TIMES_OUTSIDE_UTC)
@pytest.mark.parametrize("path", ["/videos", "/users/me/history", "/channels/fuzzer/tweets"])
def test_a_keyset_cursor_whose_time_leaves_utc_years_is_invalid(world, path, at):
    forged = token(json.dumps({"t": "dt", "v": at, "i": str(ObjectId()), "b": False}))
    response = world.get(f"{V1}{path}", {"cursor": forged})
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("at", TIMES_OUTSIDE_UTC)
def test_a_feed_cursor_whose_time_leaves_utc_years_is_invalid(world, at):
    forged = token(json.dumps({"t": at, "k": "video", "i": str(ObjectId()), "b": False}))
    response = world.get(f"{V1}/feed", {"cursor": forged})
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    "fields",
    [
        {"t": "v", "v": 2**63, "i": "0" * 24, "b": False},
        {"o": 2**63},
        {"o": -1},
        {"o": MAX_RANK},
    ],
    ids=["reported", "past-64-bits", "negative", "past-the-ranking"],
)
@pytest.mark.parametrize("path", ["/trending", "/videos?sort=trending"])
def test_a_rank_cursor_outside_the_ranking_is_invalid(world, path, fields):
    separator = "&" if "?" in path else "?"
    response = world.get(f"{V1}{path}{separator}{urlencode({'cursor': token(json.dumps(fields))})}")
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_a_ranking_ends_at_its_last_rank(world):
    members = {f"{ObjectId()}|1.0|1.0|1.0|1.0": 1.0 for _ in range(MAX_RANK + 5)}
    get_redis().zadd("trending:7d", members)
    last = encode(RankCursor(offset=MAX_RANK - 5))
    page = world.get(f"{V1}/trending", {"cursor": last, "limit": 20}).json()
    assert page["next"] is None
    assert page["previous"] is not None


@pytest.fixture
def console_world(make_user):
    """More rows than a console page holds in every console list."""
    users = [make_user(username=f"member{n}") for n in range(PAGE_SIZE + 1)]
    for n, user in enumerate(users):
        video = ready_video(user, title=f"clip {n}")
        other = users[-1 - n]
        comment(video, other, status="held", held_reason="approval: every comment")
        reported(video, other)
        reported(video, other, status="resolved")
        ModerationDecision(
            actor_name="moderator-staff",
            actor_role="staff",
            action="unpublish",
            target_type="video",
            target_id=video.id,
        ).save()


@pytest.mark.django_db
def test_every_console_list_takes_a_forged_cursor_back_to_its_first_page(console_world):
    client = staff_client()
    wrong, fuzzed = [], 0
    for name, *_ in PAGES:
        url = reverse(f"admin:{name}")
        front = client.get(url).content.decode()
        queries = {""} | {
            html.unescape(query)
            for query in re.findall(r'href="\?([^"]*)"', front)
            if "cursor=" not in query
        }
        shapes = {}
        for query in sorted(queries):
            page = client.get(f"{url}?{query}").content.decode()
            for cursor in cursors_in(page):
                shapes.setdefault(shape(cursor), (query, cursor))
        assert shapes or 'class="paginator"' not in front, f"{url}: no page link; add rows"
        tried = [("", forged) for forged in HOSTILE_TOKENS]
        for query, cursor in shapes.values():
            tried += [(query, forged) for forged in forgeries(cursor)]
        for query, forged in tried:
            kept = {key: value for key, value in parse_qs(query).items() if key != "cursor"}
            response = client.get(url, {**kept, "cursor": forged})
            fuzzed += 1
            first_page = f"{url}?{urlencode(kept, doseq=True)}" if kept else url
            redirected = response.status_code == 302 and response["Location"] == first_page
            # An empty cursor is no cursor; a page without a pager has no cursor to forge.
            if not (redirected or (response.status_code == 200 and not (shapes and forged))):
                wrong.append((url, query, forged[:80], response.status_code))
    assert fuzzed > len(PAGES) * len(HOSTILE_TOKENS)
    assert not wrong, "\n".join(map(str, wrong))
