"""A world in which one account has left a trace in every collection, in both media stores and in
Redis, among others whose figures its purge must leave exact: built through the API as users
would (a real upload, processed by ffmpeg), plus the beat tasks and a moderator's decisions."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.helpers import image_upload
from channels_app.tasks import flush_subscription_counters
from channels_app.tests.helpers import subscribe
from dashboard.tasks import refresh_trending
from engagement.services import Actor
from engagement.tasks import flush_comment_counters, flush_like_counters
from engagement.tests.helpers import TWEETS, comments_url, like
from moderation.console.reports import resolve
from notifications.tests.helpers import SETTINGS, UNREAD_COUNT
from uploads.tests.helpers import create as open_upload
from uploads.tests.helpers import draft
from videos.documents import LivePlaylist, Video
from videos.tasks import flush_view_counters
from videos.tests.helpers import VIDEOS, play, ready_video, upload

V1 = "/api/v1"
PASSWORD = "S3cure-pass!"
USERNAME = "doomed_creator"
EMAIL = "doomed@example.com"


@dataclass
class World:
    """The leaving account's client and the others' clients, by name."""

    leaving: object
    others: dict[str, object]

    @property
    def user(self):
        return self.leaving.user


def _created(response, status: int = 201) -> dict:
    assert response.status_code == status, response.content
    return response.json()


def build_world(*, auth_client, make_user, api_client, clip) -> World:
    leaving = auth_client(make_user(username=USERNAME, email=EMAIL, full_name="Doomed Creator"))
    fan, creator, friend, blocker = (
        auth_client(make_user(username=name)) for name in ("fan", "creator", "friend", "blocker")
    )
    world = World(
        leaving=leaving,
        others={"fan": fan, "creator": creator, "friend": friend, "blocker": blocker},
    )
    for client in (leaving, creator):
        avatar = {"avatar": image_upload("me.png")}
        assert client.put(f"{V1}/users/me/avatar", avatar, format="multipart").status_code == 200
    for client in (leaving, creator):
        response = client.patch(SETTINGS, {"comment": {"email": True}}, format="json")
        assert response.status_code == 200
    # Subscriptions both ways, before the upload, so subscribers are told of it.
    assert subscribe(fan, leaving.user).status_code == 201
    assert subscribe(friend, leaving.user).status_code == 201
    assert subscribe(leaving, creator.user).status_code == 201

    mine = Video.objects.get(id=_created(upload(leaving, clip, title="Doomed clip"), 202)["id"])
    assert mine.status == "ready"
    captions = {"file": SimpleUploadedFile("en.vtt", b"WEBVTT\n\n00:00.100 --> 00:00.900\nBye\n")}
    assert (
        leaving.put(f"{VIDEOS}/{mine.id}/captions/en", captions, format="multipart").status_code
        == 201
    )
    # A live playlist a crashed processing run left (its TTL index would drop it in two days).
    LivePlaylist(
        video_id=mine.id, prefix=f"{mine.hls_prefix}crashed/", path="master.m3u8", text="#EXTM3U\n"
    ).save()
    # A resumable upload left half-way, on a draft.
    half_way = open_upload(leaving, video_id=draft(leaving), length=10, body=b"half")
    assert half_way.status_code == 201
    theirs = ready_video(creator.user, title="Creator clip")
    strict = ready_video(creator.user, title="Strict clip", comments_policy="approval")
    headers = {"HTTP_IDEMPOTENCY_KEY": "first-tweet"}
    my_tweet = _created(leaving.post(TWEETS, {"content": "So long"}, format="json", **headers))
    their_tweet = _created(creator.post(TWEETS, {"content": "Hi all"}, format="json"))

    # Views and history both ways, then every counter flushed into the daily figures.
    play(leaving, theirs.id)
    play(fan, mine.id)
    for target in (f"{VIDEOS}/{theirs.id}", f"{TWEETS}/{their_tweet['id']}"):
        assert leaving.put(f"{target}/like").status_code == 200
    for target in (f"{VIDEOS}/{mine.id}", f"{TWEETS}/{my_tweet['id']}"):
        assert fan.put(f"{target}/like").status_code == 200

    # Comments: threads of its own with and without answers, a reply in another's thread, a
    # held one, others' comments on its item, one it pins there (a creator's decision).
    first = _created(fan.post(comments_url(theirs), {"content": "Great"}, format="json"))
    alone = _created(leaving.post(comments_url(theirs), {"content": "Bye"}, format="json"))
    answered = _created(leaving.post(comments_url(theirs), {"content": "Ask me"}, format="json"))
    _created(
        fan.post(
            comments_url(theirs),
            {"content": "Why?", "parent": answered["id"]},
            format="json",
        )
    )
    reply = {"content": "Agreed", "parent": first["id"]}
    my_reply = _created(leaving.post(comments_url(theirs), reply, format="json"))
    held = _created(leaving.post(comments_url(strict), {"content": "Hold me"}, format="json"))
    assert held["status"] == "held"
    on_mine = _created(fan.post(comments_url(mine), {"content": "Nice"}, format="json"))
    _created(leaving.post(comments_url(mine), {"content": "Thanks"}, format="json"))
    assert leaving.post(f"{V1}/comments/{on_mine['id']}/pin").status_code == 200
    flush_view_counters.delay()
    flush_like_counters.delay()
    flush_comment_counters.delay()
    flush_subscription_counters.delay()

    # Left unflushed: likes of comments both ways, waiting in Redis when the account goes.
    assert leaving.put(f"{V1}/comments/{first['id']}/like").status_code == 200
    assert fan.put(f"{V1}/comments/{answered['id']}/like").status_code == 200
    assert friend.put(f"{V1}/comments/{alone['id']}/like").status_code == 200
    assert friend.put(f"{V1}/comments/{my_reply['id']}/like").status_code == 200

    # Playlists: its own (with a picture), Watch later, and another's list holding its item.
    playlist = _created(leaving.post(f"{V1}/playlists", {"name": "Keep"}, format="json"))
    picture = {"thumbnail": image_upload("list.png")}
    url = f"{V1}/playlists/{playlist['id']}"
    assert leaving.put(f"{url}/thumbnail", picture, format="multipart").status_code == 200
    assert leaving.put(f"{url}/videos/{theirs.id}").status_code == 201
    assert leaving.put(f"{V1}/playlists/watch-later/videos/{theirs.id}").status_code == 201
    their_list = _created(fan.post(f"{V1}/playlists", {"name": "Faves"}, format="json"))
    assert fan.put(f"{V1}/playlists/{their_list['id']}/videos/{mine.id}").status_code == 201

    assert leaving.put(f"{V1}/users/me/blocks/blocker").status_code == 200
    assert blocker.put(f"{V1}/users/me/blocks/{USERNAME}").status_code == 200

    # Reports: one it filed (goes), two about it and its item (stay), resolved by staff.
    report = {"category": "spam", "reason": "ads"}
    for client, target_type, target_id in (
        (leaving, "tweet", their_tweet["id"]),
        (fan, "video", str(mine.id)),
        (friend, "user", str(leaving.user.id)),
    ):
        body = {**report, "target_type": target_type, "target_id": target_id}
        _created(client.post(f"{V1}/reports", body, format="json"))
    for target_type, target_id in (("video", mine.id), ("user", leaving.user.id)):
        resolve(
            by=Actor.staff("moderator"),
            target_type=target_type,
            target_id=target_id,
            action="dismiss",
            reason="fine",
        )

    # Redis state naming it: cached pages, unread figures, a throttle, trending lists.
    assert api_client.get(f"{V1}/channels/{USERNAME}").status_code == 200
    assert api_client.get(f"{VIDEOS}/{mine.id}").status_code == 200
    for client in (leaving, fan, creator):
        assert client.get(UNREAD_COUNT).status_code == 200
    wrong = {"login": USERNAME, "password": "wrong-password"}
    assert api_client.post(f"{V1}/auth/login", wrong, format="json").status_code == 401
    refresh_trending.delay()
    assert leaving.post(f"{V1}/users/me/export").status_code == 202

    like(fan, theirs)
    return world
