"""Console held-comment queue: across every item, bulk approve / remove through the engagement
services, filtered by hold rule and searched; each decision lands in the moderation log."""

import pytest
from django.urls import reverse

from engagement.documents import Comment, ModerationDecision
from engagement.tests.helpers import comment, comment_url, comments_url, post_comment
from engagement.tests.test_comments import HOSTILE
from moderation.tests.console_helpers import staff_client
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/comments/"


def _held(fan, item, text: str = HOSTILE) -> str:
    body = post_comment(fan, item, text).json()
    assert body["status"] == "held", body
    return body["id"]


def _listed(api_client, item) -> list[str]:
    return [c["id"] for c in api_client.get(comments_url(item)).json()["results"]]


def test_a_moderator_approves_a_selection_of_held_comments(auth_client, api_client, make_user):
    first, second = ready_video(make_user()), ready_video(make_user())
    approved = [_held(auth_client(), first), _held(auth_client(), second)]
    waiting = _held(auth_client(), first)
    client = staff_client()
    assert {str(c.id) for c, _, _ in client.get(QUEUE).context["rows"]} == {*approved, waiting}

    body = {"action": "approve", "reason": "", "_selected_action": approved}
    answer = client.post(QUEUE, body, follow=True)
    assert "2 comment(s) approved." in answer.content.decode()
    assert _listed(api_client, first) == [approved[0]]  # visible to anyone now
    assert _listed(api_client, second) == [approved[1]]
    assert api_client.get(f"/api/v1/videos/{first.id}").json()["comments_count"] == 1
    assert [str(c.id) for c, _, _ in client.get(QUEUE).context["rows"]] == [waiting]
    logged = ModerationDecision.objects(action="approve")
    assert {(d.actor_role, d.actor_name, d.actor_id) for d in logged} == {
        ("staff", client.staff.username, None)
    }
    assert sorted(str(d.target_id) for d in logged) == sorted(approved)
    assert all(d.reason.startswith("sentiment") for d in logged)  # the rule, when no reason


def test_a_moderator_removes_held_comments_with_a_reason(auth_client, make_user):
    item = ready_video(make_user())
    fan = auth_client()
    cid = _held(fan, item)
    client = staff_client()
    refused = client.post(QUEUE, {"action": "remove", "reason": "", "_selected_action": [cid]})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    assert _listed(fan, item) == [cid]  # still there, held, shown to its author

    client.post(QUEUE, {"action": "remove", "reason": "abuse", "_selected_action": [cid]})
    assert _listed(fan, item) == []
    assert fan.patch(comment_url(cid), {"content": "edit"}, format="json").status_code == 404
    assert Comment.objects.get(id=cid).status == "removed"
    (decision,) = ModerationDecision.objects
    assert (decision.action, decision.actor_role, decision.reason) == ("reject", "staff", "abuse")
    assert client.get(QUEUE).context["rows"] == []


def test_acting_on_nothing_selected_changes_nothing(auth_client, make_user):
    cid = _held(auth_client(), ready_video(make_user()))
    answer = staff_client().post(QUEUE, {"action": "approve", "_selected_action": ["x"]})
    assert answer.status_code == 302
    assert Comment.objects.get(id=cid).status == "held"


def test_the_queue_filters_by_hold_rule_and_searches_the_text(make_user):
    item, author = ready_video(make_user()), make_user()
    comment(item, author, "buy at spam.example.com", status="held", held_reason="links: x")
    comment(item, author, "Lovely cooking", status="held", held_reason="approval: every")
    comment(item, author, "Cooking is awful", status="held", held_reason="sentiment: -0.6")
    comment(item, author, "Cooking published", status="published")
    client = staff_client()

    def texts(**query):
        return sorted(c.content for c, _, _ in client.get(QUEUE, query).context["rows"])

    assert texts(rule="links") == ["buy at spam.example.com"]
    assert texts(q="COOKING") == ["Cooking is awful", "Lovely cooking"]
    assert texts(q="cooking", rule="approval") == ["Lovely cooking"]
    assert len(texts()) == 3


def test_the_queue_costs_the_same_reads_for_short_and_long_pages(make_user, mongo_reads):
    client = staff_client()
    items = [ready_video(make_user()) for _ in range(4)]
    for index in range(2):
        comment(items[index], make_user(), "short", status="held", held_reason="approval: a")
    for index in range(30):
        comment(items[index % 4], make_user(), "long", status="held", held_reason="links: a")
    reads = []
    for rule, size in (("approval", 2), ("links", 25)):
        mongo_reads["n"] = 0
        assert len(client.get(QUEUE, {"rule": rule}).context["rows"]) == size
        reads.append(mongo_reads["n"])
    assert reads[0] == reads[1]


def test_the_queue_needs_the_moderator_right_and_csrf(auth_client, make_user):
    cid = _held(auth_client(), ready_video(make_user()))
    body = {"action": "approve", "_selected_action": [cid]}
    assert staff_client(role="staff").post(QUEUE, body).status_code == 403
    assert staff_client(csrf=True).post(QUEUE, body).status_code == 403
    assert Comment.objects.get(id=cid).status == "held"
    assert reverse("admin:moderation_comments") == QUEUE
