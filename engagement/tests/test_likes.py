"""Likes on items and tweets: idempotent, shown with the caller's is_liked, and the liked list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement import likes
from engagement.documents import Like
from engagement.tests.helpers import LIKED_VIDEOS, TWEETS, like, tweet, unlike
from videos.documents import Video, VideoDailyStats
from videos.tests.helpers import VIDEOS, ready_video


@pytest.fixture(params=["video", "tweet"])
def target(request, make_user):
    owner = make_user()
    return ready_video(owner) if request.param == "video" else tweet(owner)


def payload(client, target):
    kind = "videos" if isinstance(target, Video) else "tweets"
    return client.get(f"/api/v1/{kind}/{target.id}").json()


def test_like_and_unlike_are_idempotent(auth_client, api_client, target):
    fan = auth_client()
    assert like(fan, target).json() == {"liked": True, "likes": 1, "likes_count": 1}
    assert like(fan, target).json() == {"liked": True, "likes": 1, "likes_count": 1}
    assert Like.objects(target_id=target.id).count() == 1
    assert like(auth_client(), target).json() == {"liked": True, "likes": 2, "likes_count": 2}
    assert (payload(fan, target)["likes"], payload(fan, target)["is_liked"]) == (2, True)
    assert payload(api_client, target)["is_liked"] is False
    assert payload(auth_client(), target)["is_liked"] is False

    assert unlike(fan, target).json() == {"liked": False, "likes": 1, "likes_count": 1}
    assert unlike(fan, target).json() == {"liked": False, "likes": 1, "likes_count": 1}
    assert payload(fan, target)["is_liked"] is False
    assert Like.objects(target_id=target.id).count() == 1


def test_liking_needs_sign_in_and_a_visible_target(api_client, auth_client, make_user):
    owner = make_user()
    hidden = [
        ready_video(owner, visibility="private"),
        ready_video(owner, published=False),
        ready_video(owner, status="processing"),
    ]
    fan = auth_client()
    for video in hidden:
        assert like(fan, video).status_code == 404
        assert unlike(fan, video).status_code == 404
    assert fan.put(f"{VIDEOS}/not-an-id/like").status_code == 404
    assert fan.put(f"{TWEETS}/{'a' * 24}/like").status_code == 404
    assert like(api_client, ready_video(owner)).status_code == 401
    assert like(auth_client(owner), hidden[0]).json() == {
        "liked": True,
        "likes": 1,
        "likes_count": 1,
    }
    assert Like.objects.count() == 1


def test_unlisted_items_can_be_liked_by_link(auth_client, make_user):
    video = ready_video(make_user(), visibility="unlisted")
    assert like(auth_client(), video).status_code == 200


def test_item_lists_say_which_items_i_like_in_one_query(auth_client, make_user, reads_per_page):
    owner = make_user()
    videos = [ready_video(owner, title=f"item {n}") for n in range(25)]
    me = auth_client()
    for video in videos[::2]:
        like(me, video)
    items = me.get(VIDEOS, {"limit": 25}).json()["results"]
    assert {item["id"] for item in items if item["is_liked"]} == {str(v.id) for v in videos[::2]}
    assert {item["likes"] for item in items} == {0, 1}
    # Auth 2, the page, its owners, the caller's likes among them.
    assert reads_per_page(me, VIDEOS) <= 5


def test_liked_videos_newest_like_first_without_items_i_can_no_longer_watch(
    auth_client, make_user, reads_per_page
):
    owner = make_user()
    first, second, third = (ready_video(owner, title=t) for t in ("first", "second", "third"))
    me = auth_client()
    for video in (second, first, third):
        like(me, video)
    tweet_post = tweet(owner)
    like(me, tweet_post)
    Video.objects(id=third.id).update_one(set__visibility="private")

    response = me.get(LIKED_VIDEOS)
    assert response.status_code == 200
    entries = response.json()["results"]
    assert [entry["video"]["title"] for entry in entries] == ["first", "second"]
    assert all(entry["video"]["is_liked"] for entry in entries)
    assert {"video", "liked_at"} == set(entries[0])
    assert auth_client().get(LIKED_VIDEOS).json()["results"] == []

    for n in range(25):
        like(me, ready_video(owner, title=f"more {n}"))
    # Auth 2, the page of likes, their items, owners, the caller's likes among them.
    assert reads_per_page(me, LIKED_VIDEOS) <= 6


def test_liked_videos_need_sign_in(api_client):
    assert api_client.get(LIKED_VIDEOS).status_code == 401


def test_deleting_an_item_removes_its_likes(auth_client, make_user):
    owner = auth_client()
    video = ready_video(owner.user)
    fan = auth_client()
    like(fan, video)
    like(auth_client(), video)
    assert owner.delete(f"{VIDEOS}/{video.id}").status_code == 204
    assert Like.objects(target_id=video.id).count() == 0
    assert fan.get(LIKED_VIDEOS).json()["results"] == []


def test_video_likes_fold_into_the_daily_figures_once(api_client, auth_client, make_user):
    video = ready_video(make_user(), likes=10)
    fans = [auth_client() for _ in range(3)]
    for fan in fans:
        like(fan, video)
    unlike(fans[0], video)
    assert api_client.get(f"{VIDEOS}/{video.id}").json()["likes"] == 12
    assert likes.flush_like_counters() == 2
    assert likes.flush_like_counters() == 0
    assert Video.objects.get(id=video.id).likes == 12
    today = timezone.now().date().isoformat()
    assert VideoDailyStats.objects.get(video_id=video.id, day=today).likes == 2
    assert api_client.get(f"{VIDEOS}/{video.id}").json()["likes"] == 12


def test_liked_videos_page_through_likes_made_at_the_same_time(auth_client, make_user):
    owner = make_user()
    me = auth_client()
    videos = [ready_video(owner, title=f"v{n}") for n in range(5)]
    moment = timezone.now() - timedelta(minutes=1)
    for video in videos:
        Like(user_id=me.user.id, target_type="video", target_id=video.id, created_at=moment).save()
    seen, url = [], LIKED_VIDEOS + "?limit=2"
    while url:
        page = me.get(url).json()
        seen += [entry["video"]["title"] for entry in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(v.title for v in videos) and len(seen) == 5
