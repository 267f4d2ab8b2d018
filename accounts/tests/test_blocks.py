"""Blocking: idempotent and private; it ends the blocked user's subscription, refuses a new one
and hides their tweets from the blocker in every listing."""

from django.utils import timezone

from accounts.documents import Block
from accounts.signals import user_blocked
from channels_app import tasks as channel_tasks
from channels_app.documents import ChannelDailyStats, Subscription
from channels_app.tests.helpers import channel_url, subscribe
from engagement.tests.helpers import FEED, TWEETS, tweet
from videos.tests.helpers import ready_video

BLOCKS = "/api/v1/users/me/blocks"


def block_url(user) -> str:
    return f"{BLOCKS}/{user.username}"


def usernames(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["user"]["username"] for row in response.json()["results"]]


def error_code(response, status: int) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "request_id"}
    return body["error"]["code"]


def test_blocking_is_idempotent_and_answers_the_blocked_user(auth_client, make_user):
    me, troll = auth_client(), make_user(username="troll")
    first = me.put(block_url(troll))
    assert first.status_code == 200
    body = first.json()
    assert body["user"]["username"] == "troll"
    assert body["user"]["id"] == str(troll.id)
    assert "email" not in body["user"]
    again = me.put(f"{BLOCKS}/TROLL")
    assert again.status_code == 200
    assert again.json() == body
    assert Block.objects.count() == 1
    stored = Block.objects.get()
    assert (stored.blocker_id, stored.blocked_id) == (me.user.id, troll.id)


def test_unblocking_is_idempotent(auth_client, make_user):
    me, troll = auth_client(), make_user()
    me.put(block_url(troll))
    assert me.delete(block_url(troll)).status_code == 204
    assert Block.objects.count() == 0
    assert me.delete(block_url(troll)).status_code == 204
    assert usernames(me.get(BLOCKS)) == []


def test_blocking_myself_is_a_400_and_unknown_or_suspended_users_404(auth_client, make_user):
    me = auth_client()
    assert error_code(me.put(block_url(me.user)), 400) == "own_account"
    suspended = make_user(username="gone", is_active=False)
    for url in (f"{BLOCKS}/nobody", block_url(suspended)):
        assert error_code(me.put(url), 404) == "not_found"
        assert error_code(me.delete(url), 404) == "not_found"
    assert Block.objects.count() == 0


def test_my_blocks_are_listed_newest_first_and_paginated(auth_client, make_user):
    me = auth_client()
    names = [f"blocked{n}" for n in range(3)]
    for name in names:
        me.put(block_url(make_user(username=name)))
    assert usernames(me.get(BLOCKS)) == names[::-1]
    first = me.get(BLOCKS, {"limit": 2}).json()
    assert [row["user"]["username"] for row in first["results"]] == names[:0:-1]
    assert first["results"][0]["created_at"]
    rest = me.get(first["next"])
    assert usernames(rest) == names[:1]


def test_suspended_users_drop_out_of_my_list(auth_client, make_user):
    from accounts import services

    me, troll = auth_client(), make_user(username="troll")
    me.put(block_url(troll))
    services.set_user_active(user=troll, active=False)
    assert usernames(me.get(BLOCKS)) == []
    services.set_user_active(user=troll, active=True)
    assert usernames(me.get(BLOCKS)) == ["troll"]


def test_my_blocks_cost_the_same_reads_however_long(auth_client, make_user, reads_per_page):
    me = auth_client()
    for n in range(25):
        me.put(block_url(make_user(username=f"b{n}")))
    # Auth 2, the page, its users.
    assert reads_per_page(me, BLOCKS) <= 4


def test_anonymous_callers_get_401_and_strangers_act_only_on_their_own_blocks(
    api_client, auth_client, make_user
):
    me, troll, stranger = auth_client(), make_user(username="troll"), auth_client()
    me.put(block_url(troll))
    for method in ("put", "delete"):
        assert error_code(getattr(api_client, method)(block_url(troll)), 401)
    assert error_code(api_client.get(BLOCKS), 401)
    # Whatever a stranger does under /users/me acts on their own blocks, never on mine.
    assert usernames(stranger.get(BLOCKS)) == []
    assert stranger.delete(block_url(troll)).status_code == 204
    assert Block.objects(blocker_id=me.user.id, blocked_id=troll.id).count() == 1
    assert usernames(me.get(BLOCKS)) == ["troll"]


def test_the_blocked_user_is_not_told(auth_client):
    me, troll = auth_client(), auth_client()
    me.put(block_url(troll.user))
    assert usernames(troll.get(BLOCKS)) == []
    assert troll.get(channel_url(me.user)).status_code == 200


def test_a_block_ends_the_blocked_users_subscription_like_an_unsubscribe(
    api_client, auth_client, make_user
):
    me, troll, fan = auth_client(), auth_client(), auth_client()
    subscribe(troll, me.user)
    subscribe(fan, me.user)
    subscribe(me, troll.user)
    assert api_client.get(channel_url(me.user)).json()["subscribers_count"] == 2

    me.put(block_url(troll.user))
    assert not Subscription.objects(subscriber_id=troll.user.id, channel_id=me.user.id)
    # My own subscription to them is mine to keep.
    assert Subscription.objects(subscriber_id=me.user.id, channel_id=troll.user.id).count() == 1
    assert api_client.get(channel_url(me.user)).json()["subscribers_count"] == 1
    assert api_client.get(channel_url(troll.user)).json()["subscriptions_count"] == 0
    assert troll.get(channel_url(me.user)).json()["is_subscribed"] is False

    channel_tasks.flush_subscription_counters.delay()
    today = timezone.now().date().isoformat()
    daily = ChannelDailyStats.objects.get(channel_id=me.user.id, day=today)
    assert (daily.gained, daily.lost) == (2, 1)
    # A repeated block sends no new signal and counts nothing twice.
    me.put(block_url(troll.user))
    channel_tasks.flush_subscription_counters.delay()
    daily.reload()
    assert (daily.gained, daily.lost) == (2, 1)


def test_the_signal_is_sent_once_per_new_block(auth_client, make_user):
    me, troll = auth_client(), make_user()
    received = []

    def receiver(*, blocker, blocked, **kwargs):
        received.append((blocker.id, blocked.id))

    user_blocked.connect(receiver, dispatch_uid="test.blocks")
    try:
        me.put(block_url(troll))
        me.put(block_url(troll))
    finally:
        user_blocked.disconnect(dispatch_uid="test.blocks")
    assert received == [(me.user.id, troll.id)]


def test_a_blocked_user_cannot_subscribe_to_the_blocker(auth_client):
    me, troll = auth_client(), auth_client()
    me.put(block_url(troll.user))
    assert error_code(subscribe(troll, me.user), 403) == "permission_denied"
    assert error_code(subscribe(troll, me.user, notify="none"), 403) == "permission_denied"
    patched = troll.patch(channel_url(me.user, "/subscription"), {"notify": "all"}, format="json")
    assert error_code(patched, 403) == "permission_denied"
    assert Subscription.objects.count() == 0
    # Unblocked, they may subscribe again; the blocker may still subscribe to them.
    assert subscribe(me, troll.user).status_code == 201
    me.delete(block_url(troll.user))
    assert subscribe(troll, me.user).status_code == 201


def test_blocked_users_tweets_are_hidden_from_me_in_every_listing(
    api_client, auth_client, make_user
):
    me, troll, friend = auth_client(), make_user(username="troll"), make_user(username="friend")
    subscribe(me, troll)
    subscribe(me, friend)
    tweet(troll, "rude")
    tweet(friend, "kind")
    clip = ready_video(troll, title="still a channel I follow")

    def seen(client) -> dict[str, list]:
        return {
            "all": [t["content"] for t in client.get(TWEETS).json()["results"]],
            "by_author": [
                t["content"] for t in client.get(TWEETS, {"author": "troll"}).json()["results"]
            ],
            "channel": [
                t["content"] for t in client.get(channel_url(troll, "/tweets")).json()["results"]
            ],
        }

    def feed() -> list:
        return [
            entry.get("tweet", {}).get("content") or entry["video"]["id"]
            for entry in me.get(FEED).json()["results"]
        ]

    assert seen(me) == {"all": ["kind", "rude"], "by_author": ["rude"], "channel": ["rude"]}
    assert sorted(feed()) == sorted(["kind", "rude", str(clip.id)])

    me.put(block_url(troll))
    assert seen(me) == {"all": ["kind"], "by_author": [], "channel": []}
    assert sorted(feed()) == sorted(["kind", str(clip.id)])
    # Others still see them.
    assert seen(api_client)["all"] == ["kind", "rude"]
    assert seen(auth_client())["channel"] == ["rude"]

    me.delete(block_url(troll))
    assert seen(me)["all"] == ["kind", "rude"]
    assert "rude" in feed()


def test_a_block_landing_while_a_subscribe_runs_leaves_no_subscription(
    api_client, auth_client, monkeypatch
):
    from accounts import services as account_services
    from accounts.selectors import has_blocked
    from channels_app import services as channel_services

    me, troll = auth_client(), auth_client()
    checks = {"n": 0}

    def block_lands_after_the_first_check(**kwargs):
        checks["n"] += 1
        if checks["n"] == 1:
            account_services.block_user(blocker=me.user, blocked=troll.user)
            return False
        return has_blocked(**kwargs)

    monkeypatch.setattr(channel_services, "has_blocked", block_lands_after_the_first_check)
    assert error_code(subscribe(troll, me.user), 403) == "permission_denied"
    assert Subscription.objects.count() == 0
    assert api_client.get(channel_url(me.user)).json()["subscribers_count"] == 0
    assert api_client.get(channel_url(troll.user)).json()["subscriptions_count"] == 0
