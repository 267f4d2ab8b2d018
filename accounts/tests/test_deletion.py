"""Deleting an account through the API: it disappears at once, can be cancelled while the grace
period lasts, and is purged once it has passed; its username and e-mail are free only then."""

from datetime import datetime, timedelta

from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.documents import User
from accounts.tasks import purge_due_accounts
from channels_app.tests.helpers import subscribe
from common.tests.helpers import store_snapshot
from engagement.tests.helpers import TWEETS, tweet
from videos.tests.helpers import VIDEOS, ready_video

DELETION = "/api/v1/users/me/deletion"
PASSWORD = "S3cure-pass!"


def _login(client, username: str):
    return client.post(
        "/api/v1/auth/login", {"login": username, "password": PASSWORD}, format="json"
    )


def _signed_in(api_client, username: str):
    response = _login(api_client, username)
    assert response.status_code == 200, response.content
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    return api_client


def _register(client, username: str, email: str):
    body = {"username": username, "email": email, "full_name": "Again", "password": PASSWORD}
    return client.post("/api/v1/auth/register", body, format="json")


def test_a_wrong_password_is_a_400_and_changes_nothing(auth_client, make_user):
    client = auth_client(make_user(username="keeper"))
    before = store_snapshot()
    response = client.post(DELETION, {"password": "not-it-at-all"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"password": ["The password is wrong."]}
    assert store_snapshot() == before
    assert client.get("/api/v1/users/me").status_code == 200


def test_deletion_needs_a_password_and_a_signed_in_caller(api_client, auth_client):
    assert api_client.post(DELETION, {"password": PASSWORD}, format="json").status_code == 401
    assert api_client.delete(DELETION).status_code == 401
    response = auth_client().post(DELETION, {}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


def test_the_account_disappears_at_once_and_comes_back_when_cancelled(
    auth_client, api_client, make_user
):
    leaving = make_user(username="leaving")
    fan = auth_client(make_user(username="fan"))
    video = ready_video(leaving, title="Mine")
    post = tweet(leaving, "Still here")
    assert subscribe(fan, leaving).status_code == 201
    client, other_device = auth_client(leaving), auth_client(leaving)

    response = client.post(DELETION, {"password": PASSWORD}, format="json")
    assert response.status_code == 202
    due = timezone.now() + timedelta(days=14)
    assert abs(datetime.fromisoformat(response.json()["due_at"]) - due) < timedelta(minutes=1)
    for device in (client, other_device):
        assert device.get("/api/v1/users/me").status_code == 401
    for url in (
        f"{VIDEOS}/{video.id}",
        f"{TWEETS}/{post.id}",
        "/api/v1/channels/leaving",
        "/api/v1/channels/leaving/videos",
    ):
        assert fan.get(url).status_code == 404, url
    assert fan.get(VIDEOS).json()["results"] == []
    assert fan.get("/api/v1/users/me/subscriptions").json()["results"] == []
    assert _register(api_client, "leaving", "other@example.com").status_code == 409
    assert _register(api_client, "someone", "leaving@example.com").status_code == 409

    again = _signed_in(api_client, "leaving")
    assert again.get("/api/v1/users/me").status_code == 401  # only the deletion routes
    asked_again = again.post(DELETION, {"password": PASSWORD}, format="json")
    assert asked_again.status_code == 202
    assert asked_again.json()["due_at"] == response.json()["due_at"]
    assert again.delete(DELETION).status_code == 204
    assert again.get("/api/v1/users/me").status_code == 200
    assert fan.get(f"{VIDEOS}/{video.id}").status_code == 200
    assert fan.get("/api/v1/channels/leaving").json()["subscribers_count"] == 1
    assert again.delete(DELETION).status_code == 204  # nothing waits: nothing changes


def test_after_the_grace_period_the_account_is_purged_and_its_names_are_free(
    auth_client, api_client, make_user
):
    leaving = make_user(username="leaving")
    ready_video(leaving)
    client = auth_client(leaving)
    assert client.post(DELETION, {"password": PASSWORD}, format="json").status_code == 202
    assert purge_due_accounts.delay().get() == 0  # still within the grace period
    User.objects(id=leaving.id).update_one(set__deletion_due_at=timezone.now())

    response = _login(api_client, "leaving")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_deleted"
    assert purge_due_accounts.delay().get() == 1
    assert User.objects(id=leaving.id).first() is None
    assert _register(api_client, "leaving", "leaving@example.com").status_code == 202


def test_staff_cannot_suspend_or_reinstate_an_account_being_deleted(auth_client, make_user):
    leaving = make_user(username="leaving")
    assert (
        auth_client(leaving).post(DELETION, {"password": PASSWORD}, format="json").status_code
        == 202
    )
    for flags in ((), ("--reinstate",)):
        try:
            call_command("suspend_user", "leaving", *flags)
        except CommandError as exc:
            assert "being deleted" in str(exc)
        else:
            raise AssertionError("the command changed an account being deleted")
    assert User.objects.get(id=leaving.id).is_active is False


def test_a_suspended_account_cannot_sign_in_to_delete_itself(api_client, make_user):
    make_user(username="banned")
    call_command("suspend_user", "banned")
    response = _login(api_client, "banned")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_suspended"
