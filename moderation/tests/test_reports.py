"""Reports: one open per reporter and target, a frozen snapshot, visibility, throttling, and
the grouping and resolution the moderators' console builds on."""

import pytest
from bson import ObjectId
from django.test import override_settings

from accounts import services as account_services
from engagement.tests.helpers import tweet
from moderation import selectors, services
from moderation.documents import Report
from videos.tests.helpers import ready_video

REPORTS = "/api/v1/reports"


def report(client, target_type: str, target, category: str = "spam", **extra):
    target_id = target if isinstance(target, str) else str(target.id)
    body = {"target_type": target_type, "target_id": target_id, "category": category, **extra}
    return client.post(REPORTS, body, format="json")


def error_code(response, status: int) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "request_id"}
    return body["error"]["code"]


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", full_name="The Owner")


def test_a_report_is_filed_with_its_snapshot(auth_client, owner):
    reporter = auth_client()
    video = ready_video(owner, title="Bad clip", description="lies")
    response = report(reporter, "video", video, "misinformation", reason="  It is false.  ")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {
        "id",
        "target_type",
        "target_id",
        "target",
        "category",
        "reason",
        "status",
        "created_at",
    }
    assert body["target_type"] == "video"
    assert body["target_id"] == str(video.id)
    assert body["target"] == {"type": "video", "id": str(video.id)}
    assert (body["category"], body["reason"], body["status"]) == (
        "misinformation",
        "It is false.",
        "open",
    )
    stored = Report.objects.get(id=ObjectId(body["id"]))
    assert stored.reporter_id == reporter.user.id
    assert stored.target_owner_id == owner.id
    assert stored.resolution is None
    snapshot = stored.snapshot
    assert (snapshot.owner_id, snapshot.owner_username) == (owner.id, "owner")
    assert (snapshot.title, snapshot.text) == ("Bad clip", "lies")
    assert snapshot.created_at is not None


def test_a_repeat_while_open_answers_the_same_report(auth_client, owner):
    reporter = auth_client()
    post = tweet(owner, "buy now")
    first = report(reporter, "tweet", post, "spam")
    again = report(reporter, "tweet", post, "harassment", reason="another try")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Report.objects.count() == 1
    # Someone else's report of the same tweet is a report of its own.
    other = report(auth_client(), "tweet", post)
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


def test_the_snapshot_survives_an_edit_and_a_delete(auth_client, owner):
    author = auth_client(owner)
    reporter = auth_client()
    created = author.post("/api/v1/tweets", {"content": "something hateful"}, format="json")
    tweet_id = created.json()["id"]
    report_id = report(reporter, "tweet", tweet_id, "hate").json()["id"]
    patched = author.patch(f"/api/v1/tweets/{tweet_id}", {"content": "nice"}, format="json")
    assert patched.status_code == 200
    assert Report.objects.get(id=ObjectId(report_id)).snapshot.text == "something hateful"
    assert author.delete(f"/api/v1/tweets/{tweet_id}").status_code == 204
    stored = Report.objects.get(id=ObjectId(report_id))
    assert stored.snapshot.text == "something hateful"
    assert stored.snapshot.owner_username == "owner"

    video = ready_video(owner, title="Original title", description="original words")
    video_report = report(reporter, "video", video).json()["id"]
    edited = author.patch(f"/api/v1/videos/{video.id}", {"title": "Clean"}, format="json")
    assert edited.status_code == 200
    assert author.delete(f"/api/v1/videos/{video.id}").status_code == 204
    snapshot = Report.objects.get(id=ObjectId(video_report)).snapshot
    assert (snapshot.title, snapshot.text) == ("Original title", "original words")


def test_a_user_can_be_reported_and_their_profile_is_frozen(auth_client, owner):
    reporter = auth_client()
    response = report(reporter, "user", owner, "harassment")
    assert response.status_code == 201
    stored = Report.objects.get()
    assert stored.target_owner_id == owner.id
    assert (stored.snapshot.owner_username, stored.snapshot.title) == ("owner", "The Owner")
    account_services.update_profile(user=owner, changes={"full_name": "Renamed"})
    assert Report.objects.get().snapshot.title == "The Owner"


def test_targets_the_reporter_cannot_see_are_404(auth_client, make_user, owner):
    reporter = auth_client()
    suspended = make_user(username="gone", is_active=False)
    cases = [
        ("video", ready_video(owner, visibility="private")),
        ("video", ready_video(owner, published=False)),
        ("video", ready_video(suspended)),
        ("tweet", tweet(suspended, "hidden")),
        ("user", suspended),
        ("video", str(ObjectId())),
        ("tweet", "not-an-id"),
        ("user", str(ObjectId())),
        # A tweet's id is not a video's.
        ("video", tweet(owner, "a tweet")),
        # A comment nobody wrote.
        ("comment", str(ObjectId())),
    ]
    for target_type, target in cases:
        assert error_code(report(reporter, target_type, target), 404) == "not_found", target
    assert Report.objects.count() == 0


def test_reporting_myself_or_my_own_content_is_a_400(auth_client):
    me = auth_client()
    for target_type, target in (
        ("user", me.user),
        ("video", ready_video(me.user)),
        ("video", ready_video(me.user, visibility="private")),
        ("tweet", tweet(me.user, "mine")),
    ):
        response = report(me, target_type, target)
        assert error_code(response, 400) == "own_content"
        assert "target_id" in response.json()["error"]["fields"]
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"target_type": "playlist", "target_id": "0" * 24, "category": "spam"},
        {"target_type": "video", "target_id": "0" * 24, "category": "rude"},
        {"target_type": "video", "category": "spam"},
        {"target_type": "video", "target_id": "0" * 25, "category": "spam"},
        {"target_type": "video", "target_id": 5, "category": "spam"},
        {"target_type": "video", "target_id": "0" * 24, "category": "spam", "reason": "x" * 1001},
        {"target_type": "video", "target_id": "0" * 24, "category": "spam", "severity": 3},
    ],
)
def test_bad_input_is_a_400_and_stores_nothing(auth_client, body):
    assert error_code(auth_client().post(REPORTS, body, format="json"), 400) == "validation_error"
    assert Report.objects.count() == 0


def test_anonymous_callers_cannot_report(api_client, owner):
    assert error_code(report(api_client, "user", owner), 401)
    assert Report.objects.count() == 0


@override_settings(THROTTLE_RATES={"report": "2/h"})
def test_reports_are_throttled_per_reporter(auth_client, owner):
    reporter = auth_client()
    posts = [tweet(owner, f"post {n}") for n in range(3)]
    assert report(reporter, "tweet", posts[0]).status_code == 201
    assert report(reporter, "tweet", posts[1]).status_code == 201
    throttled = report(reporter, "tweet", posts[2])
    assert error_code(throttled, 429) == "throttled"
    assert int(throttled["Retry-After"]) > 0
    assert report(auth_client(), "tweet", posts[2]).status_code == 201
    assert Report.objects.count() == 3


def test_open_reports_group_by_target_with_distinct_reporters(auth_client, owner, mongo_reads):
    loud, quiet = tweet(owner, "loud"), ready_video(owner)
    reporters = [auth_client() for _ in range(3)]
    for client in reporters:
        report(client, "tweet", loud, "spam")
    report(reporters[0], "tweet", loud, "hate")  # a repeat: the same open report
    report(reporters[0], "video", quiet, "copyright")
    report(reporters[1], "user", owner, "harassment")

    mongo_reads["n"] = 0
    rows = selectors.open_targets()
    assert mongo_reads["n"] == 1  # one aggregation
    summary = [(row["target_type"], row["target_id"], row["reporters"]) for row in rows]
    assert summary[0] == ("tweet", loud.id, 3)
    assert sorted(summary[1:]) == [("user", owner.id, 1), ("video", quiet.id, 1)]
    assert rows[0]["categories"] == ["spam"]
    assert rows[0]["reports"] == 3
    assert rows[0]["target_owner_id"] == owner.id
    assert rows[0]["first_reported_at"] <= rows[0]["last_reported_at"]


def test_resolving_closes_every_open_report_of_a_target_and_a_new_one_can_follow(
    auth_client, owner
):
    loud, other = tweet(owner, "loud"), tweet(owner, "other")
    reporters = [auth_client() for _ in range(2)]
    for client in reporters:
        report(client, "tweet", loud)
    untouched = report(reporters[0], "tweet", other).json()["id"]

    closed = services.resolve_reports(
        target_type="tweet", target_id=loud.id, action="removed", by="admin", reason="spam"
    )
    assert closed == 2
    for stored in selectors.reports_of_target(target_type="tweet", target_id=loud.id):
        assert (stored.status, stored.resolution, stored.resolved_by) == (
            "resolved",
            "removed",
            "admin",
        )
        assert stored.resolved_at is not None and stored.open_key is None
    assert Report.objects.get(id=ObjectId(untouched)).status == "open"
    assert [row["target_id"] for row in selectors.open_targets()] == [other.id]
    assert (
        services.resolve_reports(
            target_type="tweet", target_id=loud.id, action="dismissed", by="admin"
        )
        == 0
    )

    # Reported again after resolution: a new open report.
    again = report(reporters[0], "tweet", loud)
    assert again.status_code == 201
    assert again.json()["status"] == "open"
    assert selectors.reports_of_target(target_type="tweet", target_id=loud.id).count() == 3


def test_resolving_with_an_unknown_action_is_refused(owner):
    from common.errors import RuleViolation

    with pytest.raises(RuleViolation):
        services.resolve_reports(target_type="user", target_id=owner.id, action="banned", by="x")


def test_a_retried_report_with_its_idempotency_key_replays_the_first_answer(auth_client, owner):
    reporter = auth_client()
    body = {"target_type": "user", "target_id": str(owner.id), "category": "spam"}
    first = reporter.post(REPORTS, body, format="json", HTTP_IDEMPOTENCY_KEY="report-1")
    again = reporter.post(REPORTS, body, format="json", HTTP_IDEMPOTENCY_KEY="report-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    other = {**body, "category": "hate"}
    changed = reporter.post(REPORTS, other, format="json", HTTP_IDEMPOTENCY_KEY="report-1")
    assert changed.status_code == 422
    assert Report.objects.count() == 1
