"""Who sees which items, listing filters, sorting and cursor pagination, through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from videos.documents import Video
from videos.tests.helpers import VIDEOS, play, ready_video


def ids(response) -> list[str]:
    return [item["id"] for item in response.json()["results"]]


def test_only_public_published_ready_items_of_active_owners_are_listed(api_client, make_user):
    owner = make_user()
    suspended = make_user(is_active=False)
    shown = ready_video(owner, title="shown")
    ready_video(owner, title="private", visibility="private")
    ready_video(owner, title="unlisted", visibility="unlisted")
    ready_video(owner, title="unpublished", published=False)
    ready_video(owner, title="processing", status="processing")
    ready_video(owner, title="failed", status="failed")
    ready_video(suspended, title="suspended owner")
    response = api_client.get(VIDEOS)
    assert response.status_code == 200
    assert ids(response) == [str(shown.id)]
    item = response.json()["results"][0]
    assert item["owner"]["username"] == owner.username
    assert "email" not in item["owner"]


@pytest.mark.parametrize("title", ["private", "unpublished", "processing", "suspended owner"])
def test_hidden_items_are_404_to_others_and_visible_to_their_owner(auth_client, make_user, title):
    owner = make_user(is_active=title != "suspended owner")
    fields = {
        "private": {"visibility": "private"},
        "unpublished": {"published": False},
        "processing": {"status": "processing"},
        "suspended owner": {},
    }[title]
    video = ready_video(owner, title=title, **fields)
    stranger = auth_client()
    assert stranger.get(f"{VIDEOS}/{video.id}").status_code == 404
    assert stranger.patch(f"{VIDEOS}/{video.id}", {"title": "x"}, format="json").status_code == 404
    if owner.is_active:
        assert auth_client(owner).get(f"{VIDEOS}/{video.id}").status_code == 200


def test_unlisted_items_open_by_id_but_stay_out_of_lists(api_client, make_user):
    video = ready_video(make_user(), visibility="unlisted")
    assert api_client.get(f"{VIDEOS}/{video.id}").status_code == 200
    assert ids(api_client.get(VIDEOS)) == []


def test_malformed_and_unknown_ids_are_404(api_client):
    assert api_client.get(f"{VIDEOS}/not-an-id").status_code == 404
    assert api_client.get(f"{VIDEOS}/{'a' * 24}").status_code == 404


def test_filters_by_query_kind_tag_and_channel(api_client, make_user):
    ada, bob = make_user(username="ada"), make_user(username="bob")
    guitar = ready_video(ada, title="Guitar lesson", tags=["music", "strings"])
    drums = ready_video(bob, title="Drum solo", kind="audio", tags=["music"])
    cooking = ready_video(bob, title="Cooking pasta", description="An easy guitar-free dinner")
    assert ids(api_client.get(VIDEOS, {"q": "guitar"})) == [str(cooking.id), str(guitar.id)]
    assert ids(api_client.get(VIDEOS, {"q": "gui less"})) == [str(guitar.id)]
    assert ids(api_client.get(VIDEOS, {"kind": "audio"})) == [str(drums.id)]
    assert set(ids(api_client.get(VIDEOS, {"tag": "MUSIC"}))) == {str(guitar.id), str(drums.id)}
    assert ids(api_client.get(VIDEOS, {"channel": "ADA"})) == [str(guitar.id)]
    assert ids(api_client.get(VIDEOS, {"channel": "nobody"})) == []


def test_bad_list_parameters_are_400(api_client):
    assert api_client.get(VIDEOS, {"sort": "random"}).status_code == 400
    assert api_client.get(VIDEOS, {"kind": "podcast"}).status_code == 400
    assert api_client.get(VIDEOS, {"cursor": "garbage"}).status_code == 404
    assert api_client.get(VIDEOS, {"limit": "0"}).status_code == 400


def test_sort_by_newest_and_by_views(api_client, make_user):
    owner = make_user()
    now = timezone.now()
    old = ready_video(owner, title="old", views=50, published_at=now - timedelta(days=2))
    new = ready_video(owner, title="new", views=5, published_at=now)
    assert ids(api_client.get(VIDEOS)) == [str(new.id), str(old.id)]
    assert ids(api_client.get(VIDEOS, {"sort": "views"})) == [str(old.id), str(new.id)]


def test_cursor_pages_walk_forward_and_back_without_gaps(api_client, make_user):
    owner = make_user()
    now = timezone.now()
    made = [
        ready_video(owner, title=f"item {i}", published_at=now - timedelta(minutes=i // 2))
        for i in range(7)
    ]
    expected = [str(v.id) for v in sorted(made, key=lambda v: (v.published_at, v.id), reverse=True)]
    first = api_client.get(VIDEOS, {"limit": 3}).json()
    assert first["previous"] is None
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    walked = [item["id"] for page in (first, second, third) for item in page["results"]]
    assert walked == expected
    assert third["next"] is None
    back = api_client.get(second["previous"]).json()
    assert [item["id"] for item in back["results"]] == expected[:3]
    assert back["previous"] is None


def test_a_page_costs_the_same_reads_however_long(api_client, make_user, reads_per_page):
    for index in range(30):
        ready_video(make_user(), title=f"item {index}")
    assert reads_per_page(api_client, VIDEOS) <= 3


def test_list_shows_unflushed_views(api_client, make_user):
    video = ready_video(make_user(), views=10)
    for address in ("10.0.0.1", "10.0.0.2"):
        play(api_client, video, REMOTE_ADDR=address)
    assert api_client.get(VIDEOS).json()["results"][0]["views"] == 12
    assert Video.objects.get(id=video.id).views == 10
