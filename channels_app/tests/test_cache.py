"""The channel profile is cached: every write is visible on the next read, is_subscribed never
leaks between viewers, and a cached read does not read the user from Mongo. So are the ids of
the channels a user follows, which every feed page needs."""

import pytest

from accounts import services as account_services
from accounts.documents import User
from accounts.tests.helpers import image_upload
from channels_app.cache import followed_channel_ids
from channels_app.counters import flush_subscription_counters
from channels_app.tests.helpers import channel_url, subscribe, unsubscribe
from common.counters import registered_counters
from common.redis import get_redis
from videos.tests.helpers import VIDEOS, ready_video

pytestmark = pytest.mark.redis


def profile(client, user, status: int = 200) -> dict:
    response = client.get(channel_url(user))
    assert response.status_code == status, response.content
    return response.json()


def test_a_cached_profile_costs_no_mongo_read_and_is_subscribed_is_per_viewer(
    api_client, auth_client, mongo_reads
):
    channel = auth_client()
    fan, other = auth_client(), auth_client()
    assert subscribe(fan, channel.user).status_code == 201
    first = profile(api_client, channel.user)
    mongo_reads["n"] = 0
    assert profile(api_client, channel.user) == first
    assert mongo_reads["n"] == 0
    assert first["is_subscribed"] is False and first["subscribers_count"] == 1
    assert profile(fan, channel.user)["is_subscribed"] is True
    assert profile(other, channel.user)["is_subscribed"] is False
    assert profile(api_client, channel.user)["is_subscribed"] is False


def test_subscriptions_and_their_flushes_are_visible_on_the_next_read(api_client, auth_client):
    channel, fan = auth_client(), auth_client()
    assert profile(api_client, channel.user)["subscribers_count"] == 0
    subscribe(fan, channel.user)
    assert profile(api_client, channel.user)["subscribers_count"] == 1
    assert profile(api_client, fan.user)["subscriptions_count"] == 1
    flush_subscription_counters()
    redis = get_redis()
    for counter in registered_counters():
        redis.delete(counter.done_key, counter.inflight_key)
    assert profile(api_client, channel.user)["subscribers_count"] == 1
    unsubscribe(fan, channel.user)
    assert profile(api_client, channel.user)["subscribers_count"] == 0
    flush_subscription_counters()
    for counter in registered_counters():
        redis.delete(counter.done_key, counter.inflight_key)
    assert profile(api_client, channel.user)["subscribers_count"] == 0
    assert profile(api_client, fan.user)["subscriptions_count"] == 0


def test_profile_edits_images_and_items_are_visible_on_the_next_read(api_client, auth_client):
    channel = auth_client()
    assert profile(api_client, channel.user)["videos_count"] == 0
    video = ready_video(channel.user)
    assert profile(api_client, channel.user)["videos_count"] == 1
    channel.patch("/api/v1/users/me", {"full_name": "New name"}, format="json")
    assert profile(api_client, channel.user)["full_name"] == "New name"
    channel.put("/api/v1/users/me/avatar", {"avatar": image_upload()}, format="multipart")
    assert profile(api_client, channel.user)["avatar_url"].endswith(".png")
    channel.patch(f"{VIDEOS}/{video.id}", {"visibility": "private"}, format="json")
    assert profile(api_client, channel.user)["videos_count"] == 0
    channel.patch(f"{VIDEOS}/{video.id}", {"visibility": "public"}, format="json")
    assert profile(api_client, channel.user)["videos_count"] == 1
    channel.delete(f"{VIDEOS}/{video.id}")
    assert profile(api_client, channel.user)["videos_count"] == 0


def test_a_rename_and_a_suspension_are_visible_on_the_next_read(api_client, auth_client):
    channel = auth_client()
    old = channel.user.username
    profile(api_client, channel.user)
    channel.patch("/api/v1/users/me", {"username": "renamed_one"}, format="json")
    assert api_client.get(f"/api/v1/channels/{old}").status_code == 404
    user = User.objects.get(id=channel.user.id)
    assert profile(api_client, user)["username"] == "renamed_one"
    account_services.set_user_active(user=user, active=False)
    profile(api_client, user, status=404)
    account_services.set_user_active(user=user, active=True)
    assert profile(api_client, user)["username"] == "renamed_one"


def test_followed_ids_are_kept_until_a_subscription_or_a_channel_s_activity_changes(
    auth_client, make_user, mongo_reads
):
    me = auth_client()
    first, second, blocker = make_user(), make_user(), auth_client()

    def followed() -> tuple[set, int]:
        mongo_reads["n"] = 0
        ids = followed_channel_ids(user=me.user)
        return set(ids), mongo_reads["n"]

    assert followed() == (set(), 1)
    subscribe(me, first)
    assert followed() == ({first.id}, 1)
    assert followed() == ({first.id}, 0)  # from Redis
    subscribe(me, second)
    subscribe(me, blocker.user)
    assert followed() == ({first.id, second.id, blocker.user.id}, 1)
    account_services.set_user_active(user=second, active=False)
    assert followed() == ({first.id, blocker.user.id}, 1)
    account_services.set_user_active(user=second, active=True)
    assert followed()[0] == {first.id, second.id, blocker.user.id}
    unsubscribe(me, first)
    assert followed() == ({second.id, blocker.user.id}, 1)
    assert blocker.put(f"/api/v1/users/me/blocks/{me.user.username}").status_code in (200, 201)
    assert followed() == ({second.id}, 1)
