"""Channel pages, their items and subscribers, and the caller's subscriptions, through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services as account_services
from channels_app.documents import Subscription
from channels_app.tests.helpers import MY_SUBSCRIPTIONS, channel_url, subscribe
from videos.tests.helpers import ready_video


def names(response, side: str) -> list[str]:
    return [entry[side]["username"] for entry in response.json()["results"]]


def test_a_channel_is_the_user_with_its_figures(api_client, auth_client, make_user):
    channel = make_user(username="creator", full_name="The Creator")
    ready_video(channel)
    ready_video(channel)
    ready_video(channel, visibility="private")
    ready_video(channel, published=False)
    fan = auth_client()
    assert subscribe(fan, channel).status_code == 201
    assert subscribe(auth_client(channel), make_user()).status_code == 201

    body = api_client.get(channel_url(channel)).json()
    assert body["username"] == "creator" and body["full_name"] == "The Creator"
    assert {"id", "avatar_url", "cover_image_url", "created_at"} <= set(body)
    assert "email" not in body
    assert body["subscribers_count"] == 1
    assert body["subscriptions_count"] == 1
    assert body["videos_count"] == 2
    assert body["is_subscribed"] is False
    assert fan.get(channel_url(channel)).json()["is_subscribed"] is True
    assert auth_client().get(channel_url(channel)).json()["is_subscribed"] is False


def test_usernames_are_case_insensitive_and_unknown_or_suspended_channels_are_404(
    api_client, make_user
):
    channel = make_user(username="MixedCase")
    assert api_client.get("/api/v1/channels/mixedcase").json()["id"] == str(channel.id)
    assert api_client.get("/api/v1/channels/nobody").status_code == 404
    account_services.set_user_active(user=channel, active=False)
    for suffix in ("", "/videos", "/tweets", "/playlists", "/subscribers"):
        response = api_client.get(channel_url(channel, suffix))
        assert response.status_code == 404, suffix
        assert response.json()["error"]["code"] == "not_found"


def test_channel_items_are_its_public_listed_ones_filtered_and_sorted(api_client, make_user):
    channel, other = make_user(), make_user()
    now = timezone.now()
    old = ready_video(
        channel, title="Old cats", tags=["cats"], views=50, published_at=now - timedelta(days=2)
    )
    new = ready_video(channel, title="New dogs", kind="audio", published_at=now)
    ready_video(channel, title="Hidden", visibility="unlisted")
    ready_video(other, title="Not theirs")

    def titles(**params):
        response = api_client.get(channel_url(channel, "/videos"), params)
        assert response.status_code == 200, response.json()
        return [item["title"] for item in response.json()["results"]]

    assert titles() == ["New dogs", "Old cats"]
    assert titles(sort="views") == ["Old cats", "New dogs"]
    assert titles(kind="audio") == ["New dogs"]
    assert titles(tag="cats") == ["Old cats"]
    assert titles(q="dogs") == ["New dogs"]
    assert titles(limit=1) == ["New dogs"]
    first = api_client.get(channel_url(channel, "/videos"), {"limit": 1}).json()
    assert api_client.get(first["next"]).json()["results"][0]["id"] == str(old.id)
    assert new.owner_id == channel.id


@pytest.mark.parametrize(
    "params", [{"sort": "oldest"}, {"kind": "film"}, {"limit": 0}, {"limit": "x"}]
)
def test_bad_channel_item_filters_are_400(api_client, make_user, params):
    response = api_client.get(channel_url(make_user(), "/videos"), params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_channel_playlists_are_an_empty_page_until_playlists_exist(api_client, make_user):
    response = api_client.get(channel_url(make_user(), "/playlists"))
    assert response.status_code == 200
    assert response.json() == {"results": [], "next": None, "previous": None}


def test_subscribers_and_my_subscriptions_newest_first_without_suspended_accounts(
    api_client, auth_client, make_user
):
    channel = make_user(username="star")
    fans = [auth_client(make_user(username=f"fan{n}")) for n in range(3)]
    for fan in fans:
        assert subscribe(fan, channel).status_code == 201
    other = make_user(username="other")
    subscribe(fans[0], other)

    response = api_client.get(channel_url(channel, "/subscribers"))
    assert names(response, "subscriber") == ["fan2", "fan1", "fan0"]
    entry = response.json()["results"][0]
    assert entry["subscriber"]["subscriptions_count"] == 1
    assert set(entry) == {"subscriber", "created_at"}

    mine = fans[0].get(MY_SUBSCRIPTIONS).json()["results"]
    assert [(s["channel"]["username"], s["notify"]) for s in mine] == [
        ("other", "all"),
        ("star", "all"),
    ]
    assert mine[1]["channel"]["is_subscribed"] is True
    assert mine[1]["channel"]["subscribers_count"] == 3

    account_services.set_user_active(user=fans[1].user, active=False)
    account_services.set_user_active(user=other, active=False)
    assert names(api_client.get(channel_url(channel, "/subscribers")), "subscriber") == [
        "fan2",
        "fan0",
    ]
    assert [s["channel"]["username"] for s in fans[0].get(MY_SUBSCRIPTIONS).json()["results"]] == [
        "star"
    ]
    account_services.set_user_active(user=other, active=True)
    assert len(fans[0].get(MY_SUBSCRIPTIONS).json()["results"]) == 2


def test_my_subscriptions_need_sign_in(api_client):
    response = api_client.get(MY_SUBSCRIPTIONS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_subscription_lists_cost_the_same_reads_however_long(
    auth_client, make_user, reads_per_page
):
    channel = make_user()
    me = auth_client()
    for _ in range(25):
        fan = auth_client()
        subscribe(fan, channel)
        subscribe(me, fan.user)
        ready_video(fan.user)
    # Auth 2, the channel, the page, its users, the caller's subscriptions among them, and one
    # aggregation for items per channel; my own list needs no channel.
    assert reads_per_page(me, channel_url(channel, "/subscribers")) == 7
    assert reads_per_page(me, MY_SUBSCRIPTIONS) == 6
    assert Subscription.objects.count() == 50
    creator = make_user()
    for index in range(25):
        ready_video(creator, title=f"item {index}")
    # Auth 2, the channel, the page, its owners, the caller's likes among them.
    assert reads_per_page(me, channel_url(creator, "/videos")) <= 6
