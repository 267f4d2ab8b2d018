"""Forgetting one item of the watch history."""

from videos.documents import WatchEntry
from videos.tests.helpers import VIDEOS, ready_video

HISTORY = "/api/v1/users/me/history"


def test_one_entry_can_be_forgotten_and_only_the_callers(auth_client, make_user):
    owner = make_user()
    kept, forgotten = ready_video(owner, title="kept"), ready_video(owner, title="forgotten")
    client, other = auth_client(), auth_client()
    for viewer in (client, other):
        viewer.post(f"{VIDEOS}/{kept.id}/views")
        viewer.post(f"{VIDEOS}/{forgotten.id}/views")
    assert client.delete(f"{HISTORY}/{forgotten.id}").status_code == 204
    assert [e["video"]["title"] for e in client.get(HISTORY).json()["results"]] == ["kept"]
    assert WatchEntry.objects(user_id=other.user.id).count() == 2
    assert client.delete(f"{HISTORY}/{forgotten.id}").status_code == 204
    assert client.delete(f"{HISTORY}/{'0' * 24}").status_code == 204
    response = client.delete(f"{HISTORY}/not-an-id")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert WatchEntry.objects.count() == 3


def test_forgetting_needs_sign_in(api_client, auth_client, make_user):
    video = ready_video(make_user())
    client = auth_client()
    client.post(f"{VIDEOS}/{video.id}/views")
    response = api_client.delete(f"{HISTORY}/{video.id}")
    assert response.status_code == 401
    assert WatchEntry.objects.count() == 1
