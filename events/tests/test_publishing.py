"""What writers pay for the streams: one Redis round-trip whatever the number of recipients,
nothing kept for users who never listen, and never a failed write when Redis hiccups."""

import pytest
import redis
from bson import ObjectId
from redis.backoff import NoBackoff
from redis.retry import Retry

from accounts.documents import User
from common import live
from common.live import backlog_key
from common.redis import get_redis
from engagement.tests.helpers import like
from events.tests.conftest import first_events
from notifications.delivery import Target, deliver
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def tell(actor: User, recipients: list[User]) -> None:
    deliver(
        kind="new_subscriber",
        recipient_ids=[user.id for user in recipients],
        actor=actor,
        target=Target(type="channel", id=actor.id, title=actor.username),
        key=str(ObjectId()),
    )


def test_telling_one_or_thirty_users_costs_the_same_round_trips(make_user, redis_calls):
    actor = make_user()
    counts = []
    for size in (1, 30):
        recipients = [make_user() for _ in range(size)]
        redis_calls["n"] = 0
        tell(actor, recipients)
        counts.append(redis_calls["n"])
    assert counts[0] == counts[1]


def test_nothing_is_kept_for_users_who_never_opened_a_stream(make_user, auth_client, open_stream):
    actor, quiet, listening = make_user(), make_user(), auth_client()
    stream = open_stream(token=listening.tokens.access)
    first_events(stream)
    tell(actor, [quiet, listening.user])
    assert stream.until(lambda event: event.type == "notification")
    assert not get_redis().exists(backlog_key(quiet.id))
    assert get_redis().xlen(backlog_key(listening.user.id)) >= 2


def test_a_redis_hiccup_while_publishing_fails_no_write(auth_client, monkeypatch):
    dead = redis.Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    monkeypatch.setattr(live, "get_redis", lambda: dead)
    owner, fan = auth_client(), auth_client()
    item = ready_video(owner.user)
    assert like(fan, item).status_code == 200
    assert fan.get(f"/api/v1/videos/{item.id}").json()["likes"] == 1
    assert fan.post("/api/v1/auth/logout").status_code == 204
