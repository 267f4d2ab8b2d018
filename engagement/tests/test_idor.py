"""Every social write route tried by a stranger and by an anonymous caller: refused (or acting
only on the caller's own records), and nothing of anyone else's changed in Mongo or Redis."""

import pytest

from channels_app.tests.helpers import subscribe
from common.tests.helpers import store_snapshot
from engagement.documents import Comment
from engagement.tests.helpers import like, post_comment, tweet
from videos.tests.helpers import ready_video


@pytest.fixture
def world(auth_client, make_user):
    """An owner with a public tweet and a private item; a fan who liked and subscribed."""
    owner = auth_client(make_user(username="owner"))
    fan = auth_client(make_user(username="fan"))
    public_tweet = tweet(owner.user, "mine")
    private_item = ready_video(owner.user, visibility="private")
    suspended = make_user(username="gone", is_active=False)
    hidden_tweet = tweet(suspended, "hidden")
    like(fan, public_tweet)
    like(owner, private_item)
    subscribe(fan, owner.user, notify="none")
    return {
        "tweet": f"/api/v1/tweets/{public_tweet.id}",
        "tweet_like": f"/api/v1/tweets/{public_tweet.id}/like",
        "hidden_tweet_like": f"/api/v1/tweets/{hidden_tweet.id}/like",
        "private_item_like": f"/api/v1/videos/{private_item.id}/like",
        "subscription": "/api/v1/channels/owner/subscription",
        "suspended_subscription": "/api/v1/channels/gone/subscription",
    }


# (method, route, body, status for a signed-in stranger, status for an anonymous caller)
WRITES = [
    ("patch", "tweet", {"content": "hijacked"}, 403, 401),
    ("delete", "tweet", None, 403, 401),
    ("put", "hidden_tweet_like", None, 404, 401),
    ("delete", "hidden_tweet_like", None, 404, 401),
    ("put", "private_item_like", None, 404, 401),
    ("delete", "private_item_like", None, 404, 401),
    # Unliking acts on the caller's own like only: the fan's like stays.
    ("delete", "tweet_like", None, 200, 401),
    # The subscription routes act on the caller's own subscription: the fan's stays as it is.
    ("patch", "subscription", {"notify": "all"}, 404, 401),
    ("delete", "subscription", None, 204, 401),
    ("put", "suspended_subscription", None, 404, 401),
    ("patch", "suspended_subscription", {"notify": "all"}, 404, 401),
    ("delete", "suspended_subscription", None, 404, 401),
]


@pytest.mark.parametrize(("method", "route", "body", "stranger_status", "anonymous_status"), WRITES)
def test_strangers_and_anonymous_callers_change_nothing(
    world, auth_client, api_client, method, route, body, stranger_status, anonymous_status
):
    stranger = auth_client()
    before = store_snapshot()
    for client, expected in ((stranger, stranger_status), (api_client, anonymous_status)):
        call = getattr(client, method)
        response = call(world[route], body, format="json") if body else call(world[route])
        assert response.status_code == expected, (client, response.content)
        if expected >= 400:
            assert set(response.json()) == {"error", "request_id"}
    assert store_snapshot() == before


def test_anonymous_callers_cannot_post_tweets_or_subscribe(world, api_client):
    before = store_snapshot()
    assert api_client.post("/api/v1/tweets", {"content": "x"}, format="json").status_code == 401
    assert api_client.put(world["subscription"]).status_code == 401
    assert api_client.put(world["tweet_like"]).status_code == 401
    assert store_snapshot() == before


@pytest.fixture
def comment_world(auth_client):
    """An owner's item with a fan's published (liked, pinned) and held comments."""
    owner = auth_client()
    fan = auth_client()
    item = ready_video(owner.user)
    private_item = ready_video(owner.user, visibility="private")
    published = post_comment(fan, item, "Lovely").json()["id"]
    held = post_comment(fan, item, "You are an idiot, worst garbage ever, I hate it").json()["id"]
    like(fan, Comment.objects.get(id=published))
    owner.post(f"/api/v1/comments/{published}/pin")
    return {
        "comment": f"/api/v1/comments/{published}",
        "held": f"/api/v1/comments/{held}",
        "item_comments": f"/api/v1/videos/{item.id}/comments",
        "private_comments": f"/api/v1/videos/{private_item.id}/comments",
    }


# (method, route, suffix, body, status for a signed-in stranger, status for an anonymous caller)
COMMENT_WRITES = [
    ("patch", "comment", "", {"content": "hijacked"}, 403, 401),
    ("delete", "comment", "", None, 403, 401),
    ("patch", "held", "", {"content": "hijacked"}, 404, 401),
    ("delete", "held", "", None, 404, 401),
    ("post", "held", "/approve", None, 404, 401),
    ("post", "comment", "/approve", None, 403, 401),
    ("post", "comment", "/pin", None, 403, 401),
    ("delete", "comment", "/pin", None, 403, 401),
    ("post", "held", "/pin", None, 404, 401),
    ("put", "held", "/like", None, 404, 401),
    ("delete", "held", "/like", None, 404, 401),
    # Unliking acts on the caller's own like only: the fan's like stays.
    ("delete", "comment", "/like", None, 200, 401),
    ("post", "private_comments", "", {"content": "hi"}, 404, 401),
]


@pytest.mark.parametrize(
    ("method", "route", "suffix", "body", "stranger_status", "anonymous_status"), COMMENT_WRITES
)
def test_strangers_and_anonymous_callers_change_no_comment(
    comment_world,
    auth_client,
    api_client,
    method,
    route,
    suffix,
    body,
    stranger_status,
    anonymous_status,
):
    stranger = auth_client()
    before = store_snapshot()
    url = comment_world[route] + suffix
    for client, expected in ((stranger, stranger_status), (api_client, anonymous_status)):
        call = getattr(client, method)
        response = call(url, body, format="json") if body else call(url)
        assert response.status_code == expected, (client, response.content)
        if expected >= 400:
            assert set(response.json()) == {"error", "request_id"}
    assert store_snapshot() == before


def test_anonymous_callers_cannot_comment(comment_world, api_client):
    before = store_snapshot()
    response = api_client.post(comment_world["item_comments"], {"content": "x"}, format="json")
    assert response.status_code == 401
    assert store_snapshot() == before
