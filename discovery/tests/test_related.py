"""Up next through the API: what viewers also finished and liked (kept by the flushes), then
shared tags, then the channel; only what the viewer may see; a constant number of reads."""

import pytest

from accounts.documents import User
from accounts.services import set_user_active
from discovery.related import MAX_RESULTS
from discovery.tests.helpers import (
    finish,
    flush_likes,
    flush_views,
    like_all,
    reasons,
    related_url,
)
from engagement.tests.helpers import unlike
from videos.tests.helpers import VIDEOS, path_of, play, ready_video

pytestmark = pytest.mark.redis


@pytest.fixture
def shelf(make_user):
    """An item with tags, and one candidate for each reason, each on its own channel but one."""
    owner = make_user(username="owner")
    item = ready_video(owner, title="item", tags=["jazz", "piano", "live"])
    return {
        "owner": owner,
        "item": item,
        "watched": ready_video(make_user(), title="watched"),
        "liked": ready_video(make_user(), title="liked"),
        "two_tags": ready_video(make_user(), title="two tags", tags=["jazz", "piano"]),
        "one_tag": ready_video(make_user(), title="one tag", tags=["live", "rock"]),
        "sibling": ready_video(owner, title="sibling"),
        "stranger": ready_video(make_user(), title="stranger"),
    }


def test_up_next_ranks_co_watch_then_co_like_then_tags_then_channel(shelf, auth_client, api_client):
    for _ in range(2):
        viewer = auth_client()
        finish(viewer, shelf["item"], shelf["watched"])
        like_all(viewer, shelf["item"], shelf["liked"])
    flush_views()
    flush_likes()
    assert reasons(api_client, shelf["item"]) == [
        ("watched", "co_watch", 2.0),
        ("liked", "co_like", 2.0),
        ("two tags", "tags", 2.0),
        ("one tag", "tags", 1.0),
        ("sibling", "channel", 1.0),
    ]
    # Pairs go both ways.
    assert reasons(api_client, shelf["watched"])[0] == ("item", "co_watch", 2.0)
    assert reasons(api_client, shelf["liked"])[0] == ("item", "co_like", 2.0)


def test_nothing_pairs_before_the_flushes_and_one_viewer_alone_never_shows(
    shelf, auth_client, api_client
):
    first = auth_client()
    finish(first, shelf["item"], shelf["stranger"])
    like_all(first, shelf["item"], shelf["stranger"])
    assert ("stranger", "co_watch", 2.0) not in reasons(api_client, shelf["item"])
    flush_views()
    flush_likes()
    # One viewer's pair would tell what that viewer watched: it shows from the second on.
    assert "stranger" not in [title for title, *_ in reasons(api_client, shelf["item"])]
    finish(auth_client(), shelf["item"], shelf["stranger"])
    flush_views()
    assert reasons(api_client, shelf["item"])[0] == ("stranger", "co_watch", 2.0)


def test_a_view_that_stops_early_or_skips_to_the_end_is_no_finish(
    shelf, auth_client, api_client, make_user
):
    long = ready_video(make_user(), title="long", duration=100.0)
    for _ in range(2):
        viewer = auth_client()
        finish(viewer, shelf["item"])
        play(viewer, shelf["watched"], seconds=10, position=5)  # stopped half way
        skipper = auth_client()
        finish(skipper, shelf["item"])
        play(skipper, long, seconds=12, position=100)  # a counted view, then the credits
    flush_views()
    assert [reason for _, reason, _ in reasons(api_client, shelf["item"])] == [
        "tags",
        "tags",
        "channel",
    ]


def test_a_withdrawn_like_pairs_nothing_and_toggling_adds_once(shelf, auth_client, api_client):
    fans = [auth_client() for _ in range(3)]
    for fan in fans[:2]:
        like_all(fan, shelf["item"], shelf["liked"])
    unlike(fans[1], shelf["liked"])  # withdrawn before the flush
    like_all(fans[2], shelf["item"], shelf["liked"])
    flush_likes()
    assert ("liked", "co_like", 2.0) in reasons(api_client, shelf["item"])
    for _ in range(3):  # toggling adds nothing: each fan counts once per pair
        unlike(fans[0], shelf["liked"])
        flush_likes()
        like_all(fans[0], shelf["liked"])
        flush_likes()
    assert ("liked", "co_like", 2.0) in reasons(api_client, shelf["item"])


def test_the_owners_own_likes_pair_nothing(shelf, auth_client, api_client):
    owner = auth_client(shelf["owner"])
    like_all(owner, shelf["item"], shelf["sibling"])
    like_all(auth_client(), shelf["item"], shelf["sibling"])
    flush_likes()
    assert ("sibling", "channel", 1.0) in reasons(api_client, shelf["item"])


def test_only_what_the_viewer_may_see(shelf, auth_client, api_client):
    for _ in range(2):
        viewer = auth_client()
        finish(viewer, shelf["item"], shelf["watched"], shelf["stranger"], shelf["sibling"])
    flush_views()
    # An item made private, an owner suspended, a channel the reader blocked: none of them show.
    watched_owner = auth_client(_owner(shelf["watched"]))
    private = {"visibility": "private"}
    made_private = watched_owner.patch(f"{VIDEOS}/{shelf['watched'].id}", private, format="json")
    assert made_private.status_code == 200
    set_user_active(user=_owner(shelf["stranger"]), active=False)
    reader = auth_client()
    assert block(reader, _owner(shelf["two_tags"])) < 300
    assert [title for title, *_ in reasons(reader, shelf["item"])] == ["sibling", "one tag"]
    assert "two tags" in [title for title, *_ in reasons(api_client, shelf["item"])]
    # Blocking the item's own channel leaves its siblings out too.
    assert block(reader, shelf["owner"]) < 300
    assert [title for title, *_ in reasons(reader, shelf["item"])] == ["one tag"]


def block(client, user) -> int:
    return client.put(f"/api/v1/users/me/blocks/{user.username}").status_code


def _owner(video) -> User:
    return User.objects.get(id=video.owner_id)


def test_an_item_the_caller_cannot_see_is_a_404(shelf, auth_client, api_client):
    owner = auth_client(shelf["owner"])
    hidden = ready_video(shelf["owner"], title="hidden", visibility="private", tags=["jazz"])
    for client in (api_client, auth_client()):
        for url in (related_url(hidden), f"{VIDEOS}/{'0' * 24}/related", f"{VIDEOS}/nope/related"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response.json()["error"]["code"] == "not_found"
    # Its owner may: the list holds what anyone may see, never the item itself.
    titles = [title for title, *_ in reasons(owner, hidden)]
    assert titles[:2] == ["two tags", "item"] and "hidden" not in titles


def test_pages_walk_the_whole_list_and_it_ends(make_user, api_client):
    owner = make_user()
    item = ready_video(owner, title="item")
    siblings = [ready_video(owner, title=f"sibling {n}") for n in range(MAX_RESULTS + 5)]
    url, seen = related_url(item) + "?limit=40", []
    while url:
        page = api_client.get(url).json()
        seen += [entry["id"] for entry in page["results"]]
        url = path_of(page["next"]) if page["next"] else None
    assert len(seen) == MAX_RESULTS == len(set(seen))
    assert str(item.id) not in seen
    assert set(seen) <= {str(sibling.id) for sibling in siblings}


def test_a_page_costs_the_same_reads_however_long(make_user, auth_client, reads_per_page):
    owner = make_user()
    item = ready_video(owner, title="item", tags=["jazz"])
    others = [ready_video(make_user(), title=f"other {n}", tags=["jazz"]) for n in range(15)]
    for n in range(15):
        ready_video(owner, title=f"sibling {n}")
    for _ in range(2):
        viewer = auth_client()
        finish(viewer, item, *others[:5])
        like_all(viewer, item, *others[5:10])
    flush_views()
    flush_likes()
    reader = auth_client()
    # Auth 2, the item, blocks, paired items, tags, channel, owners, the reader's likes.
    assert reads_per_page(reader, related_url(item)) <= 9


def test_clearing_history_stops_pairing_with_what_was_watched(shelf, auth_client, api_client):
    viewers = [auth_client() for _ in range(2)]
    for viewer in viewers:
        finish(viewer, shelf["item"])
    flush_views()
    for viewer in viewers:
        assert viewer.delete("/api/v1/users/me/history").status_code == 204
        finish(viewer, shelf["watched"])
    flush_views()
    assert "watched" not in [title for title, *_ in reasons(api_client, shelf["item"])]
