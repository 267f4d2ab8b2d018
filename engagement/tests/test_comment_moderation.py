"""Creator moderation: approving held comments, rejecting and removing them, pinning, the
creator's queue, the moderation log, and constant round-trips of every comment list."""

import threading
from types import SimpleNamespace

import pytest

from engagement import services
from engagement.documents import Comment, ModerationDecision
from engagement.selectors import sentiment_breakdown
from engagement.services import Actor, record_decision
from engagement.signals import comment_published
from engagement.tests.helpers import comment, comment_url, comments_url, post_comment
from engagement.tests.test_comments import HOSTILE
from videos.tests.helpers import ready_video

QUEUE = "/api/v1/dashboard/comments"


@pytest.fixture
def owner(auth_client):
    return auth_client()


@pytest.fixture
def item(owner):
    return ready_video(owner.user, title="Cooking 101")


def decisions() -> list[tuple]:
    return [
        (d.actor_role, d.action, str(d.target_id), d.actor_id)
        for d in ModerationDecision.objects.order_by("created_at", "id")
    ]


def test_the_owner_approves_a_held_comment_once(auth_client, api_client, owner, item):
    fan = auth_client()
    cid = post_comment(fan, item, HOSTILE).json()["id"]
    fired = []

    def receiver(sender, comment, video, **kwargs):
        fired.append((str(comment.id), video.id))

    comment_published.connect(receiver)
    try:
        response = owner.post(comment_url(cid, "approve"))
        again = owner.post(comment_url(cid, "approve"))
    finally:
        comment_published.disconnect(receiver)
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert again.status_code == 200
    assert fired == [(cid, item.id)]
    assert [c["id"] for c in api_client.get(comments_url(item)).json()["results"]] == [cid]
    assert api_client.get(f"/api/v1/videos/{item.id}").json()["comments_count"] == 1
    assert decisions() == [("creator", "approve", cid, owner.user.id)]
    assert ModerationDecision.objects.get().reason.startswith("sentiment")
    assert ModerationDecision.objects.get().actor_name == owner.user.username


def test_approving_a_held_reply_counts_it_in_its_thread(auth_client, api_client, owner, item):
    root = post_comment(auth_client(), item, "Root").json()["id"]
    reply = post_comment(auth_client(), item, HOSTILE, parent=root).json()["id"]
    owner.post(comment_url(reply, "approve"))
    assert api_client.get(comments_url(item)).json()["results"][0]["replies_count"] == 1
    assert api_client.get(f"/api/v1/videos/{item.id}").json()["comments_count"] == 2


def test_only_the_items_owner_approves(auth_client, api_client, owner, item):
    fan, stranger = auth_client(), auth_client()
    held = post_comment(fan, item, HOSTILE).json()["id"]
    published = post_comment(fan, item, "Nice").json()["id"]
    assert fan.post(comment_url(held, "approve")).status_code == 403
    assert stranger.post(comment_url(held, "approve")).status_code == 404
    assert stranger.post(comment_url(published, "approve")).status_code == 403
    assert api_client.post(comment_url(held, "approve")).status_code == 401
    assert Comment.objects.get(id=held).status == "held"
    assert decisions() == []


def test_the_owner_rejects_a_held_comment_by_deleting_it(auth_client, owner, item):
    fan = auth_client()
    cid = post_comment(fan, item, HOSTILE).json()["id"]
    assert owner.delete(comment_url(cid)).status_code == 204
    assert Comment.objects.get(id=cid).status == "removed"
    assert fan.get(comments_url(item)).json()["results"] == []
    assert owner.delete(comment_url(cid)).status_code == 404
    assert decisions() == [("creator", "reject", cid, owner.user.id)]


def test_the_owner_removes_a_published_comment_and_the_author_deletes_theirs(
    auth_client, api_client, owner, item
):
    fan = auth_client()
    first = post_comment(fan, item, "One").json()["id"]
    second = post_comment(fan, item, "Two").json()["id"]
    assert owner.delete(comment_url(first)).status_code == 204
    assert fan.delete(comment_url(second)).status_code == 204
    assert api_client.get(comments_url(item)).json()["results"] == []
    assert api_client.get(f"/api/v1/videos/{item.id}").json()["comments_count"] == 0
    assert decisions() == [("creator", "remove", first, owner.user.id)]


def test_one_pinned_comment_per_item(auth_client, api_client, owner, item):
    fan = auth_client()
    first = post_comment(fan, item, "One").json()["id"]
    second = post_comment(fan, item, "Two").json()["id"]
    assert owner.post(comment_url(first, "pin")).json()["pinned"] is True
    assert owner.post(comment_url(second, "pin")).json()["pinned"] is True
    assert Comment.objects(video_id=item.id, pinned=True).count() == 1
    results = api_client.get(comments_url(item)).json()["results"]
    assert [(c["id"], c["pinned"]) for c in results] == [(second, True), (first, False)]
    assert owner.delete(comment_url(second, "pin")).json()["pinned"] is False
    assert owner.delete(comment_url(second, "pin")).status_code == 200
    assert Comment.objects(pinned=True).count() == 0
    assert [d[1] for d in decisions()] == ["pin", "pin", "unpin"]


def test_held_comments_and_replies_cannot_be_pinned_and_only_the_owner_pins(
    auth_client, owner, item
):
    fan = auth_client()
    held = post_comment(fan, item, HOSTILE).json()["id"]
    root = post_comment(fan, item, "Root").json()["id"]
    reply = post_comment(fan, item, "Reply", parent=root).json()["id"]
    assert owner.post(comment_url(held, "pin")).status_code == 409
    assert owner.post(comment_url(reply, "pin")).status_code == 409
    assert fan.post(comment_url(root, "pin")).status_code == 403
    assert Comment.objects(pinned=True).count() == 0
    assert decisions() == []


def test_the_queue_lists_comments_on_my_items_held_first_with_titles(
    auth_client, owner, item, make_user
):
    other_item = ready_video(owner.user, title="Baking 201")
    fan = auth_client()
    older_held = post_comment(fan, item, HOSTILE).json()["id"]
    published = post_comment(fan, other_item, "Nice").json()["id"]
    newer_held = post_comment(fan, other_item, HOSTILE).json()["id"]
    comment(ready_video(make_user()), fan.user, "Elsewhere")
    queue = owner.get(QUEUE).json()["results"]
    assert [c["id"] for c in queue] == [newer_held, older_held, published]
    assert [c["video_title"] for c in queue] == ["Baking 201", "Cooking 101", "Baking 201"]
    assert all(c["held_reason"] for c in queue[:2])
    held = owner.get(QUEUE, {"status": "held"}).json()["results"]
    assert [c["id"] for c in held] == [newer_held, older_held]
    assert [c["id"] for c in owner.get(QUEUE, {"status": "published"}).json()["results"]] == [
        published
    ]
    owner.post(comment_url(older_held, "approve"))
    queue = owner.get(QUEUE).json()["results"]
    assert [c["id"] for c in queue] == [newer_held, published, older_held]
    assert fan.get(QUEUE).json()["results"] == []
    assert owner.get(QUEUE, {"status": "removed"}).status_code == 400
    assert owner.get(QUEUE + "?status=").status_code == 400


def test_the_queue_is_for_signed_in_creators(api_client):
    assert api_client.get(QUEUE).status_code == 401


def test_record_decision_logs_staff_decisions_too(make_user):
    target = comment(ready_video(make_user()), make_user())
    record_decision(
        actor=Actor.staff("alice-staff"),
        action="remove",
        target_type="comment",
        target_id=target.id,
        reason="spam",
        video_id=target.video_id,
    )
    (decision,) = ModerationDecision.objects
    assert (decision.actor_role, decision.actor_name, decision.actor_id) == (
        "staff",
        "alice-staff",
        None,
    )
    assert (decision.reason, decision.video_id) == ("spam", target.video_id)


def test_sentiment_breakdown_counts_published_comments_per_item(make_user):
    owner, fan = make_user(), make_user()
    first, second, empty = ready_video(owner), ready_video(owner), ready_video(owner)
    comment(first, fan, sentiment=0.8)
    comment(first, fan, sentiment=0.05)
    comment(first, fan, sentiment=0.0)
    comment(first, fan, sentiment=-0.9, is_flagged=True)
    comment(first, fan, sentiment=-0.9, is_flagged=True, status="held")
    comment(second, fan, sentiment=-0.05)
    assert sentiment_breakdown(video_ids=[first.id, second.id, empty.id]) == {
        first.id: {"positive": 2, "neutral": 1, "negative": 1, "flagged": 1},
        second.id: {"positive": 0, "neutral": 0, "negative": 1, "flagged": 0},
        empty.id: {"positive": 0, "neutral": 0, "negative": 0, "flagged": 0},
    }


def test_comment_lists_cost_constant_round_trips(auth_client, owner, item, reads_per_page):
    fans = [auth_client() for _ in range(5)]
    root = comment(item, fans[0].user, "Root")
    for n in range(26):
        fan = fans[n % 5]
        comment(item, fan.user, f"Top {n}")
        comment(item, fan.user, f"Reply {n}", parent_id=root.id, reply_to_user_id=fans[0].user.id)
    viewer = fans[1]
    assert reads_per_page(viewer, comments_url(item)) <= 10
    assert reads_per_page(viewer, comments_url(item) + "?sort=top") <= 10
    assert reads_per_page(viewer, comment_url(root.id, "replies")) <= 10
    assert reads_per_page(owner, QUEUE) <= 10


def test_a_pin_stamped_first_but_written_last_leaves_the_later_pin(
    auth_client, owner, item, monkeypatch
):
    fan = auth_client()
    first, later = (post_comment(fan, item, text).json()["id"] for text in ("A", "B"))
    real_now = services.timezone.now
    stamped, later_done = threading.Event(), threading.Event()

    def now():
        stamp = real_now()
        if not stamped.is_set():
            stamped.set()
            later_done.wait(5)  # the other pin, stamped after this one, goes all the way first
        return stamp

    monkeypatch.setattr(services, "timezone", SimpleNamespace(now=now))
    phone = threading.Thread(target=lambda: owner.post(comment_url(first, "pin")))
    phone.start()
    assert stamped.wait(5)
    assert auth_client(owner.user).post(comment_url(later, "pin")).status_code == 200
    later_done.set()
    phone.join()
    assert [str(c.id) for c in Comment.objects(video_id=item.id, pinned=True)] == [later]


def _pin_together(clients, comment_ids) -> list[int]:
    """Each client pins its comment at the same moment; their statuses."""
    start, answers = threading.Barrier(len(clients)), []

    def pin(client, comment_id):
        start.wait()
        answers.append(client.post(comment_url(comment_id, "pin")).status_code)

    threads = [
        threading.Thread(target=pin, args=pair) for pair in zip(clients, comment_ids, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_pins_racing_on_one_item_leave_exactly_one_pinned(
    auth_client, owner, item, atomic_mongo_writes
):
    fan = auth_client()
    phone, laptop = auth_client(owner.user), auth_client(owner.user)
    for _ in range(15):
        ids = [post_comment(fan, item, text).json()["id"] for text in ("A", "B")]
        assert _pin_together([phone, laptop], ids) == [200, 200]
        pinned = list(Comment.objects(video_id=item.id, pinned=True))
        assert len(pinned) == 1
        latest = max(Comment.objects(id__in=ids), key=lambda c: (c.pinned_at, c.id))
        assert pinned[0].id == latest.id
