"""Item detail is cached: every write is visible on the next read, per-viewer fields never leak,
and a cached read does not read the item from Mongo."""

import mongoengine
import pytest
from django.test import override_settings

from accounts import services as account_services
from accounts.tests.helpers import image_upload
from common.counters import registered_counters
from common.redis import get_redis
from engagement.comment_counts import flush_comment_counters
from engagement.likes import flush_like_counters
from videos import counters
from videos.documents import Video
from videos.tests.helpers import VIDEOS, play, ready_video, upload

pytestmark = pytest.mark.redis


def detail(client, video) -> dict:
    response = client.get(f"{VIDEOS}/{video.id if isinstance(video, Video) else video}")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def collection_reads(monkeypatch):
    """Names of the collections read (find, aggregate) while a test runs."""
    collection_class = type(mongoengine.get_db()["probe"])
    names: list[str] = []
    for method in ("find", "find_one", "aggregate", "count_documents"):
        original = getattr(collection_class, method)

        def counted(self, *args, _original=original, **kwargs):
            names.append(self.name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(collection_class, method, counted)
    return names


def test_a_cached_read_does_not_read_the_item_and_shows_the_same(
    api_client, auth_client, make_user, collection_reads
):
    video = ready_video(make_user(), title="Hot")
    collection_reads.clear()
    first = detail(api_client, video)
    assert "videos" in collection_reads
    collection_reads.clear()
    assert detail(api_client, video) == first
    assert collection_reads == []  # anonymous and cached: no Mongo at all
    viewer = auth_client()
    detail(viewer, video)
    collection_reads.clear()
    assert detail(viewer, video) == first
    # Only the viewer's session and user (authentication) and their likes are read.
    assert "videos" not in collection_reads and collection_reads.count("users") <= 1


def test_a_cached_read_is_one_redis_round_trip(api_client, make_user, redis_calls):
    """The entry, its stamps (which only the entry names: the owner's among them) and the
    item's figures come in one pipeline once this process has read the entry before."""
    video = ready_video(make_user(), title="Hot")
    first = detail(api_client, video)
    detail(api_client, video)
    redis_calls["n"] = 0
    assert detail(api_client, video) == first
    assert redis_calls["n"] == 1


def test_with_the_cache_off_every_read_reads_the_item(api_client, make_user, collection_reads):
    video = ready_video(make_user())
    with override_settings(HOT_READ_CACHE_SECONDS=0):
        detail(api_client, video)
        collection_reads.clear()
        detail(api_client, video)
    assert "videos" in collection_reads


def test_edits_visibility_and_delete_are_visible_on_the_next_read(auth_client, api_client):
    owner = auth_client()
    video = ready_video(owner.user, title="Before")
    url = f"{VIDEOS}/{video.id}"
    assert detail(api_client, video)["title"] == "Before"
    assert owner.patch(url, {"title": "After", "tags": ["x"]}, format="json").status_code == 200
    body = detail(api_client, video)
    assert (body["title"], body["tags"]) == ("After", ["x"])
    assert owner.patch(url, {"visibility": "private"}, format="json").status_code == 200
    assert api_client.get(url).status_code == 404
    private = detail(owner, video)
    assert private["visibility"] == "private" and "sig=" in private["stream_url"]
    assert owner.patch(url, {"visibility": "public"}, format="json").status_code == 200
    assert "sig=" not in detail(api_client, video)["stream_url"]
    assert owner.delete(url).status_code == 204
    assert api_client.get(url).status_code == 404


def test_a_thumbnail_is_visible_on_the_next_read(auth_client, api_client):
    owner = auth_client()
    video = ready_video(owner.user)
    assert detail(api_client, video)["thumbnail_url"] is None
    response = owner.put(
        f"{VIDEOS}/{video.id}/thumbnail", {"thumbnail": image_upload("t.png")}, format="multipart"
    )
    assert response.status_code == 200
    assert detail(api_client, video)["thumbnail_url"].endswith(".png")


@pytest.mark.slow
def test_file_replacement_and_processing_are_visible_on_the_next_read(
    auth_client, api_client, clip, media_dir
):
    from videos.samples import make_clip

    owner = auth_client()
    video_id = upload(owner, clip).json()["id"]
    before = detail(api_client, video_id)
    assert before["status"] == "ready"
    bigger = make_clip(media_dir, name="cache-bigger.mov", size="640x360", seconds=1)
    with open(bigger, "rb") as handle:
        response = owner.put(f"{VIDEOS}/{video_id}/file", {"file": handle}, format="multipart")
    assert response.status_code == 202
    after = detail(api_client, video_id)
    assert after["height"] == 360 and after["height"] != before["height"]


def test_suspension_and_profile_edits_are_visible_on_the_next_read(auth_client, api_client):
    owner = auth_client()
    video = ready_video(owner.user)
    assert detail(api_client, video)["owner"]["full_name"] == owner.user.full_name
    response = owner.patch("/api/v1/users/me", {"full_name": "Renamed"}, format="json")
    assert response.status_code == 200
    assert detail(api_client, video)["owner"]["full_name"] == "Renamed"
    owner.put("/api/v1/users/me/avatar", {"avatar": image_upload()}, format="multipart")
    assert detail(api_client, video)["owner"]["avatar_url"].endswith(".png")
    user = owner.user.__class__.objects.get(id=owner.user.id)
    account_services.set_user_active(user=user, active=False)
    assert api_client.get(f"{VIDEOS}/{video.id}").status_code == 404
    account_services.set_user_active(user=user, active=True)
    assert detail(api_client, video)["owner"]["full_name"] == "Renamed"


def test_likes_and_views_are_visible_and_is_liked_is_per_viewer(auth_client, api_client):
    video = ready_video(auth_client().user)
    liker, other = auth_client(), auth_client()
    for client in (api_client, liker, other):
        assert detail(client, video)["is_liked"] is False
    assert liker.put(f"{VIDEOS}/{video.id}/like").status_code in (200, 201, 204)
    assert detail(liker, video)["is_liked"] is True
    assert detail(other, video)["is_liked"] is False
    assert detail(api_client, video)["is_liked"] is False
    assert detail(api_client, video)["likes"] == 1
    assert play(api_client, video).json()["counted"] is True
    assert detail(other, video)["views"] == 1
    assert liker.delete(f"{VIDEOS}/{video.id}/like").status_code in (200, 204)
    assert detail(liker, video)["is_liked"] is False
    assert detail(api_client, video)["likes"] == 0


def test_figures_stay_right_after_flushes_once_the_batches_are_gone(auth_client, api_client):
    video = ready_video(auth_client().user)
    liker = auth_client()
    liker.put(f"{VIDEOS}/{video.id}/like")
    play(api_client, video)
    comment = liker.post(f"{VIDEOS}/{video.id}/comments", {"content": "Nice"}, format="json")
    assert comment.status_code == 201
    before = detail(api_client, video)
    assert (before["likes"], before["views"], before["comments_count"]) == (1, 1, 1)
    assert detail(api_client, video) == before  # from the cache, figures read live
    counters.flush_views()
    flush_like_counters()
    flush_comment_counters()
    during = detail(api_client, video)
    assert (during["likes"], during["views"], during["comments_count"]) == (1, 1, 1)
    # The flushed batches stay readable for a grace period; drop them as if it had passed.
    redis = get_redis()
    for counter in registered_counters():
        redis.delete(counter.done_key, counter.inflight_key)
    after = detail(api_client, video)
    assert (after["likes"], after["views"], after["comments_count"]) == (1, 1, 1)
