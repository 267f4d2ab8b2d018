"""A creator and a fan through the social API: channel, subscription, feed, likes, figures."""

from channels_app import tasks as channel_tasks
from engagement import tasks as engagement_tasks
from videos.tests.helpers import ready_video

BASE = "/api/v1"


def test_a_fan_follows_a_creator_likes_what_they_post_and_leaves(auth_client, api_client):
    creator, fan = auth_client(), auth_client()
    name = creator.user.username
    item = ready_video(creator.user, title="First upload")
    response = creator.post(f"{BASE}/tweets", {"content": "New video is out!"}, format="json")
    assert response.status_code == 201
    tweet_id = response.json()["id"]

    channel = api_client.get(f"{BASE}/channels/{name}").json()
    assert (channel["videos_count"], channel["subscribers_count"]) == (1, 0)
    assert fan.put(f"{BASE}/channels/{name}/subscription").status_code == 201
    assert api_client.get(f"{BASE}/channels/{name}").json()["subscribers_count"] == 1

    feed = fan.get(f"{BASE}/feed").json()["results"]
    assert [entry["type"] for entry in feed] == ["tweet", "video"]
    assert fan.put(f"{BASE}/videos/{item.id}/like").json() == {
        "liked": True,
        "likes": 1,
        "likes_count": 1,
    }
    assert fan.put(f"{BASE}/tweets/{tweet_id}/like").json() == {
        "liked": True,
        "likes": 1,
        "likes_count": 1,
    }
    engagement_tasks.flush_like_counters.delay()
    channel_tasks.flush_subscription_counters.delay()

    liked = fan.get(f"{BASE}/users/me/liked-videos").json()["results"]
    assert [entry["video"]["title"] for entry in liked] == ["First upload"]
    assert api_client.get(f"{BASE}/videos/{item.id}").json()["likes"] == 1
    feed = fan.get(f"{BASE}/feed").json()["results"]
    assert [entry[entry["type"]]["is_liked"] for entry in feed] == [True, True]
    subscriptions = fan.get(f"{BASE}/users/me/subscriptions").json()["results"]
    assert [s["channel"]["username"] for s in subscriptions] == [name]

    assert fan.delete(f"{BASE}/videos/{item.id}/like").json() == {
        "liked": False,
        "likes": 0,
        "likes_count": 0,
    }
    assert fan.delete(f"{BASE}/channels/{name}/subscription").status_code == 204
    assert fan.get(f"{BASE}/feed").json()["results"] == []
    assert api_client.get(f"{BASE}/channels/{name}").json()["subscribers_count"] == 0
    assert creator.delete(f"{BASE}/tweets/{tweet_id}").status_code == 204
    assert api_client.get(f"{BASE}/channels/{name}/tweets").json()["results"] == []
