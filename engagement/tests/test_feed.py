"""The feed: newest public items and tweets of my subscriptions, merged by time, stable cursor,
and a page cost that depends neither on how many channels I follow nor on how much they post."""

from datetime import timedelta

import pytest
from bson import ObjectId
from django.utils import timezone

from accounts import services as account_services
from accounts.documents import User
from channels_app.documents import Subscription
from channels_app.tests.helpers import subscribe
from common.cursors import FeedCursor, encode
from engagement.documents import Tweet
from engagement.tests.helpers import FEED, like, tweet
from videos.documents import Video
from videos.tests.helpers import path_of, ready_video


def labels(page: dict) -> list[str]:
    return [
        entry["video"]["title"] if entry["type"] == "video" else entry["tweet"]["content"]
        for entry in page["results"]
    ]


def walk(client, url: str, link: str) -> list[list[str]]:
    pages = []
    while url:
        page = client.get(path_of(url) if url.startswith("http") else url).json()
        pages.append(labels(page))
        url = page[link]
    return pages


def test_the_feed_merges_items_and_tweets_of_my_channels_newest_first(auth_client, make_user):
    now = timezone.now()
    followed, other = make_user(), make_user()
    me = auth_client()
    subscribe(me, followed)
    at = lambda minutes: now - timedelta(minutes=minutes)  # noqa: E731
    ready_video(followed, title="v-new", published_at=at(1))
    tweet(followed, "t-mid", created_at=at(2))
    ready_video(followed, title="v-old", published_at=at(3))
    tweet(followed, "t-old", created_at=at(4))
    for hidden in ({"visibility": "private"}, {"visibility": "unlisted"}, {"published": False}):
        ready_video(followed, title="hidden", published_at=at(0), **hidden)
    ready_video(followed, title="processing", status="processing")
    ready_video(other, title="not followed", published_at=at(0))
    tweet(other, "not followed", created_at=at(0))

    response = me.get(FEED)
    assert response.status_code == 200
    page = response.json()
    assert labels(page) == ["v-new", "t-mid", "v-old", "t-old"]
    assert (page["next"], page["previous"]) == (None, None)
    video_entry, tweet_entry = page["results"][0], page["results"][1]
    assert set(video_entry) == {"type", "video"} and video_entry["type"] == "video"
    assert set(tweet_entry) == {"type", "tweet"} and tweet_entry["type"] == "tweet"
    assert video_entry["video"]["owner"]["username"] == followed.username
    assert tweet_entry["tweet"]["author"]["username"] == followed.username


def test_likes_and_is_liked_show_in_feed_entries(auth_client, make_user):
    channel = make_user()
    me = auth_client()
    subscribe(me, channel)
    video, post = ready_video(channel), tweet(channel)
    like(me, video)
    like(auth_client(), post)
    entries = {entry["type"]: entry for entry in me.get(FEED).json()["results"]}
    assert (entries["video"]["video"]["likes"], entries["video"]["video"]["is_liked"]) == (1, True)
    assert (entries["tweet"]["tweet"]["likes"], entries["tweet"]["tweet"]["is_liked"]) == (1, False)


def test_suspended_and_unsubscribed_channels_leave_the_feed(auth_client, make_user):
    loud, quiet = make_user(), make_user()
    me = auth_client()
    for channel in (loud, quiet):
        subscribe(me, channel)
        ready_video(channel, title=f"by {channel.username}")
        tweet(channel, f"from {channel.username}")
    account_services.set_user_active(user=loud, active=False)
    assert sorted(labels(me.get(FEED).json())) == sorted(
        [f"by {quiet.username}", f"from {quiet.username}"]
    )
    me.delete(f"/api/v1/channels/{quiet.username}/subscription")
    assert me.get(FEED).json()["results"] == []
    account_services.set_user_active(user=loud, active=True)
    assert len(me.get(FEED).json()["results"]) == 2


def test_pages_walk_forward_and_back_without_gaps_even_when_times_tie(auth_client, make_user):
    me = auth_client()
    channels = [make_user() for _ in range(3)]
    for channel in channels:
        subscribe(me, channel)
    moment = timezone.now().replace(microsecond=0)
    expected = []
    for index in range(4):
        at = moment - timedelta(minutes=index)
        for channel in channels:
            # Items and tweets at the same instant: the cursor must still separate them.
            ready_video(channel, title=f"v{index}-{channel.username}", published_at=at)
            tweet(channel, f"t{index}-{channel.username}", created_at=at)
    expected = labels(me.get(FEED, {"limit": 100}).json())
    assert len(expected) == 24

    forward = walk(me, f"{FEED}?limit=5", "next")
    assert [label for page in forward for label in page] == expected
    assert [len(page) for page in forward] == [5, 5, 5, 5, 4]

    last = me.get(FEED, {"limit": 5}).json()
    for _ in range(4):
        last = me.get(path_of(last["next"])).json()
    back = walk(me, last["previous"], "previous")
    assert back == forward[-2::-1]


def test_a_new_post_does_not_shift_the_next_page(auth_client, make_user):
    channel = make_user()
    me = auth_client()
    subscribe(me, channel)
    now = timezone.now()
    for index in range(4):
        tweet(channel, f"t{index}", created_at=now - timedelta(minutes=index + 1))
    first = me.get(FEED, {"limit": 2}).json()
    tweet(channel, "brand new", created_at=now)
    assert labels(me.get(path_of(first["next"])).json()) == ["t2", "t3"]


def test_following_nobody_is_an_empty_feed(auth_client):
    assert auth_client().get(FEED).json() == {"results": [], "next": None, "previous": None}


def test_the_feed_needs_sign_in(api_client):
    assert api_client.get(FEED).status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "garbage"},
        {"cursor": encode(FeedCursor(at=timezone.now(), kind="video", id=ObjectId()))[:-3]},
    ],
)
def test_a_cursor_that_names_no_page_is_404(auth_client, params):
    response = auth_client().get(FEED, params)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"limit": "x"}, {"cursor": "a b"}]
)
def test_bad_feed_parameters_are_400(auth_client, params):
    assert auth_client().get(FEED, params).status_code == 400


def _follow_many(user: User, count: int) -> list[ObjectId]:
    """`count` channels, each with one item and one tweet, followed by `user`, inserted in bulk."""
    now = timezone.now()
    ids = [ObjectId() for _ in range(count)]
    User._get_collection().insert_many(
        {
            "_id": channel_id,
            "username": f"c{channel_id}",
            "username_lower": f"c{channel_id}",
            "email": f"{channel_id}@example.com",
            "full_name": "Channel",
            "password": "!",
            "is_active": True,
        }
        for channel_id in ids
    )
    Subscription._get_collection().insert_many(
        {
            "subscriber_id": user.id,
            "channel_id": channel_id,
            "notify": "all",
            "subscriber_active": True,
            "channel_active": True,
            "created_at": now,
        }
        for channel_id in ids
    )
    _post(ids, at=now - timedelta(days=1))
    return ids


def _post(channel_ids: list[ObjectId], *, at) -> None:
    """An item and a tweet per channel, every post at its own time, items and tweets alternating."""
    Video._get_collection().insert_many(
        {
            "owner_id": channel_id,
            "owner_active": True,
            "title": "bulk item",
            "visibility": "public",
            "published": True,
            "status": "ready",
            "is_listed": True,
            "published_at": at - timedelta(seconds=2 * index),
            "created_at": at,
        }
        for index, channel_id in enumerate(channel_ids)
    )
    Tweet._get_collection().insert_many(
        {
            "author_id": channel_id,
            "author_active": True,
            "content": "bulk",
            "created_at": at - timedelta(seconds=2 * index + 1),
        }
        for index, channel_id in enumerate(channel_ids)
    )


def test_a_page_costs_one_query_per_200_channels_and_kind_whatever_they_post(
    auth_client, mongo_reads
):
    def reads(client, url=FEED) -> int:
        mongo_reads["n"] = 0
        response = client.get(url, {"limit": 10})
        assert len(response.json()["results"]) == 10
        return mongo_reads["n"]

    few, many = auth_client(), auth_client()
    _follow_many(few.user, 5)
    channels = _follow_many(many.user, 1000)
    # Auth 2, whom I blocked, the keys of items and of tweets per 200 channels, the page's items
    # and tweets, the items' owners and my likes among them, the tweets' authors and my likes
    # among them: 11 for 5 channels, 19 for 1,000 (5 chunks of 200 a kind), however much those
    # channels post. The followed ids cost one more read the first time, then come from Redis.
    assert (reads(few), reads(many)) == (12, 20)
    assert (reads(few), reads(many)) == (11, 19)

    _post(channels[:50] * 10, at=timezone.now())  # some followed channels post a lot more
    first = many.get(FEED, {"limit": 10}).json()
    assert reads(many, path_of(first["next"])) == 19


def _entries(page: dict) -> list[tuple[str, str]]:
    """Each entry's time and channel."""
    found = []
    for entry in page["results"]:
        post = entry[entry["type"]]
        at = post.get("published_at") or post["created_at"]
        found.append((at, (post.get("owner") or post.get("author"))["id"]))
    return found


def test_pages_merge_the_queries_of_every_200_channels_in_order(auth_client):
    me = auth_client()
    channels = _follow_many(me.user, 450)
    _post(channels[::-1], at=timezone.now())  # the newest posts are the last channels' (chunk 3)
    seen, pages, url = [], [], f"{FEED}?limit=100"
    while url and len(seen) < 400:
        page = me.get(url).json()
        pages.append(_entries(page))
        seen += pages[-1]
        url = page["next"] and path_of(page["next"])
    assert len(seen) == 400 and len(set(seen)) == 400
    assert [at for at, _ in seen] == sorted((at for at, _ in seen), reverse=True)
    assert seen[0][1] == str(channels[-1])

    # Back from the fourth page: the same pages, each chunk's walk bounded the other way.
    back, url = [], path_of(page["previous"])
    while url:
        page = me.get(url).json()
        back.append(_entries(page))
        url = page["previous"] and path_of(page["previous"])
    assert back == pages[-2::-1]
