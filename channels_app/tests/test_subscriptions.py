"""Subscribing: idempotent, never to yourself, the bell, and exact crash-safe figures."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from accounts.documents import User
from channels_app import counters, tasks
from channels_app.documents import ChannelDailyStats, Subscription
from channels_app.tests.helpers import (
    MY_SUBSCRIPTIONS,
    channel_url,
    same_user,
    subscribe,
    unsubscribe,
)
from common import counters as common_counters
from common.counters import BufferedCounter
from common.redis import get_redis

pytestmark = pytest.mark.redis


def figures(client, channel) -> tuple[int, int]:
    body = client.get(channel_url(channel)).json()
    return body["subscribers_count"], body["subscriptions_count"]


def test_subscribing_is_idempotent_and_counted_once(api_client, auth_client, make_user):
    channel = make_user()
    fan = auth_client()
    first = subscribe(fan, channel)
    assert first.status_code == 201
    body = first.json()
    assert body["notify"] == "all"
    assert body["channel"]["username"] == channel.username
    assert body["channel"]["is_subscribed"] is True
    assert body["channel"]["subscribers_count"] == 1
    again = subscribe(fan, channel)
    assert again.status_code == 200
    assert again.json()["channel"]["subscribers_count"] == 1
    assert Subscription.objects.count() == 1
    assert figures(api_client, channel) == (1, 0)
    assert figures(api_client, fan.user) == (0, 1)

    assert unsubscribe(fan, channel).status_code == 204
    assert unsubscribe(fan, channel).status_code == 204
    assert Subscription.objects.count() == 0
    assert figures(api_client, channel) == (0, 0)
    assert figures(api_client, fan.user) == (0, 0)
    assert fan.get(channel_url(channel)).json()["is_subscribed"] is False


def test_the_bell_is_set_on_put_or_patch_and_kept_by_a_bare_put(auth_client, make_user):
    channel = make_user()
    fan = auth_client()
    assert subscribe(fan, channel, notify="none").json()["notify"] == "none"
    assert subscribe(fan, channel).json()["notify"] == "none"
    response = fan.patch(channel_url(channel, "/subscription"), {"notify": "all"}, format="json")
    assert response.status_code == 200 and response.json()["notify"] == "all"
    assert Subscription.objects.get().notify == "all"
    assert subscribe(fan, channel, notify="none").status_code == 200
    assert fan.get(MY_SUBSCRIPTIONS).json()["results"][0]["notify"] == "none"


def test_patching_the_bell_without_a_subscription_is_404(auth_client, make_user):
    response = auth_client().patch(
        channel_url(make_user(), "/subscription"), {"notify": "none"}, format="json"
    )
    assert response.status_code == 404
    assert Subscription.objects.count() == 0


@pytest.mark.parametrize(
    ("method", "body", "field"),
    [
        ("put", {"notify": "some"}, "notify"),
        ("put", {"notify": True}, "notify"),
        ("put", {"bell": "all"}, "bell"),
        ("patch", {"notify": "loud"}, "notify"),
    ],
)
def test_bad_subscription_bodies_are_400_and_change_nothing(
    api_client, auth_client, make_user, method, body, field
):
    channel = make_user()
    fan = auth_client()
    if method == "patch":
        subscribe(fan, channel)
    before = list(Subscription.objects.as_pymongo())
    response = getattr(fan, method)(channel_url(channel, "/subscription"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert list(Subscription.objects.as_pymongo()) == before
    assert figures(api_client, channel)[0] == len(before)


def test_an_empty_patch_leaves_the_bell_as_it_is(auth_client, make_user):
    channel = make_user()
    fan = auth_client()
    subscribe(fan, channel, notify="none")
    response = fan.patch(channel_url(channel, "/subscription"), {}, format="json")
    assert response.status_code == 200 and response.json()["notify"] == "none"


def test_nobody_subscribes_to_themselves(api_client, auth_client):
    me = auth_client()
    response = subscribe(me, me.user)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "own_channel"
    assert Subscription.objects.count() == 0
    assert figures(api_client, me.user) == (0, 0)


def test_suspended_or_unknown_channels_cannot_be_subscribed_to(auth_client, make_user):
    fan = auth_client()
    suspended = make_user(is_active=False)
    assert subscribe(fan, suspended).status_code == 404
    assert fan.put("/api/v1/channels/nobody/subscription").status_code == 404
    assert Subscription.objects.count() == 0


def test_parallel_repeats_count_one_subscription(
    api_client, auth_client, make_user, atomic_mongo_writes
):
    channel = make_user()
    fans = [auth_client() for _ in range(3)]

    def put(n):
        return subscribe(same_user(fans[n % 3]), channel).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(put, range(30)))
    assert sorted(set(statuses)) == [200, 201] and statuses.count(201) == 3
    assert figures(api_client, channel)[0] == 3
    tasks.flush_subscription_counters.delay()
    assert figures(api_client, channel)[0] == 3
    assert User.objects.get(id=channel.id).subscribers_gained == 3


def test_racing_subscribe_and_unsubscribe_end_with_the_truth(
    api_client, auth_client, make_user, atomic_mongo_writes
):
    channel = make_user()
    fan = auth_client()

    def toggle(n):
        client = same_user(fan)
        response = subscribe(client, channel) if n % 2 else unsubscribe(client, channel)
        assert response.status_code in (200, 201, 204)

    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(toggle, range(100)))
    tasks.flush_subscription_counters.delay()
    subscribed = Subscription.objects.count()
    assert subscribed in (0, 1)
    assert figures(api_client, channel) == (subscribed, 0)
    assert figures(api_client, fan.user) == (0, subscribed)


def test_subscribers_shown_are_gains_and_losses_read_at_one_instant(
    api_client, auth_client, make_user, monkeypatch
):
    channel = make_user()
    for fan in (auth_client(), auth_client()):
        subscribe(fan, channel)
    passing = auth_client()
    read_counters = common_counters._read_counters
    raced = []

    def reads_then_a_fan_comes_and_goes(counters_read, ids):
        answer = read_counters(counters_read, ids)
        if not raced and str(channel.id) in ids:
            raced.append(True)  # between this read and any later one, a fan comes and goes
            assert subscribe(passing, channel).status_code == 201
            assert unsubscribe(passing, channel).status_code == 204
        return answer

    monkeypatch.setattr(common_counters, "_read_counters", reads_then_a_fan_comes_and_goes)
    assert figures(api_client, channel) == (2, 0)
    assert raced
    assert figures(api_client, channel) == (2, 0)


def test_flush_folds_gains_and_losses_into_users_and_daily_figures_once(
    api_client, auth_client, make_user
):
    channel = make_user()
    fans = [auth_client() for _ in range(3)]
    for fan in fans:
        subscribe(fan, channel)
    unsubscribe(fans[0], channel)
    assert User.objects.get(id=channel.id).subscribers_gained == 0
    assert figures(api_client, channel) == (2, 0)

    assert tasks.flush_subscription_counters.delay().get() == 3 + 1 + (3 - 1)
    stored = User.objects.get(id=channel.id)
    assert (stored.subscribers_gained, stored.subscribers_lost) == (3, 1)
    assert User.objects.get(id=fans[1].user.id).subscriptions_count == 1
    today = timezone.now().date().isoformat()
    daily = ChannelDailyStats.objects.get(channel_id=channel.id, day=today)
    assert (daily.gained, daily.lost) == (3, 1)

    assert tasks.flush_subscription_counters.delay().get() == 0
    daily.reload()
    assert (daily.gained, daily.lost) == (3, 1)
    assert figures(api_client, channel) == (2, 0)


def test_a_flush_killed_between_claim_and_apply_loses_and_doubles_nothing(
    api_client, auth_client, make_user, monkeypatch
):
    channel = make_user()
    for _ in range(4):
        subscribe(auth_client(), channel)
    real_apply = BufferedCounter._apply

    def killed(self, batch_id, counts):
        raise SystemExit("worker killed")

    monkeypatch.setattr(BufferedCounter, "_apply", killed)
    with pytest.raises(SystemExit):
        counters.flush_subscription_counters()
    assert get_redis().zcard(counters.subscribers_gained.inflight_key) == 1
    assert figures(api_client, channel)[0] == 4

    monkeypatch.setattr(BufferedCounter, "_apply", real_apply)
    counters.flush_subscription_counters()
    counters.flush_subscription_counters()
    assert User.objects.get(id=channel.id).subscribers_gained == 4
    assert ChannelDailyStats.objects.get(channel_id=channel.id).gained == 4
    assert figures(api_client, channel)[0] == 4


def test_reconcile_restores_figures_a_redis_flush_lost(api_client, auth_client, make_user):
    channel = make_user()
    for _ in range(3):
        subscribe(auth_client(), channel)
    counters.flush_subscription_counters()
    late = [auth_client() for _ in range(2)]
    for fan in late:
        subscribe(fan, channel)
    assert figures(api_client, channel) == (5, 0)

    get_redis().flushall()  # Redis restarted without persistence: unflushed changes are gone
    assert figures(api_client, channel) == (3, 0)
    assert figures(api_client, late[0].user) == (0, 0)

    assert tasks.reconcile_subscription_counters.delay().get() == 3
    assert figures(api_client, channel) == (5, 0)
    assert figures(api_client, late[0].user) == (0, 1)
    assert tasks.reconcile_subscription_counters.delay().get() == 0
    assert figures(api_client, channel) == (5, 0)


def test_reconcile_repairs_nothing_after_normal_operation(api_client, auth_client, make_user):
    channel = make_user()
    fans = [auth_client() for _ in range(4)]
    for fan in fans:
        subscribe(fan, channel)
    counters.flush_subscription_counters()
    unsubscribe(fans[0], channel)
    subscribe(fans[1], fans[2].user)
    for key in get_redis().scan_iter("counter:*:touched:*"):  # the quiet period has passed
        get_redis().delete(key)
    repairs = counters.reconcile_subscription_counters()
    assert [repair.repaired for repair in repairs.values()] == [0, 0]
    assert figures(api_client, channel) == (3, 0)
