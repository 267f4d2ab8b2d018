"""Console reports: grouped by target with distinct reporters, resolved through the services."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from engagement.documents import ModerationDecision
from engagement.tests.helpers import comment_url, comments_url, post_comment
from moderation.tests.console_helpers import login_status, staff_client
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports"


def _report(client, target_type: str, target_id, category: str = "spam"):
    body = {"target_type": target_type, "target_id": str(target_id), "category": category}
    answer = client.post(REPORTS, {**body, "reason": "bad"}, format="json")
    assert answer.status_code in (200, 201), answer.content


def test_open_reports_are_grouped_by_target_with_distinct_reporters(make_user, auth_client):
    owner = make_user()
    video = ready_video(owner, title="Spammy clip")
    for _ in range(3):
        _report(auth_client(), "video", video.id)
    _report(auth_client(), "user", owner.id, category="harassment")
    client = staff_client()
    page = client.get(reverse("admin:moderation_reports"))
    groups = {g["target_type"]: g for g in page.context["groups"]}
    assert groups["video"]["reporters"] == 3
    assert groups["video"]["latest"].snapshot.title == "Spammy clip"
    assert groups["video"]["live"].title == "Spammy clip"
    assert groups["user"]["reporters"] == 1
    figures = {
        row["key"]: row["value"]
        for row in client.get(reverse("admin:moderation_home")).context["figures"]
    }
    assert figures["reports"] == 2


def test_removing_reported_content_deletes_it_and_closes_the_reports(
    make_user, auth_client, api_client
):
    video = ready_video(make_user())
    reporter = auth_client()
    _report(reporter, "video", video.id)
    client = staff_client()
    url = reverse("admin:moderation_resolve", args=["video", video.id])
    answer = client.post(url, {"action": "remove", "reason": "spam"}, follow=True)
    assert "1 report(s) of this video resolved" in answer.content.decode()
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 404
    # The reporter hears of it although the item is gone.
    assert _kinds(reporter) == [("report_resolved", "video", str(video.id))]
    assert client.get(reverse("admin:moderation_reports")).context["groups"] == []
    resolved = client.get(reverse("admin:moderation_reports"), {"status": "resolved"})
    assert [r.resolution for r in resolved.context["page"].items] == ["removed"]


def test_dismissing_keeps_the_content(make_user, auth_client, api_client):
    video = ready_video(make_user())
    _report(auth_client(), "video", video.id)
    url = reverse("admin:moderation_resolve", args=["video", video.id])
    staff_client().post(url, {"action": "dismiss", "reason": "fine"})
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 200


def test_suspending_the_owner_needs_the_right(make_user, auth_client, api_client):
    owner = make_user()
    video = ready_video(owner)
    _report(auth_client(), "video", video.id)
    url = reverse("admin:moderation_resolve", args=["video", video.id])
    assert staff_client().post(url, {"action": "suspend", "reason": "x"}).status_code == 403
    assert login_status(api_client, owner) == 200
    staff_client(role="superuser").post(url, {"action": "suspend", "reason": "repeat"})
    assert login_status(APIClient(), owner) in (401, 403)
    assert APIClient().get(f"/api/v1/videos/{video.id}").status_code == 404


def _kinds(client) -> list[tuple]:
    body = client.get("/api/v1/notifications").json()["results"]
    return [(n["kind"], n["target"]["type"], n["target"]["id"]) for n in body]


def test_removing_a_reported_comment_hides_it_logs_it_and_tells_the_reporters(
    make_user, auth_client, api_client
):
    item = ready_video(make_user())
    writer = auth_client()
    cid = post_comment(writer, item, "Buy followers now, cheap").json()["id"]
    reporters = [auth_client(), auth_client()]
    for reporter in reporters:
        _report(reporter, "comment", cid)
    client = staff_client()
    (group,) = client.get(reverse("admin:moderation_reports")).context["groups"]
    assert (group["target_type"], group["reporters"]) == ("comment", 2)
    assert group["latest"].snapshot.text == group["live"].content == "Buy followers now, cheap"

    url = reverse("admin:moderation_resolve", args=["comment", cid])
    answer = client.post(url, {"action": "remove", "reason": "spam"}, follow=True)
    assert "2 report(s) of this comment resolved" in answer.content.decode()
    listed = api_client.get(comments_url(item)).json()["results"]
    assert listed == []
    assert writer.patch(comment_url(cid), {"content": "x"}, format="json").status_code == 404
    for reporter in reporters:
        assert _kinds(reporter) == [("report_resolved", "comment", cid)]
    assert _kinds(writer) == []
    logged = ModerationDecision.objects.order_by("id")
    assert [(d.action, d.actor_name, d.reason) for d in logged] == [
        ("remove", client.staff.username, "spam"),
        ("resolve_remove", client.staff.username, "spam"),
    ]


def test_dismissing_a_report_tells_the_reporter_and_logs_it(make_user, auth_client):
    video = ready_video(make_user())
    reporter = auth_client()
    _report(reporter, "video", video.id)
    client = staff_client()
    url = reverse("admin:moderation_resolve", args=["video", video.id])
    client.post(url, {"action": "dismiss", "reason": "within the rules"})
    assert _kinds(reporter) == [("report_resolved", "video", str(video.id))]
    (decision,) = ModerationDecision.objects
    assert (decision.action, decision.actor_role, decision.reason) == (
        "resolve_dismiss",
        "staff",
        "within the rules",
    )


def test_a_removed_comment_shows_as_gone_beside_its_snapshot(make_user, auth_client):
    item = ready_video(make_user())
    writer = auth_client()
    cid = post_comment(writer, item, "Rude words").json()["id"]
    _report(auth_client(), "comment", cid)
    assert writer.delete(comment_url(cid)).status_code == 204
    (group,) = staff_client().get(reverse("admin:moderation_reports")).context["groups"]
    assert group["live"] is None and group["latest"].snapshot.text == "Rude words"


@pytest.mark.parametrize(
    "page",
    ["\u00b2", "\u0663", "9" * 5000, "99999999999999999999", "-1", "0", "1.5", " 2", "0x2", ""],
)
def test_a_page_that_is_not_a_plain_page_number_shows_the_first(make_user, auth_client, page):
    _report(auth_client(), "video", ready_video(make_user()).id)
    answer = staff_client().get(reverse("admin:moderation_reports"), {"page": page})
    assert answer.status_code == 200
    assert answer.context["number"] == 1
    assert len(answer.context["groups"]) == 1


def test_a_plain_page_number_past_the_last_page_shows_an_empty_page(make_user, auth_client):
    _report(auth_client(), "video", ready_video(make_user()).id)
    answer = staff_client().get(reverse("admin:moderation_reports"), {"page": "2"})
    assert (answer.status_code, answer.context["number"], answer.context["groups"]) == (200, 2, [])
