"""Suspending an account ends its sessions and hides its content; reinstating restores it."""

from django.core.management import call_command

from videos.tests.helpers import VIDEOS, ready_video


def test_suspend_and_reinstate_through_the_command(api_client, auth_client, make_user):
    owner = make_user(username="creator")
    video = ready_video(owner)
    client = auth_client(owner)
    call_command("suspend_user", "creator")
    assert client.get("/api/v1/users/me").status_code == 401
    assert api_client.get(f"{VIDEOS}/{video.id}").status_code == 404
    assert api_client.get(VIDEOS).json()["results"] == []
    call_command("suspend_user", "creator", "--reinstate")
    assert api_client.get(f"{VIDEOS}/{video.id}").status_code == 200
    assert [item["id"] for item in api_client.get(VIDEOS).json()["results"]] == [str(video.id)]
    login = api_client.post(
        "/api/v1/auth/login", {"login": "creator", "password": "S3cure-pass!"}, format="json"
    )
    assert login.status_code == 200
