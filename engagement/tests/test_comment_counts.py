"""Comment counts converge to the truth: buffered, flushed with the day's figure, reconciled
after Redis loses them; removing a comment takes its thread and likes, once, even through a task
run twice; a deleted item takes its comments."""

import pytest

from common.redis import get_redis
from engagement import comment_counts, likes, tasks
from engagement.documents import Comment, Like
from engagement.tests.helpers import comment_url, like, post_comment
from engagement.tests.test_comments import HOSTILE
from videos.documents import Video, VideoDailyStats
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.redis


def shown(client, video) -> int:
    return client.get(f"/api/v1/videos/{video.id}").json()["comments_count"]


def stored(video) -> int:
    return Video.objects.get(id=video.id).comments_count


def quiet() -> None:
    for key in get_redis().scan_iter("counter:*:touched:*"):
        get_redis().delete(key)


def test_counts_are_flushed_into_the_item_and_its_day(auth_client, api_client, make_user):
    item = ready_video(make_user())
    fan = auth_client()
    ids = [post_comment(fan, item, f"Nice {n}").json()["id"] for n in range(3)]
    post_comment(fan, item, HOSTILE)  # held: not counted
    assert (stored(item), shown(api_client, item)) == (0, 3)
    fan.delete(comment_url(ids[0]))
    assert comment_counts.flush_comment_counters() == 2
    assert comment_counts.flush_comment_counters() == 0
    assert (stored(item), shown(api_client, item)) == (2, 2)
    assert VideoDailyStats.objects.get(video_id=item.id).comments == 2


def test_reconcile_repairs_what_redis_lost(auth_client, api_client, make_user):
    item = ready_video(make_user())
    fan = auth_client()
    for n in range(3):
        post_comment(fan, item, f"Nice {n}")
    get_redis().flushdb()  # Redis restarted before the flush
    assert shown(api_client, item) == 0
    assert tasks.reconcile_comment_counters() == 1
    assert (stored(item), shown(api_client, item)) == (3, 3)
    assert tasks.reconcile_comment_counters() == 0


def test_reconcile_leaves_items_with_work_in_flight_alone(auth_client, make_user):
    item = ready_video(make_user())
    post_comment(auth_client(), item)
    Video.objects(id=item.id).update(set__comments_count=7)
    assert comment_counts.reconcile_comment_counters().repaired == 0
    quiet()
    assert comment_counts.reconcile_comment_counters().repaired == 1
    assert stored(item) == 1


def test_removing_a_comment_takes_its_replies_and_their_likes(auth_client, api_client, make_user):
    item = ready_video(make_user())
    alice, bob = auth_client(), auth_client()
    root = post_comment(alice, item, "Root").json()["id"]
    reply = post_comment(bob, item, "Reply", parent=root).json()["id"]
    post_comment(bob, item, HOSTILE, parent=root)  # held reply
    other = post_comment(bob, item, "Other").json()["id"]
    for target in (root, reply, other):
        bob.put(comment_url(target, "like"))
    assert shown(api_client, item) == 3
    assert alice.delete(comment_url(root)).status_code == 204
    assert Comment.objects(parent_id=root).count() == 0
    assert [str(like.target_id) for like in Like.objects(target_type="comment")] == [other]
    assert shown(api_client, item) == 1
    likes.reconcile_like_counters()
    comment_counts.flush_comment_counters()
    assert stored(item) == 1


def test_removing_a_reply_updates_its_thread(auth_client, api_client, make_user):
    item = ready_video(make_user())
    fan = auth_client()
    root = post_comment(fan, item, "Root").json()["id"]
    reply = post_comment(fan, item, "Reply", parent=root).json()["id"]
    assert fan.delete(comment_url(reply)).status_code == 204
    results = api_client.get(f"/api/v1/videos/{item.id}/comments").json()["results"]
    assert results[0]["replies_count"] == 0 and shown(api_client, item) == 1


def test_a_large_thread_goes_through_a_task_that_counts_once_when_run_twice(
    auth_client, api_client, make_user, settings, monkeypatch
):
    settings.COMMENT_INLINE_REPLY_DELETES = 2
    queued = []
    monkeypatch.setattr(tasks.delete_comment_replies, "delay", lambda *args: queued.append(args))
    item = ready_video(make_user())
    fan = auth_client()
    root = post_comment(fan, item, "Root").json()["id"]
    for n in range(5):
        reply = post_comment(fan, item, f"Reply {n}", parent=root).json()["id"]
        like(fan, Comment.objects.get(id=reply))
    assert shown(api_client, item) == 6
    assert fan.delete(comment_url(root)).status_code == 204
    assert queued == [(root, str(item.id))]
    assert shown(api_client, item) == 5  # the root is uncounted at once, replies by the task
    assert tasks.delete_comment_replies(*queued[0]) == 5
    assert tasks.delete_comment_replies(*queued[0]) == 0
    assert Comment.objects(parent_id=root).count() == 0
    assert Like.objects(target_type="comment").count() == 0
    assert shown(api_client, item) == 0
    comment_counts.flush_comment_counters()
    assert stored(item) == 0


def test_a_deleted_item_takes_its_comments_and_their_likes(auth_client, make_user):
    owner = auth_client()
    item = ready_video(owner.user)
    kept = ready_video(owner.user)
    fan = auth_client()
    root = post_comment(fan, item, "Root").json()["id"]
    post_comment(fan, item, "Reply", parent=root)
    survivor = post_comment(fan, kept, "Stay").json()["id"]
    fan.put(comment_url(root, "like"))
    fan.put(comment_url(survivor, "like"))
    assert owner.delete(f"/api/v1/videos/{item.id}").status_code == 204
    assert [str(c.id) for c in Comment.objects] == [survivor]
    assert [str(like.target_id) for like in Like.objects(target_type="comment")] == [survivor]
    assert tasks.delete_video_comments(str(item.id)) == 0


def test_beat_flushes_and_reconciles_comment_counts_on_the_default_queue(settings):
    from django.utils.module_loading import import_string

    from config.celery_app import app

    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["engagement.tasks.flush_comment_counters"] == settings.COMMENT_FLUSH_SECONDS
    assert (
        schedule["engagement.tasks.reconcile_comment_counters"]
        == settings.COUNTER_RECONCILE_SECONDS
    )
    for task in ("flush_comment_counters", "reconcile_comment_counters", "delete_comment_replies"):
        name = f"engagement.tasks.{task}"
        assert import_string(name).name == name
        assert app.amqp.router.route({}, name)["queue"].name == "default"
