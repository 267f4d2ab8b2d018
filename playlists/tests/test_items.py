"""Items of a playlist: explicit positions, idempotent adds, moves, removals, the cap, what
others see, deleted items, paging through long playlists and what a page costs."""

import pytest

from accounts.tests.helpers import image_upload
from playlists.documents import Playlist
from playlists.tasks import forget_deleted_video
from playlists.tests.helpers import (
    PLAYLISTS,
    bulk_ready_videos,
    create,
    item_url,
    move,
    playlist_in_store,
    put,
    shown,
    stored_doc,
    stored_ids,
    titles,
)
from videos import selectors as video_selectors
from videos.documents import Video
from videos.tests.helpers import VIDEOS, path_of, ready_video


@pytest.fixture
def owner(auth_client):
    return auth_client()


@pytest.fixture
def items(make_user):
    """Five public items of another channel, titled a to e."""
    channel = make_user()
    return [ready_video(channel, title=title) for title in "abcde"]


def read(client, playlist_id, **params) -> dict:
    response = client.get(f"{PLAYLISTS}/{playlist_id}", params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_put_appends_or_inserts_at_a_position(owner, items):
    playlist = create(owner)["id"]
    a, b, c, d, e = items
    first = put(owner, playlist, a)
    assert first.status_code == 201
    assert first.json()["position"] == 0 and first.json()["video"]["title"] == "a"
    assert put(owner, playlist, b).json()["position"] == 1
    assert put(owner, playlist, c, position=0).json()["position"] == 0
    assert put(owner, playlist, d, position=2).json()["position"] == 2
    assert put(owner, playlist, e, position=99).json()["position"] == 4
    body = read(owner, playlist)
    assert titles(body) == ["c", "a", "d", "b", "e"]
    assert [position for position, _ in shown(body)] == [0, 1, 2, 3, 4]
    assert body["videos_count"] == 5
    assert stored_ids(playlist) == [str(v.id) for v in (c, a, d, b, e)]


def test_put_is_idempotent_an_item_appears_once(owner, items):
    playlist = create(owner)["id"]
    a, b, c = items[:3]
    for video in (a, b, c):
        put(owner, playlist, video)
    revision = stored_doc(playlist)["revision"]
    again = put(owner, playlist, b)
    assert again.status_code == 200 and again.json()["position"] == 1
    assert stored_doc(playlist)["revision"] == revision
    moved = put(owner, playlist, a, position=2)
    assert moved.status_code == 200 and moved.json()["position"] == 2
    assert titles(read(owner, playlist)) == ["b", "c", "a"]
    assert stored_ids(playlist) == [str(v.id) for v in (b, c, a)]


def test_patch_moves_an_item_and_the_others_shift(owner, items):
    playlist = create(owner)["id"]
    for video in items:
        put(owner, playlist, video)
    a, b, _, d, _ = items
    response = move(owner, playlist, d, 0)
    assert response.status_code == 200 and response.json()["position"] == 0
    assert titles(read(owner, playlist)) == ["d", "a", "b", "c", "e"]
    assert move(owner, playlist, d, 3).json()["position"] == 3
    assert titles(read(owner, playlist)) == ["a", "b", "c", "d", "e"]
    assert move(owner, playlist, a, 1000).json()["position"] == 4
    assert titles(read(owner, playlist)) == ["b", "c", "d", "e", "a"]
    assert move(owner, playlist, b, 0).json()["position"] == 0
    assert titles(read(owner, playlist)) == ["b", "c", "d", "e", "a"]
    revision = stored_doc(playlist)["revision"]
    stays = owner.patch(item_url(playlist, d), {}, format="json")
    assert stays.status_code == 200 and stays.json()["position"] == 2
    assert stored_doc(playlist)["revision"] == revision


def test_a_whole_number_written_as_a_float_is_that_integer(owner, items):
    playlist = create(owner)["id"]
    for video in items[:3]:
        put(owner, playlist, video)
    assert move(owner, playlist, items[2], 0.0).json()["position"] == 0
    assert move(owner, playlist, items[2], 1e300).json()["position"] == 2
    assert titles(read(owner, playlist)) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "payload",
    [{"position": -1}, {"position": "2"}, {"position": 1.5}, {"position": 1, "at": 2}],
    ids=["negative", "string", "float", "unknown-field"],
)
def test_a_bad_move_is_a_400_and_changes_nothing(owner, items, payload):
    playlist = create(owner)["id"]
    for video in items[:3]:
        put(owner, playlist, video)
    before = stored_doc(playlist)
    response = owner.patch(item_url(playlist, items[0]), payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert stored_doc(playlist) == before


def test_a_bad_put_is_a_400_and_changes_nothing(owner, items):
    playlist = create(owner)["id"]
    put(owner, playlist, items[0])
    before = stored_doc(playlist)
    for payload in ({"position": -2}, {"position": "last"}, {"note": "x"}):
        response = owner.put(item_url(playlist, items[1]), payload, format="json")
        assert response.status_code == 400
    assert stored_doc(playlist) == before


def test_moving_an_item_that_is_not_there_is_a_404(owner, items):
    playlist = create(owner)["id"]
    put(owner, playlist, items[0])
    before = stored_doc(playlist)
    assert move(owner, playlist, items[1], 0).status_code == 404
    assert owner.patch(f"{PLAYLISTS}/{playlist}/videos/nope", {"position": 0}).status_code == 404
    assert stored_doc(playlist) == before


def test_delete_removes_an_item_and_later_ones_move_up(owner, items):
    playlist = create(owner)["id"]
    for video in items:
        put(owner, playlist, video)
    assert owner.delete(item_url(playlist, items[1])).status_code == 204
    body = read(owner, playlist)
    assert titles(body) == ["a", "c", "d", "e"]
    assert [position for position, _ in shown(body)] == [0, 1, 2, 3]
    revision = stored_doc(playlist)["revision"]
    assert owner.delete(item_url(playlist, items[1])).status_code == 204
    assert stored_doc(playlist)["revision"] == revision
    assert owner.delete(f"{PLAYLISTS}/{playlist}/videos/not-an-id").status_code == 404
    assert stored_ids(playlist) == [str(v.id) for v in (items[0], *items[2:])]


def test_the_cap_refuses_one_more_with_a_clear_409(owner, items, settings):
    settings.PLAYLIST_MAX_ITEMS = 3
    playlist = create(owner)["id"]
    for video in items[:3]:
        assert put(owner, playlist, video).status_code == 201
    before = stored_doc(playlist)
    response = put(owner, playlist, items[3])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "playlist_full"
    assert "3" in response.json()["error"]["message"]
    assert stored_doc(playlist) == before
    assert put(owner, playlist, items[0], position=2).status_code == 200
    assert owner.delete(item_url(playlist, items[0])).status_code == 204
    assert put(owner, playlist, items[3]).status_code == 201


def test_the_cap_defaults_to_five_thousand(settings):
    assert settings.PLAYLIST_MAX_ITEMS == 5000


def test_only_items_the_caller_may_watch_can_be_added(owner, make_user):
    channel = make_user()
    playlist = create(owner)["id"]
    private = ready_video(channel, visibility="private")
    draft = ready_video(channel, published=False)
    processing = ready_video(channel, status="processing")
    for video in (private, draft, processing):
        assert put(owner, playlist, video).status_code == 404
    assert owner.put(f"{PLAYLISTS}/{playlist}/videos/{'0' * 24}").status_code == 404
    unlisted = ready_video(channel, visibility="unlisted")
    mine_private = ready_video(owner.user, visibility="private", title="mine")
    assert put(owner, playlist, unlisted).status_code == 201
    assert put(owner, playlist, mine_private).status_code == 201
    assert len(stored_ids(playlist)) == 2


def test_items_that_turn_private_or_unpublished_are_hidden_from_others(
    owner, auth_client, api_client, make_user
):
    channel = make_user()
    a, b, c, d = (ready_video(channel, title=title) for title in "abcd")
    mine = ready_video(owner.user, title="mine")
    playlist = create(owner)["id"]
    for video in (a, b, mine, c, d):
        put(owner, playlist, video)
    Video.objects(id=b.id).update_one(set__visibility="private")
    Video.objects(id=c.id).update_one(set__published=False)
    Video.objects(id=mine.id).update_one(set__visibility="private")
    for viewer in (auth_client(), api_client):
        body = read(viewer, playlist)
        assert titles(body) == ["a", "d"]
        assert [position for position, _ in shown(body)] == [0, 1]
        assert body["videos_count"] == 2
    mine_view = read(owner, playlist)
    assert titles(mine_view) == ["a", "mine", "d"]
    assert [position for position, _ in shown(mine_view)] == [0, 1, 2]
    assert mine_view["videos_count"] == 3
    listed = owner.get(PLAYLISTS).json()["results"][0]
    assert listed["videos_count"] == 3
    others = api_client.get(PLAYLISTS, {"owner": owner.user.username}).json()["results"][0]
    assert others["videos_count"] == 2


def test_positions_count_what_the_owner_sees_and_hidden_items_keep_their_place(owner, make_user):
    channel = make_user()
    a, b, c, d = (ready_video(channel, title=title) for title in "abcd")
    playlist = create(owner)["id"]
    for video in (a, b, c, d):
        put(owner, playlist, video)
    Video.objects(id=b.id).update_one(set__visibility="private")
    assert titles(read(owner, playlist)) == ["a", "c", "d"]
    assert move(owner, playlist, d, 1).json()["position"] == 1
    assert titles(read(owner, playlist)) == ["a", "d", "c"]
    assert stored_ids(playlist) == [str(v.id) for v in (a, b, d, c)]
    assert move(owner, playlist, b, 0).status_code == 404
    Video.objects(id=b.id).update_one(set__visibility="public")
    assert titles(read(owner, playlist)) == ["a", "b", "d", "c"]


def test_a_deleted_item_leaves_every_playlist(owner, auth_client):
    channel, other = auth_client(), auth_client()
    video = ready_video(channel.user, title="doomed")
    kept = ready_video(channel.user, title="kept")
    first, second = create(owner)["id"], create(other)["id"]
    put(owner, first, video)
    put(owner, first, kept)
    put(other, second, video)
    third = playlist_in_store(owner.user, [video, kept, video])
    revision = stored_doc(first)["revision"]
    assert channel.delete(f"{VIDEOS}/{video.id}").status_code == 204
    assert stored_ids(first) == [str(kept.id)]
    assert stored_ids(second) == []
    assert stored_ids(third.id) == [str(kept.id)]
    assert Playlist.objects(items__video_id=video.id).count() == 0
    assert stored_doc(first)["revision"] == revision + 1
    assert forget_deleted_video.delay(str(video.id)).get() == 0
    assert titles(read(owner, first)) == ["kept"]


def test_an_item_deleted_while_being_added_does_not_stay(owner, auth_client, monkeypatch):
    channel = auth_client()
    video = ready_video(channel.user, title="doomed")
    playlist = create(owner)["id"]
    find = video_selectors.video_for_viewer

    def found_then_deleted(**kwargs):
        monkeypatch.setattr(video_selectors, "video_for_viewer", find)
        found = find(**kwargs)
        assert channel.delete(f"{VIDEOS}/{found.id}").status_code == 204
        return found

    monkeypatch.setattr(video_selectors, "video_for_viewer", found_then_deleted)
    assert put(owner, playlist, video).status_code == 404
    assert stored_ids(playlist) == []


def test_a_deleted_item_not_yet_purged_is_not_shown(owner, items):
    playlist = create(owner)["id"]
    for video in items[:2]:
        put(owner, playlist, video)
    Video.objects(id=items[0].id).delete()
    body = read(owner, playlist)
    assert titles(body) == ["b"] and body["videos_count"] == 1


def test_long_playlists_page_their_items_with_a_cursor(owner, make_user):
    videos = bulk_ready_videos(make_user(), 250)
    playlist = str(playlist_in_store(owner.user, videos).id)
    first = read(owner, playlist)
    assert first["videos_count"] == 250
    assert [p for p, _ in shown(first)] == list(range(100))
    second = owner.get(path_of(first["videos_next"])).json()
    assert [p for p, _ in shown(second)] == list(range(100, 200))
    assert second["name"] == first["name"]
    owner.delete(item_url(playlist, videos[0]))
    third = owner.get(path_of(second["videos_next"])).json()
    assert [v for _, v in shown(third)] == [str(v.id) for v in videos[200:]]
    assert [p for p, _ in shown(third)] == list(range(199, 249))
    assert third["videos_next"] is None
    small = read(owner, playlist, limit=10)
    assert len(small["videos"]) == 10
    assert [p for p, _ in shown(owner.get(path_of(small["videos_next"])).json())] == list(
        range(10, 20)
    )
    poster = {"thumbnail": image_upload()}
    with_poster = owner.put(f"{PLAYLISTS}/{playlist}/thumbnail", poster, format="multipart")
    assert with_poster.json()["videos_next"] == read(owner, playlist)["videos_next"]
    for params in ({"limit": 0}, {"limit": 101}, {"limit": "x"}, {"limit": ""}, {"cursor": ""}):
        assert owner.get(f"{PLAYLISTS}/{playlist}", params).status_code == 400
    response = owner.get(f"{PLAYLISTS}/{playlist}", {"cursor": "garbage"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "invalid_cursor"


def test_a_playlist_page_costs_the_same_reads_for_5_and_500_items(
    auth_client, make_user, mongo_reads
):
    owner, viewer = auth_client(), auth_client()
    channel = make_user()
    short = str(playlist_in_store(owner.user, bulk_ready_videos(channel, 5, prefix="s")).id)
    long = str(playlist_in_store(owner.user, bulk_ready_videos(channel, 500, prefix="l")).id)
    counts = {}
    for client, who in ((owner, "owner"), (viewer, "viewer")):
        for playlist, size in ((short, 5), (long, 500)):
            mongo_reads["n"] = 0
            body = read(client, playlist)
            assert body["videos_count"] == size
            assert len(body["videos"]) == min(size, 100)
            counts[who, size] = mongo_reads["n"]
    # Auth (2), playlist, owner, item visibility, the page's items, their owners, my likes.
    assert counts["owner", 5] == counts["owner", 500] <= 8
    assert counts["viewer", 5] == counts["viewer", 500] <= 8
