"""The moderation console on the admin site: access, pages, and each action's effect on the API."""

import base64

import pytest
from django.urls import reverse

from accounts.documents import User
from engagement.tests.helpers import comment
from moderation.tests.console_helpers import login_status, staff_client
from videos.documents import Video
from videos.samples import make_clip
from videos.tests.helpers import ready_video, upload

pytestmark = pytest.mark.django_db

HOME = "/admin/moderation/"


def token(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_anonymous_visitors_get_the_admin_login_page(client):
    answer = client.get(HOME)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")


def test_a_platform_account_is_not_staff(client, make_user):
    make_user(username="viewer")
    answer = client.post("/admin/login/", {"username": "viewer", "password": "S3cure-pass!"})
    assert answer.status_code == 200
    assert "Please enter the correct username and password" in answer.content.decode()


def test_staff_outside_the_moderator_group_are_refused():
    assert staff_client(role="staff").get(HOME).status_code == 403


def test_the_home_page_counts_what_needs_a_moderator(make_user):
    owner = make_user()
    ready_video(owner, status="failed")
    ready_video(owner, status="processing")
    ready_video(owner, status="uploaded")
    video = ready_video(owner)
    gone = make_user(is_active=False)
    comment(video, make_user(), status="held", held_reason="approval: every comment")
    comment(video, make_user())
    comment(video, gone, status="held", held_reason="approval: every comment")  # author hidden
    page = staff_client().get(HOME)
    assert page.status_code == 200
    figures = {row["key"]: row["value"] for row in page.context["figures"]}
    assert figures == {"processing": 2, "failed": 1, "suspended": 1, "reports": 0, "held": 1}
    html = page.content.decode()
    assert "Moderation console" in html  # the admin's nav sidebar lists the console
    assert 'class="breadcrumbs"' in html


def test_the_admin_index_lists_the_console_for_moderators_only():
    assert reverse("admin:moderation_users") in staff_client().get("/admin/").content.decode()
    assert reverse("admin:moderation_users") not in (
        staff_client(role="staff").get("/admin/").content.decode()
    )


def test_users_are_searched_by_username_or_email_prefix(make_user):
    make_user(username="alice")
    make_user(username="bob", email="carol@example.com")
    make_user(username="dave", is_active=False)
    client = staff_client()
    names = lambda **query: [  # noqa: E731
        account.username
        for account in client.get(reverse("admin:moderation_users"), query).context["page"].items
    ]
    assert names(q="ali") == ["alice"]
    assert names(q="CAROL") == ["bob"]
    assert names(state="suspended") == ["dave"]
    assert sorted(names()) == ["alice", "bob", "dave"]


def test_a_superuser_suspends_and_reinstates_with_the_platform_services(
    make_user, auth_client, api_client
):
    user = make_user()
    video = ready_video(user)
    signed_in = auth_client(user)
    client = staff_client(role="superuser")
    url = reverse("admin:moderation_user", args=[user.id])

    answer = client.post(url, {"action": "suspend", "reason": "spam wave"}, follow=True)
    assert answer.status_code == 200
    assert f"{user.username} suspended." in answer.content.decode().lower()
    assert signed_in.get("/api/v1/users/me").status_code == 401  # sessions revoked
    assert login_status(api_client, user) in (401, 403)
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 404

    client.post(url, {"action": "reinstate", "reason": "appeal upheld"})
    assert login_status(api_client, user) == 200
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 200


def test_suspending_needs_a_reason(make_user, api_client):
    user = make_user()
    client = staff_client(role="superuser")
    answer = client.post(reverse("admin:moderation_user", args=[user.id]), {"action": "suspend"})
    assert answer.status_code == 200
    assert answer.context["form"].errors["reason"]
    assert login_status(api_client, user) == 200


def test_moderators_do_not_suspend(make_user, api_client):
    user = make_user()
    client = staff_client()
    url = reverse("admin:moderation_user", args=[user.id])
    assert 'id="user-action"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "suspend", "reason": "x"}).status_code == 403
    assert login_status(api_client, user) == 200


def test_an_account_being_deleted_is_neither_suspended_nor_reinstated(make_user, auth_client):
    user = make_user(username="leaving")
    deletion = {"password": "S3cure-pass!"}
    response = auth_client(user).post("/api/v1/users/me/deletion", deletion, format="json")
    assert response.status_code == 202
    client = staff_client(role="superuser")
    url = reverse("admin:moderation_user", args=[user.id])
    page = client.get(url).content.decode()
    assert "being deleted" in page and 'id="user-action"' not in page
    figures = {row["key"]: row["value"] for row in client.get(HOME).context["figures"]}
    assert figures["suspended"] == 0
    answer = client.post(url, {"action": "reinstate", "reason": "appeal"}, follow=True)
    assert "this account is being deleted." in answer.content.decode().lower()
    assert User.objects.get(id=user.id).is_active is False


def test_console_forms_need_the_csrf_token(make_user, api_client):
    user = make_user()
    client = staff_client(role="superuser", csrf=True)
    url = reverse("admin:moderation_user", args=[user.id])
    assert client.post(url, {"action": "suspend", "reason": "x"}).status_code == 403
    assert login_status(api_client, user) == 200


def test_unknown_or_malformed_ids_are_404():
    client = staff_client()
    assert client.get(reverse("admin:moderation_user", args=["nope"])).status_code == 404
    assert client.get(reverse("admin:moderation_item", args=["0" * 24])).status_code == 404


def test_items_are_filtered_by_status_and_searched(make_user):
    owner = make_user()
    ready_video(owner, title="Cooking pasta")
    ready_video(owner, title="Broken upload", status="failed")
    ready_video(owner, title="Private cooking", visibility="private")
    client = staff_client()
    titles = lambda **query: sorted(  # noqa: E731
        item.title
        for item, _ in client.get(reverse("admin:moderation_items"), query).context["rows"]
    )
    assert titles(q="cooking") == ["Cooking pasta", "Private cooking"]
    assert titles(status="failed") == ["Broken upload"]
    assert len(titles()) == 3


def test_a_moderator_unpublishes_an_item(make_user, api_client):
    video = ready_video(make_user())
    url = reverse("admin:moderation_item", args=[video.id])
    client = staff_client()
    refused = client.post(url, {"action": "unpublish", "reason": ""})
    assert refused.context["form"].errors["reason"]
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 200

    answer = client.post(url, {"action": "unpublish", "reason": "misleading"}, follow=True)
    assert "unpublished" in answer.content.decode()
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 404
    assert Video.objects(id=video.id).first().published is False


def test_a_moderator_takes_an_item_down(make_user, api_client):
    video = ready_video(make_user())
    client = staff_client()
    answer = client.post(
        reverse("admin:moderation_item", args=[video.id]),
        {"action": "take_down", "reason": "copyright"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("admin:moderation_items")
    assert api_client.get(f"/api/v1/videos/{video.id}").status_code == 404
    assert Video.objects(id=video.id).count() == 0


def test_reprocessing_an_item_without_a_stored_source_says_why(make_user):
    video = ready_video(make_user(), status="failed")
    url = reverse("admin:moderation_item", args=[video.id])
    answer = staff_client().post(url, {"action": "reprocess"}, follow=True)
    assert "upload again" in answer.content.decode()
    assert Video.objects(id=video.id).first().status == "failed"


def test_console_lists_cost_the_same_reads_for_short_and_long_pages(make_user, mongo_reads):
    client = staff_client()
    owners = [make_user() for _ in range(5)]
    for index in range(2):
        ready_video(owners[index], title="short")
    for index in range(30):
        ready_video(owners[index % 5], title="long")
    reads = []
    for title in ("short", "long"):
        mongo_reads["n"] = 0
        page = client.get(reverse("admin:moderation_items"), {"q": title})
        assert len(page.context["rows"]) == (2 if title == "short" else 25)
        reads.append(mongo_reads["n"])
    assert reads[0] == reads[1]


def test_pages_follow_each_other_without_gaps(make_user):
    owner = make_user()
    made = {str(ready_video(owner, title=f"item {n}").id) for n in range(30)}
    client = staff_client()
    first = client.get(reverse("admin:moderation_items")).context["page"]
    second = client.get(f"{reverse('admin:moderation_items')}?{first.next_query}").context["page"]
    seen = [str(item.id) for item in first.items + second.items]
    assert len(seen) == 30 and set(seen) == made
    assert second.next_query is None


def test_a_forged_cursor_returns_to_the_first_page_with_its_filters_and_a_warning(make_user):
    owner = make_user()
    made = {str(ready_video(owner, title=f"item {n}").id) for n in range(3)}
    client, url = staff_client(), reverse("admin:moderation_items")
    for forged in ("garbage", token('{"i": "0001-01-01T00:00:00+14:00"}'), token('{"o": -1}')):
        answer = client.get(url, {"status": "ready", "cursor": forged})
        assert answer.status_code == 302 and answer["Location"] == f"{url}?status=ready"
        first = client.get(answer["Location"])
        assert "That page link is not valid; here is the first page." in first.content.decode()
        assert {str(item.id) for item in first.context["page"].items} == made


@pytest.mark.slow
def test_a_failed_item_with_a_stored_source_is_processed_again(make_user, auth_client, tmp_path):
    owner = auth_client()
    created = upload(owner, make_clip(tmp_path), title="Clip")
    assert created.status_code == 202
    video_id = created.json()["id"]
    Video.objects(id=video_id).update_one(set__status="failed", set__failure_reason="stalled")
    assert owner.get(f"/api/v1/videos/{video_id}").json()["status"] == "failed"

    answer = staff_client().post(
        reverse("admin:moderation_item", args=[video_id]), {"action": "reprocess"}, follow=True
    )
    assert "queued for processing again" in answer.content.decode()
    body = owner.get(f"/api/v1/videos/{video_id}").json()
    assert body["status"] == "ready"
    assert Video.objects(id=video_id).first().version == 2
