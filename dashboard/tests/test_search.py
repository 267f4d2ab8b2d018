"""Search through the API: accents and case, prefixes, ranking, filters and visibility."""

from datetime import timedelta

from django.utils import timezone

from accounts.services import refresh_search_tokens
from playlists.services import create_playlist
from videos.tests.helpers import ready_video

SEARCH = "/api/v1/search"


def hits(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.json()
    return [
        (
            hit["type"],
            (
                hit[hit["type"]].get("title")
                or hit[hit["type"]].get("name")
                or hit[hit["type"]]["username"]
            ),
        )
        for hit in response.json()["results"]
    ]


def titles(client, **params):
    return [name for _, name in hits(client, type="videos", **params)]


def searchable_user(make_user, **fields):
    user = make_user(**fields)
    return refresh_search_tokens(user=user).save()


def test_case_and_accents_do_not_matter(api_client, make_user):
    owner = make_user()
    ready_video(owner, title="Café Crème au lait")
    ready_video(owner, title="Die Straße", tags=["Köln"])
    ready_video(owner, title="Plain", description="Une crème brûlée")
    assert titles(api_client, q="cafe") == ["Café Crème au lait"]
    assert titles(api_client, q="CAFÉ CREME") == ["Café Crème au lait"]
    assert titles(api_client, q="strasse") == ["Die Straße"]
    assert titles(api_client, q="STRASSE koln") == ["Die Straße"]
    # Prefixes of titles and tags match as you type; description words match whole.
    assert titles(api_client, q="cre") == ["Café Crème au lait"]
    assert titles(api_client, q="brulee") == ["Plain"]
    assert titles(api_client, q="brul") == []
    assert titles(api_client, q="stras ko") == ["Die Straße"]


def test_whole_words_before_prefixes_then_popularity_then_recency(api_client, make_user):
    owner = make_user()
    now = timezone.now()
    ready_video(owner, title="guitars live", views=1000, published_at=now)
    ready_video(owner, title="guitar lesson", views=1, published_at=now - timedelta(days=3))
    ready_video(owner, title="guitar solo", views=50, published_at=now - timedelta(days=5))
    ready_video(owner, title="guitar basics", views=50, published_at=now - timedelta(days=1))
    assert titles(api_client, q="guitar") == [
        "guitar basics",
        "guitar solo",
        "guitar lesson",
        "guitars live",
    ]
    assert titles(api_client, q="gui") == [
        "guitars live",
        "guitar basics",
        "guitar solo",
        "guitar lesson",
    ]


def test_only_what_the_caller_may_see(api_client, auth_client, make_user):
    owner = auth_client()
    ready_video(owner.user, title="secret walk", visibility="private")
    ready_video(owner.user, title="linked walk", visibility="unlisted")
    ready_video(owner.user, title="draft walk", published=False)
    ready_video(owner.user, title="ready walk")
    banned = searchable_user(make_user, username="walker", is_active=False)
    ready_video(banned, title="banned walk")
    create_playlist(owner=banned, name="banned walk list")
    create_playlist(owner=owner.user, name="private walk list", visibility="private")
    create_playlist(owner=owner.user, name="walk list")
    # Both whole-word matches with no figures: the newer (the playlist) first.
    assert hits(owner, q="walk") == [("playlist", "walk list"), ("video", "ready walk")]
    assert hits(api_client, q="walker", type="channels") == []


def test_channels_and_playlists(api_client, make_user):
    jose = searchable_user(make_user, username="jnunez", full_name="José Núñez")
    searchable_user(make_user, username="josephine", full_name="Josephine Baker")
    create_playlist(owner=jose, name="Músicas de José")
    assert hits(api_client, q="jose nunez", type="channels") == [("channel", "jnunez")]
    # Two prefix matches with no subscribers: the newer account first.
    assert hits(api_client, q="jos", type="channels") == [
        ("channel", "josephine"),
        ("channel", "jnunez"),
    ]
    assert hits(api_client, q="musicas", type="playlists") == [("playlist", "Músicas de José")]
    everything = hits(api_client, q="jose")
    assert set(everything[:2]) == {("channel", "jnunez"), ("playlist", "Músicas de José")}
    assert everything[2:] == [("channel", "josephine")]  # a prefix match comes after
    response = api_client.get(SEARCH, {"q": "jose", "type": "channels"}).json()["results"][0]
    assert response["video"] is None and response["playlist"] is None
    assert response["channel"]["full_name"] == "José Núñez"


def test_item_filters(api_client, make_user):
    owner = make_user()
    now = timezone.now()
    ready_video(owner, title="clip short", duration=239.0)
    ready_video(owner, title="clip medium", duration=240.0, published_at=now - timedelta(days=8))
    ready_video(owner, title="clip long", duration=1201.0, published_at=now - timedelta(days=40))
    ready_video(owner, title="clip song", duration=1200.0, kind="audio")
    searchable_user(make_user, username="clipper")
    assert titles(api_client, q="clip", duration="short") == ["clip short"]
    assert sorted(titles(api_client, q="clip", duration="medium")) == ["clip medium", "clip song"]
    assert titles(api_client, q="clip", duration="long") == ["clip long"]
    assert sorted(titles(api_client, q="clip", uploaded="week")) == ["clip short", "clip song"]
    assert len(titles(api_client, q="clip", uploaded="month")) == 3
    assert titles(api_client, q="clip", kind="audio") == ["clip song"]
    # Item filters narrow "all" to items.
    assert {kind for kind, _ in hits(api_client, q="clip", duration="long")} == {"video"}
    assert ("channel", "clipper") in hits(api_client, q="clip")
    for params in ({"duration": "huge"}, {"uploaded": "decade"}, {"type": "users"}, {}):
        assert api_client.get(SEARCH, {"q": "clip", **params} if params else {}).status_code == 400


def test_pages_cost_the_same_reads_and_follow_the_rank(api_client, make_user, mongo_reads):
    owner = make_user()
    for n in range(30):
        ready_video(owner, title=f"river {n}", views=n)
        create_playlist(owner=owner, name=f"river list {n}")
    for search_type in ("videos", "all"):
        counts = []
        for size in (2, 25):
            mongo_reads["n"] = 0
            params = {"q": "river", "type": search_type, "limit": size}
            assert len(api_client.get(SEARCH, params).json()["results"]) == size
            counts.append(mongo_reads["n"])
        assert counts[0] == counts[1], (search_type, counts)
    first = api_client.get(SEARCH, {"q": "river", "type": "videos", "limit": 10}).json()
    second = api_client.get(first["next"]).json()
    views = [hit["video"]["views"] for hit in first["results"] + second["results"]]
    assert views == list(range(29, 9, -1))
    assert api_client.get(second["previous"]).json()["results"] == first["results"]
    assert api_client.get(SEARCH, {"q": "!!!"}).json()["results"] == []
