"""Console reports: grouped by target with distinct reporters, resolved through the services."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

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
    _report(auth_client(), "video", video.id)
    client = staff_client()
    url = reverse("admin:moderation_resolve", args=["video", video.id])
    answer = client.post(url, {"action": "remove", "reason": "spam"}, follow=True)
    assert "1 report(s) of this video resolved" in answer.content.decode()
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 404
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
