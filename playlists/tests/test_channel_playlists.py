"""A channel's public playlists, as its page lists them."""

from playlists.tests.helpers import WATCH_LATER, create, put
from videos.documents import Video
from videos.tests.helpers import path_of, ready_video

CHANNELS = "/api/v1/channels"


def names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [playlist["name"] for playlist in response.json()["results"]]


def test_a_channel_lists_its_public_playlists_newest_first(auth_client, api_client, make_user):
    owner = auth_client()
    for name, visibility in (
        ("first", "public"),
        ("hidden", "private"),
        ("by link", "unlisted"),
        ("second", "public"),
    ):
        create(owner, name=name, visibility=visibility)
    owner.get(WATCH_LATER)
    create(auth_client(), name="someone else's")
    url = f"{CHANNELS}/{owner.user.username}/playlists"
    assert names(api_client.get(url)) == ["second", "first"]
    assert names(owner.get(url)) == ["second", "first"]
    assert names(api_client.get(f"{CHANNELS}/{owner.user.username.upper()}/playlists")) == [
        "second",
        "first",
    ]
    page = api_client.get(url, {"limit": 1}).json()
    assert [p["name"] for p in page["results"]] == ["second"]
    assert names(api_client.get(path_of(page["next"]))) == ["first"]


def test_counts_and_thumbnails_follow_what_the_caller_may_see(auth_client, api_client, make_user):
    owner = auth_client()
    channel = make_user()
    shown = ready_video(channel, thumbnail="thumbnails/shown.jpg")
    hidden = ready_video(channel, thumbnail="thumbnails/hidden.jpg")
    playlist = create(owner)
    put(owner, playlist["id"], hidden)
    put(owner, playlist["id"], shown)
    Video.objects(id=hidden.id).update_one(set__published=False)
    listed = api_client.get(f"{CHANNELS}/{owner.user.username}/playlists").json()["results"][0]
    assert listed["videos_count"] == 1
    assert listed["thumbnail_url"].endswith("/media/thumbnails/shown.jpg")
    assert "videos" not in listed
    assert listed["owner"]["username"] == owner.user.username


def test_an_unknown_or_suspended_channel_is_a_404(auth_client, api_client):
    assert api_client.get(f"{CHANNELS}/nobody/playlists").status_code == 404
    owner = auth_client()
    create(owner)
    owner.user.update(set__is_active=False)
    response = api_client.get(f"{CHANNELS}/{owner.user.username}/playlists")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_channel_page_costs_the_same_reads_however_long(api_client, auth_client, reads_per_page):
    owner = auth_client()
    for index in range(25):
        create(owner, name=f"list {index}")
    assert reads_per_page(api_client, f"{CHANNELS}/{owner.user.username}/playlists") <= 4
