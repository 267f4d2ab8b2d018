"""Tweets: posting, reading, editing and deleting, throttling, and suspended authors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services as account_services
from channels_app.tests.helpers import channel_url, subscribe
from engagement.documents import Like, Tweet
from engagement.tests.helpers import FEED, TWEETS, like, tweet


def contents(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["content"] for item in response.json()["results"]]


def test_post_a_tweet_trimmed(auth_client):
    client = auth_client()
    response = client.post(TWEETS, {"content": "  Hello world  "}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["content"] == "Hello world"
    assert body["author"]["username"] == client.user.username
    assert "email" not in body["author"]
    assert (body["likes"], body["is_liked"], body["edited"]) == (0, False, False)
    assert {"id", "created_at", "updated_at"} <= set(body)
    assert Tweet.objects.get(id=body["id"]).content == "Hello world"


@pytest.mark.parametrize(
    "body",
    [
        {"content": ""},
        {"content": "   \n "},
        {"content": "x" * 281},
        {"content": 5},
        {},
        {"content": "ok", "extra": 1},
    ],
)
def test_bad_tweets_are_400_and_store_nothing(auth_client, body):
    response = auth_client().post(TWEETS, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert Tweet.objects.count() == 0


def test_280_characters_after_trimming_are_fine(auth_client):
    response = auth_client().post(TWEETS, {"content": f"  {'é' * 280}  "}, format="json")
    assert response.status_code == 201
    assert len(response.json()["content"]) == 280


def test_posting_needs_sign_in(api_client):
    response = api_client.post(TWEETS, {"content": "hi"}, format="json")
    assert response.status_code == 401
    assert Tweet.objects.count() == 0


@pytest.mark.redis
def test_tweeting_is_throttled_per_author(auth_client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "tweet": "3/h"}
    client, other = auth_client(), auth_client()
    for n in range(3):
        assert client.post(TWEETS, {"content": f"t{n}"}, format="json").status_code == 201
    response = client.post(TWEETS, {"content": "one too many"}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 3600
    assert other.post(TWEETS, {"content": "mine"}, format="json").status_code == 201
    assert Tweet.objects.count() == 4


def test_list_newest_first_by_author_and_get_one(api_client, make_user):
    alice, bob = make_user(username="alice"), make_user(username="bob")
    now = timezone.now()
    first = tweet(alice, "first", created_at=now - timedelta(minutes=2))
    tweet(bob, "bob's", created_at=now - timedelta(minutes=1))
    tweet(alice, "second", created_at=now)
    assert contents(api_client.get(TWEETS)) == ["second", "bob's", "first"]
    assert contents(api_client.get(TWEETS, {"author": "ALICE"})) == ["second", "first"]
    assert contents(api_client.get(TWEETS, {"author": "nobody"})) == []
    assert contents(api_client.get(channel_url(alice, "/tweets"))) == ["second", "first"]
    page = api_client.get(TWEETS, {"limit": 2}).json()
    assert contents(api_client.get(page["next"])) == ["first"]
    response = api_client.get(f"{TWEETS}/{first.id}")
    assert response.status_code == 200 and response.json()["content"] == "first"
    assert api_client.get(f"{TWEETS}/not-an-id").status_code == 404
    assert api_client.get(f"{TWEETS}/{'a' * 24}").status_code == 404


def test_the_author_edits_a_tweet_and_it_shows_as_edited(auth_client):
    author = auth_client()
    post = tweet(author.user, "draft")
    response = author.patch(f"{TWEETS}/{post.id}", {"content": " final "}, format="json")
    assert response.status_code == 200
    assert (response.json()["content"], response.json()["edited"]) == ("final", True)
    post.reload()
    assert (post.content, post.edited) == ("final", True)
    assert post.updated_at > post.created_at
    bad = author.patch(f"{TWEETS}/{post.id}", {"content": ""}, format="json")
    assert bad.status_code == 400
    assert Tweet.objects.get(id=post.id).content == "final"
    untouched = author.patch(f"{TWEETS}/{post.id}", {}, format="json")
    assert (untouched.status_code, untouched.json()["content"]) == (200, "final")


def test_deleting_a_tweet_removes_its_likes(auth_client):
    author = auth_client()
    post = tweet(author.user)
    for _ in range(3):
        like(auth_client(), post)
    assert Like.objects(target_id=post.id).count() == 3
    assert author.delete(f"{TWEETS}/{post.id}").status_code == 204
    assert Tweet.objects(id=post.id).count() == 0
    assert Like.objects(target_id=post.id).count() == 0
    assert author.get(f"{TWEETS}/{post.id}").status_code == 404
    assert author.delete(f"{TWEETS}/{post.id}").status_code == 404


def test_suspended_authors_tweets_vanish_everywhere_and_come_back(
    api_client, auth_client, make_user
):
    author = make_user(username="loud")
    post = tweet(author, "hidden soon")
    reader = auth_client()
    subscribe(reader, author)
    like(reader, post)
    account_services.set_user_active(user=author, active=False)

    assert contents(api_client.get(TWEETS)) == []
    assert contents(api_client.get(TWEETS, {"author": "loud"})) == []
    assert api_client.get(f"{TWEETS}/{post.id}").status_code == 404
    assert api_client.get(channel_url(author, "/tweets")).status_code == 404
    assert reader.get(FEED).json()["results"] == []
    assert like(reader, post).status_code == 404
    assert reader.delete(f"/api/v1/tweets/{post.id}/like").status_code == 404

    account_services.set_user_active(user=author, active=True)
    assert contents(api_client.get(TWEETS)) == ["hidden soon"]
    assert reader.get(FEED).json()["results"][0]["tweet"]["is_liked"] is True


def test_tweet_lists_cost_the_same_reads_however_long(auth_client, make_user, reads_per_page):
    author = make_user()
    for n in range(25):
        tweet(author, f"t{n}")
    me = auth_client()
    # Auth 2, whom the caller blocked, the page, its authors, the caller's likes among them.
    assert reads_per_page(me, TWEETS) <= 6
    # ... and the channel.
    assert reads_per_page(me, channel_url(author, "/tweets")) <= 7
