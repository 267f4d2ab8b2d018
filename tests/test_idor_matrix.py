"""The IDOR matrix: every owner-only write route of every app, tried by a signed-in stranger and
by an anonymous caller, answers as the rules say (401 without sign-in; 403 for what the stranger
may see but not change; 404 for what they may not see) and changes nothing in Mongo or Redis.

A guard lists every non-safe operation of the OpenAPI schema: each must be in the matrix or in
NOT_OWNER_ONLY, with the reason it is not owner-only, so a new route cannot slip by unclassified.
"""

import mongoengine
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator

from accounts.tests.helpers import image_upload
from channels_app.tests.helpers import subscribe
from common.tests.helpers import store_snapshot
from engagement.tests.helpers import like, tweet
from playlists.tests.helpers import create as create_playlist
from uploads.tests.helpers import TUS, draft
from uploads.tests.helpers import create as create_upload
from uploads.tests.helpers import patch as tus_patch
from videos.tests.helpers import ready_video

V1 = "/api/v1"


@pytest.fixture
def world(auth_client, make_user):
    """An owner's things of every kind, public and private, that a stranger might reach for."""
    owner = auth_client(make_user(username="owner"))
    fan = auth_client(make_user(username="fan"))
    public_item = ready_video(owner.user, title="public")
    private_item = ready_video(owner.user, visibility="private", title="private")
    public_tweet = tweet(owner.user, "mine")
    like(fan, public_tweet)
    like(fan, public_item)
    subscribe(fan, owner.user, notify="none")
    public_list = create_playlist(owner, visibility="public")["id"]
    private_list = create_playlist(owner, visibility="private")["id"]
    for playlist in (public_list, private_list):
        owner.put(f"{V1}/playlists/{playlist}/videos/{public_item.id}")
    owner.put(f"{V1}/playlists/watch-later/videos/{public_item.id}")
    comment = fan.post(f"{V1}/videos/{public_item.id}/comments", {"content": "Nice"}, format="json")
    own_comment = owner.post(
        f"{V1}/videos/{public_item.id}/comments", {"content": "Thanks"}, format="json"
    )
    private_comment = owner.post(
        f"{V1}/videos/{private_item.id}/comments", {"content": "Note"}, format="json"
    )
    owner.put(f"{V1}/comments/{own_comment.json()['id']}/like")
    for item in (public_item, private_item):
        _call(owner, "put", f"{V1}/videos/{item.id}/captions/en", CAPTIONS)
    upload = create_upload(owner, video_id=draft(owner), length=10).json()["id"]
    return {
        "public_item": {"id": public_item.id},
        "private_item": {"id": private_item.id},
        "public_captions": {"id": public_item.id, "lang": "en"},
        "private_captions": {"id": private_item.id, "lang": "en"},
        "tweet": {"id": public_tweet.id},
        "public_list": {"id": public_list, "video_id": public_item.id},
        "private_list": {"id": private_list, "video_id": private_item.id},
        "watch_later": {"video_id": public_item.id},
        "channel": {"username": "owner"},
        "comment": {"id": own_comment.json()["id"]},
        "fans_comment": {"id": comment.json()["id"]},
        "private_comment": {"id": private_comment.json()["id"]},
        "upload": {"id": upload},
    }


THUMBNAIL = "thumbnail"
CAPTIONS = "captions"
CHAPTERS = {"chapters": [{"start": 0, "title": "a"}, {"start": 3, "title": "b"}]}
TUS_REQUEST = "tus"
# (method, schema path, target in `world`, body, stranger's status, anonymous caller's status).
# A body of THUMBNAIL is a multipart image upload, one of CAPTIONS a multipart caption file,
# TUS_REQUEST a well-formed tus request.
MATRIX = [
    ("patch", "/videos/{id}", "public_item", {"title": "x"}, 403, 401),
    ("patch", "/videos/{id}", "private_item", {"title": "x"}, 404, 401),
    ("delete", "/videos/{id}", "public_item", None, 403, 401),
    ("delete", "/videos/{id}", "private_item", None, 404, 401),
    ("put", "/videos/{id}/file", "public_item", None, 403, 401),
    ("put", "/videos/{id}/file", "private_item", None, 404, 401),
    ("put", "/videos/{id}/thumbnail", "public_item", THUMBNAIL, 403, 401),
    ("put", "/videos/{id}/thumbnail", "private_item", THUMBNAIL, 404, 401),
    ("put", "/videos/{id}/captions/{lang}", "public_captions", CAPTIONS, 403, 401),
    ("put", "/videos/{id}/captions/{lang}", "private_captions", CAPTIONS, 404, 401),
    ("delete", "/videos/{id}/captions/{lang}", "public_captions", None, 403, 401),
    ("delete", "/videos/{id}/captions/{lang}", "private_captions", None, 404, 401),
    ("put", "/videos/{id}/chapters", "public_item", CHAPTERS, 403, 401),
    ("put", "/videos/{id}/chapters", "private_item", CHAPTERS, 404, 401),
    # A private item cannot be liked by others; unliking acts on the caller's own like only.
    ("put", "/videos/{id}/like", "private_item", None, 404, 401),
    ("delete", "/videos/{id}/like", "private_item", None, 404, 401),
    ("delete", "/videos/{id}/like", "public_item", None, 200, 401),
    ("patch", "/tweets/{id}", "tweet", {"content": "hijacked"}, 403, 401),
    ("delete", "/tweets/{id}", "tweet", None, 403, 401),
    ("delete", "/tweets/{id}/like", "tweet", None, 200, 401),
    ("patch", "/playlists/{id}", "public_list", {"name": "x"}, 403, 401),
    ("patch", "/playlists/{id}", "private_list", {"name": "x"}, 404, 401),
    ("delete", "/playlists/{id}", "public_list", None, 403, 401),
    ("delete", "/playlists/{id}", "private_list", None, 404, 401),
    ("put", "/playlists/{id}/thumbnail", "public_list", THUMBNAIL, 403, 401),
    ("put", "/playlists/{id}/thumbnail", "private_list", THUMBNAIL, 404, 401),
    ("put", "/playlists/{id}/videos/{video_id}", "public_list", None, 403, 401),
    ("put", "/playlists/{id}/videos/{video_id}", "private_list", None, 404, 401),
    ("patch", "/playlists/{id}/videos/{video_id}", "public_list", {"position": 0}, 403, 401),
    ("patch", "/playlists/{id}/videos/{video_id}", "private_list", {"position": 0}, 404, 401),
    ("delete", "/playlists/{id}/videos/{video_id}", "public_list", None, 403, 401),
    ("delete", "/playlists/{id}/videos/{video_id}", "private_list", None, 404, 401),
    # Watch later always names the caller's own list: a stranger's request never reaches the
    # owner's (removing what the stranger's own list lacks is a 204 that changes nothing).
    ("delete", "/playlists/watch-later/videos/{video_id}", "watch_later", None, 204, 401),
    ("patch", "/playlists/watch-later/videos/{video_id}", "watch_later", {"position": 0}, 404, 401),
    ("patch", "/comments/{id}", "comment", {"content": "hijacked"}, 403, 401),
    ("patch", "/comments/{id}", "private_comment", {"content": "hijacked"}, 404, 401),
    ("delete", "/comments/{id}", "comment", None, 403, 401),
    ("delete", "/comments/{id}", "fans_comment", None, 403, 401),
    ("delete", "/comments/{id}", "private_comment", None, 404, 401),
    ("post", "/comments/{id}/approve", "fans_comment", None, 403, 401),
    ("post", "/comments/{id}/approve", "private_comment", None, 404, 401),
    ("post", "/comments/{id}/pin", "fans_comment", None, 403, 401),
    ("post", "/comments/{id}/pin", "private_comment", None, 404, 401),
    ("delete", "/comments/{id}/pin", "comment", None, 403, 401),
    ("delete", "/comments/{id}/pin", "private_comment", None, 404, 401),
    ("put", "/comments/{id}/like", "private_comment", None, 404, 401),
    ("delete", "/comments/{id}/like", "comment", None, 200, 401),
    ("post", "/videos/{id}/comments", "private_item", {"content": "x"}, 404, 401),
    # The subscription routes act on the caller's own subscription: the fan's stays as it is.
    ("patch", "/channels/{username}/subscription", "channel", {"notify": "all"}, 404, 401),
    ("delete", "/channels/{username}/subscription", "channel", None, 204, 401),
    # An upload is its owner's alone: anyone else is told it does not exist.
    ("patch", "/uploads/{id}", "upload", TUS_REQUEST, 404, 401),
    ("delete", "/uploads/{id}", "upload", TUS_REQUEST, 404, 401),
]

# Routes whose only subject is the caller ("me" routes, creations, sign-in): nobody else's record
# can be named. Anonymous callers are refused where sign-in is needed (checked below).
SELF_ROUTES = [
    ("post", "/auth/logout"),
    ("post", "/auth/logout-all"),
    ("post", "/auth/password/change"),
    ("patch", "/users/me"),
    ("put", "/users/me/avatar"),
    ("put", "/users/me/cover-image"),
    ("put", "/users/me/blocks/{username}"),
    ("delete", "/users/me/blocks/{username}"),
    ("delete", "/users/me/history"),
    ("delete", "/users/me/history/{video_id}"),
    ("patch", "/users/me/notification-settings"),
    ("post", "/users/me/deletion"),
    ("delete", "/users/me/deletion"),
    ("post", "/users/me/export"),
    ("post", "/notifications/read"),  # ids of others' notifications match nothing (tested below)
    ("post", "/notifications/read-all"),
    ("post", "/videos"),
    ("post", "/uploads/"),  # only for the caller's own items (uploads/tests)
    ("post", "/tweets"),
    ("post", "/playlists"),
    ("post", "/reports"),
    ("put", "/videos/{id}/like"),  # the caller's own like of a public item
    ("put", "/tweets/{id}/like"),
    ("put", "/channels/{username}/subscription"),  # the caller's own subscription
    ("post", "/events/ticket"),  # a ticket for the caller's own stream
    ("patch", "/playlists/watch-later"),
    ("put", "/playlists/watch-later/thumbnail"),
    ("put", "/playlists/watch-later/videos/{video_id}"),
]

# Not owner-only at all: open to anonymous callers by design.
NOT_OWNER_ONLY = [
    ("post", "/auth/register"),
    ("post", "/auth/register/verify"),
    ("post", "/auth/register/resend"),
    ("post", "/auth/login"),
    ("post", "/auth/token/refresh"),  # proves itself with the refresh token
    ("post", "/videos/{id}/views"),  # anyone who may watch may count a view
]


def _call(client, method: str, url: str, body):
    call = getattr(client, method)
    if body == THUMBNAIL:
        return call(url, {"thumbnail": image_upload("t.png")}, format="multipart")
    if body == CAPTIONS:
        vtt = SimpleUploadedFile("en.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n")
        return call(url, {"file": vtt}, format="multipart")
    if body == TUS_REQUEST:
        return tus_patch(client, url, b"x", offset=0) if method == "patch" else call(url, **TUS)
    return call(url, body, format="json") if body is not None else call(url)


@pytest.mark.parametrize(("method", "path", "target", "body", "stranger", "anonymous"), MATRIX)
def test_strangers_and_anonymous_callers_change_nothing(
    world, auth_client, api_client, method, path, target, body, stranger, anonymous
):
    url = V1 + path.format(**world[target])
    signed_in = auth_client()
    signed_in.get(f"{V1}/playlists/watch-later")  # the stranger's own list exists from first use
    before = store_snapshot()
    for client, expected in ((signed_in, stranger), (api_client, anonymous)):
        response = _call(client, method, url, body)
        assert response.status_code == expected, (method, url, response.content)
        if expected >= 400:
            assert set(response.json()) == {"error", "request_id"}
    assert store_snapshot() == before


@pytest.mark.parametrize(("method", "path"), SELF_ROUTES)
def test_self_routes_refuse_anonymous_callers(world, api_client, method, path):
    values = {"id": world["public_item"]["id"], "video_id": world["public_item"]["id"]}
    url = V1 + path.format(username="owner", **values)
    before = store_snapshot()
    assert _call(api_client, method, url, None).status_code == 401
    assert store_snapshot() == before


def test_marking_others_notifications_read_changes_nothing(world, auth_client):
    owner_inbox = mongoengine.get_db()["notifications"]
    ids = [str(doc["_id"]) for doc in owner_inbox.find()]
    assert ids, "the fan's subscription should have notified the owner"
    stranger = auth_client()
    before = store_snapshot()
    response = stranger.post(f"{V1}/notifications/read", {"ids": ids}, format="json")
    assert response.status_code < 300
    assert store_snapshot() == before


def test_every_write_route_is_classified():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    writes = {
        (method, path.removeprefix(V1))
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }
    classified = {(method, path) for method, path, *_ in MATRIX}
    classified |= set(SELF_ROUTES) | set(NOT_OWNER_ONLY)
    assert writes - classified == set(), "classify these routes in the matrix or a list"
    assert classified - writes == set(), "these routes are no longer in the schema"
