"""Comments through the HTTP API: writing, replies, sentiment and hold rules, who sees what."""

import time

import pytest

from accounts.documents import Block
from engagement import screening
from engagement.documents import Comment
from engagement.signals import comment_held, comment_published
from engagement.tests.helpers import comment, comment_url, comments_url, like, post_comment
from videos.tests.helpers import ready_video

HOSTILE = "You are an idiot, this is the worst garbage ever, I hate it"


@pytest.fixture
def owner(auth_client):
    return auth_client()


@pytest.fixture
def item(owner):
    return ready_video(owner.user, title="Cooking 101")


def listed(client, video, **params) -> list[dict]:
    response = client.get(comments_url(video), params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def shown_count(client, video) -> int:
    return client.get(f"/api/v1/videos/{video.id}").json()["comments_count"]


def test_a_comment_is_created_scored_and_counted(auth_client, api_client, item):
    fan = auth_client()
    response = post_comment(fan, item, "  Great video, love it!  ")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content"] == "Great video, love it!"
    assert body["author"]["username"] == fan.user.username
    assert body["parent"] is None and body["replies_count"] == 0
    assert body["status"] == "published" and body["held_reason"] is None
    assert body["sentiment"] > 0.5 and body["is_flagged"] is False
    assert body["likes"] == 0 and body["is_liked"] is False
    assert body["pinned"] is False and body["edited"] is False
    stored = Comment.objects.get(id=body["id"])
    assert stored.video_owner_id == item.owner_id and stored.sentiment == body["sentiment"]
    assert [c["id"] for c in listed(api_client, item)] == [body["id"]]
    assert shown_count(api_client, item) == 1


@pytest.mark.parametrize("content", ["", "   ", "x" * 1001])
def test_content_is_1_to_1000_characters_after_trimming(auth_client, item, content):
    response = post_comment(auth_client(), item, content)
    assert response.status_code == 400
    assert "content" in response.json()["error"]["fields"]
    assert Comment.objects.count() == 0


def test_1000_characters_with_surrounding_spaces_are_fine(auth_client, item):
    assert post_comment(auth_client(), item, "  " + "x" * 1000 + " ").status_code == 201


def test_unknown_fields_and_bad_parents_are_refused(auth_client, item, make_user):
    fan = auth_client()
    assert post_comment(fan, item, extra=1).status_code == 400
    assert post_comment(fan, item, parent="nope").status_code == 400
    other = comment(ready_video(make_user()), make_user())
    response = post_comment(fan, item, parent=str(other.id))
    assert response.status_code == 400 and "parent" in response.json()["error"]["fields"]
    assert Comment.objects.count() == 1


def test_items_the_caller_cannot_see_are_404_and_anonymous_callers_401(
    auth_client, api_client, owner
):
    private = ready_video(owner.user, visibility="private")
    draft = ready_video(owner.user, published=False)
    for video in (private, draft):
        assert post_comment(auth_client(), video).status_code == 404
        assert auth_client().get(comments_url(video)).status_code == 404
    assert post_comment(owner, private).status_code == 201
    public = ready_video(owner.user)
    assert post_comment(api_client, public).status_code == 401
    assert api_client.post("/api/v1/videos/0123456789abcdef01234567/comments").status_code in (
        401,
        404,
    )
    assert Comment.objects.count() == 1


def test_disabled_comments_are_refused_with_a_clear_code(auth_client, owner, item):
    response = owner.patch(
        f"/api/v1/videos/{item.id}", {"comments_policy": "disabled"}, format="json"
    )
    assert response.status_code == 200 and response.json()["comments_policy"] == "disabled"
    response = post_comment(auth_client(), item)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "comments_disabled"
    assert Comment.objects.count() == 0


def test_item_comment_settings_are_the_owners_to_change(auth_client, api_client, owner, item):
    response = owner.patch(
        f"/api/v1/videos/{item.id}",
        {"comments_policy": "approval", "hold_links": True},
        format="json",
    )
    assert response.status_code == 200
    body = api_client.get(f"/api/v1/videos/{item.id}").json()
    assert (body["comments_policy"], body["hold_links"]) == ("approval", True)
    assert (
        owner.patch(
            f"/api/v1/videos/{item.id}", {"comments_policy": "x"}, format="json"
        ).status_code
        == 400
    )
    stranger = auth_client()
    assert (
        stranger.patch(
            f"/api/v1/videos/{item.id}", {"hold_links": False}, format="json"
        ).status_code
        == 403
    )


def test_a_user_the_owner_blocked_cannot_comment(auth_client, owner, item):
    pest = auth_client()
    Block(blocker_id=owner.user.id, blocked_id=pest.user.id).save()
    response = post_comment(pest, item)
    assert response.status_code == 403
    assert set(response.json()) == {"error", "request_id"}
    assert Comment.objects.count() == 0


def test_a_user_the_owner_blocked_cannot_edit_her_comments_on_the_owners_items(
    auth_client, owner, item
):
    pest = auth_client()
    cid = post_comment(pest, item, "First take").json()["id"]
    Block(blocker_id=owner.user.id, blocked_id=pest.user.id).save()
    refused = post_comment(pest, item)
    response = pest.patch(comment_url(cid), {"content": "Sneaky rewrite"}, format="json")
    assert response.status_code == refused.status_code == 403
    assert response.json()["error"]["code"] == refused.json()["error"]["code"] == "blocked"
    assert Comment.objects.get(id=cid).content == "First take"
    assert pest.delete(comment_url(cid)).status_code == 204


def test_comment_creation_is_throttled_per_user(auth_client, item, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "comment": "2/h"}
    fan, other = auth_client(), auth_client()
    assert [post_comment(fan, item).status_code for _ in range(2)] == [201, 201]
    response = post_comment(fan, item)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert post_comment(other, item).status_code == 201
    assert Comment.objects.count() == 3


def test_a_hostile_comment_is_held_and_visible_only_to_its_author_and_the_owner(
    auth_client, api_client, owner, item
):
    fan, stranger = auth_client(), auth_client()
    body = post_comment(fan, item, HOSTILE).json()
    assert body["status"] == "held" and body["is_flagged"] is True
    assert body["sentiment"] < -0.6
    assert (
        body["held_reason"].startswith("sentiment")
        and f"{body['sentiment']:.2f}" in (body["held_reason"])
    )
    for client in (fan, owner):
        (seen,) = listed(client, item)
        assert seen["status"] == "held" and seen["held_reason"] == body["held_reason"]
    assert listed(stranger, item) == [] and listed(api_client, item) == []
    assert stranger.put(comment_url(body["id"], "like")).status_code == 404
    assert shown_count(api_client, item) == 0


def test_the_owners_own_comments_are_never_held_but_still_flagged(owner, item):
    owner.patch(
        f"/api/v1/videos/{item.id}",
        {"comments_policy": "approval", "hold_links": True},
        format="json",
    )
    body = post_comment(owner, item, HOSTILE + " see https://example.com").json()
    assert body["status"] == "published" and body["is_flagged"] is True
    assert body["held_reason"] is None


def test_the_threshold_comes_from_settings(auth_client, item, settings):
    settings.COMMENT_HOLD_SENTIMENT = 0.9
    body = post_comment(auth_client(), item, "It is fine").json()
    assert body["status"] == "held" and body["is_flagged"] is True


def test_the_blocklist_matches_whole_words_ignoring_case_and_accents(auth_client, item, settings):
    settings.COMMENT_BLOCKLIST = ["cafe", "buy now"]
    fan = auth_client()
    held = post_comment(fan, item, "Best CAFÉ in town").json()
    assert held["status"] == "held" and held["held_reason"].startswith("blocklist")
    assert post_comment(fan, item, "Please BUY   now").json()["status"] == "published"
    assert post_comment(fan, item, "Buy Now!").json()["status"] == "held"
    assert post_comment(fan, item, "The cafeteria was fine").json()["status"] == "published"


def test_links_are_held_when_the_owner_chose_so(auth_client, owner, item):
    fan = auth_client()
    assert post_comment(fan, item, "See example.com").json()["status"] == "published"
    owner.patch(f"/api/v1/videos/{item.id}", {"hold_links": True}, format="json")
    for text in ("See https://spam.example/x", "go to www.spam.test", "visit cheap.shop.com"):
        body = post_comment(fan, item, text).json()
        assert body["status"] == "held" and body["held_reason"].startswith("links"), text
    assert post_comment(fan, item, "No link here.").json()["status"] == "published"


LINKS = [
    "great deals at cheap-pills.top",
    "win big on spin.casino today",
    "see evil.de/promo",
    "EVIL.SHOP",
    "write to bob@evil.store",
    "evil\u3002com",
    "\uff45\uff56\uff49\uff4c\uff0e\uff43\uff4f\uff4d",
    "evil\uff61com",
    "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
    "free stuff at 203.0.113.7",
    "ping [2001:db8::7] now",
    "ftp://files.internal/dump",
    "Thanks!evil.online",
    "the end.Visit evil.click now",
]
PROSE = [
    "I loved the end.Next time make it longer",
    "Great video.It was so good",
    "e.g. this, i.e. that, at 3.14 or v2.0.1",
    "Mr.Smith met St.Louis fans at 10:30",
    "Wait... what? No link here.",
    "Version 1.2.3 runs node.js with config.yaml",
    "C++ puts :: between names, and 0.0.0.0 means any address",
]


@pytest.mark.parametrize("text", LINKS)
def test_a_link_in_any_form_is_held_when_the_owner_chose_so(auth_client, owner, item, text):
    owner.patch(f"/api/v1/videos/{item.id}", {"hold_links": True}, format="json")
    body = post_comment(auth_client(), item, text).json()
    assert body["status"] == "held", text
    assert body["held_reason"].startswith("links"), text


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_is_not_taken_for_a_link(auth_client, owner, item, text):
    owner.patch(f"/api/v1/videos/{item.id}", {"hold_links": True}, format="json")
    body = post_comment(auth_client(), item, text).json()
    assert body["status"] == "published", text


@pytest.mark.parametrize(
    "text", ["a-" * 32_000, "a." * 32_000, "a:" * 32_000, "x" * 64_000 + ".", "www." * 16_000]
)
def test_link_screening_takes_no_time_on_a_worst_case_text(text):
    started = time.perf_counter()
    screening.has_link(text)
    assert time.perf_counter() - started < 0.1


def test_approval_policy_holds_everyone_but_the_owner(auth_client, owner, item):
    owner.patch(f"/api/v1/videos/{item.id}", {"comments_policy": "approval"}, format="json")
    body = post_comment(auth_client(), item, "Lovely").json()
    assert body["status"] == "held" and body["held_reason"].startswith("approval")
    assert body["is_flagged"] is False
    assert post_comment(owner, item, "Thanks all").json()["status"] == "published"


def test_signals_fire_once_for_published_and_held_comments(auth_client, item):
    seen = []

    def record(signal_name):
        def receiver(sender, comment, video, **kwargs):
            seen.append((signal_name, str(comment.id), video.id))

        return receiver

    published, held = record("published"), record("held")
    comment_published.connect(published)
    comment_held.connect(held)
    try:
        fan = auth_client()
        first = post_comment(fan, item, "Lovely").json()["id"]
        second = post_comment(fan, item, HOSTILE).json()["id"]
    finally:
        comment_published.disconnect(published)
        comment_held.disconnect(held)
    assert seen == [("published", first, item.id), ("held", second, item.id)]


def test_replies_attach_to_the_thread_root_and_list_oldest_first(auth_client, api_client, item):
    alice, bob, carol = auth_client(), auth_client(), auth_client()
    root = post_comment(alice, item, "Root").json()["id"]
    first = post_comment(bob, item, "First reply", parent=root).json()
    second = post_comment(carol, item, "Reply to Bob", parent=first["id"]).json()
    assert first["parent"] == root and first["reply_to"]["username"] == alice.user.username
    assert second["parent"] == root and second["reply_to"]["username"] == bob.user.username
    (top,) = listed(api_client, item)
    assert top["id"] == root and top["replies_count"] == 2
    replies = api_client.get(comment_url(root, "replies")).json()["results"]
    assert [r["id"] for r in replies] == [first["id"], second["id"]]
    assert shown_count(api_client, item) == 3


def test_a_held_comment_takes_no_replies(auth_client, item):
    held = post_comment(auth_client(), item, HOSTILE).json()["id"]
    response = post_comment(auth_client(), item, "Hm", parent=held)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_held_replies_show_to_their_author_and_the_owner_only(auth_client, api_client, owner, item):
    fan, stranger = auth_client(), auth_client()
    root = post_comment(stranger, item, "Root").json()["id"]
    reply = post_comment(fan, item, HOSTILE, parent=root).json()
    assert reply["status"] == "held"
    for client, expected in ((fan, [reply["id"]]), (owner, [reply["id"]]), (stranger, [])):
        got = client.get(comment_url(root, "replies")).json()["results"]
        assert [r["id"] for r in got] == expected
    assert api_client.get(comment_url(root, "replies")).json()["results"] == []
    assert listed(api_client, item)[0]["replies_count"] == 0


def test_newest_and_top_sorts_with_the_pinned_comment_first(auth_client, api_client, owner, item):
    fans = [auth_client() for _ in range(3)]
    ids = [post_comment(fan, item, f"Comment {n}").json()["id"] for n, fan in enumerate(fans)]
    assert [c["id"] for c in listed(api_client, item)] == ids[::-1]
    for fan in fans[:2]:
        like(fan, Comment.objects.get(id=ids[1]))
    like(fans[0], Comment.objects.get(id=ids[0]))
    from engagement import likes

    likes.flush_like_counters()
    top = listed(api_client, item, sort="top")
    assert [c["id"] for c in top] == [ids[1], ids[0], ids[2]]
    assert [c["likes"] for c in top] == [2, 1, 0]
    assert owner.post(comment_url(ids[0], "pin")).status_code == 200
    assert [c["id"] for c in listed(api_client, item)] == [ids[0], ids[2], ids[1]]
    page = api_client.get(comments_url(item), {"limit": 1}).json()
    assert [c["id"] for c in page["results"]] == [ids[0], ids[2]]
    rest = api_client.get(page["next"]).json()["results"]
    assert [c["id"] for c in rest] == [ids[1]]
    assert api_client.get(comments_url(item), {"sort": "best"}).status_code == 400
    assert api_client.get(comments_url(item) + "?sort=").status_code == 400


def test_liking_a_comment_shows_in_the_listing(auth_client, item):
    fan = auth_client()
    cid = post_comment(fan, item).json()["id"]
    response = fan.put(comment_url(cid, "like"))
    assert response.json() == {"liked": True, "likes": 1, "likes_count": 1}
    assert fan.put(comment_url(cid, "like")).json() == {"liked": True, "likes": 1, "likes_count": 1}
    (seen,) = listed(fan, item)
    assert seen["likes"] == 1 and seen["is_liked"] is True
    assert fan.delete(comment_url(cid, "like")).json() == {
        "liked": False,
        "likes": 0,
        "likes_count": 0,
    }


def test_editing_rescores_and_a_hostile_edit_goes_back_to_held(auth_client, api_client, item):
    fan = auth_client()
    cid = post_comment(fan, item, "Lovely").json()["id"]
    assert shown_count(api_client, item) == 1
    response = fan.patch(comment_url(cid), {"content": " Nice work "}, format="json")
    body = response.json()
    assert response.status_code == 200 and body["content"] == "Nice work" and body["edited"]
    body = fan.patch(comment_url(cid), {"content": HOSTILE}, format="json").json()
    assert body["status"] == "held" and body["is_flagged"] and body["sentiment"] < -0.6
    assert shown_count(api_client, item) == 0
    assert listed(api_client, item) == []
    assert fan.patch(comment_url(cid), {}, format="json").status_code == 200
    assert fan.patch(comment_url(cid), {"content": ""}, format="json").status_code == 400
    assert fan.patch(comment_url(cid), {"parent": cid}, format="json").status_code == 400


def test_comments_of_suspended_authors_are_hidden(auth_client, api_client, item):
    from accounts import services as account_services

    fan = auth_client()
    cid = post_comment(fan, item).json()["id"]
    account_services.set_user_active(user=fan.user, active=False)
    assert listed(api_client, item) == []
    assert api_client.get(comment_url(cid, "replies")).status_code == 404
    account_services.set_user_active(user=fan.user, active=True)
    assert [c["id"] for c in listed(api_client, item)] == [cid]


def test_comments_by_users_i_blocked_are_hidden_from_me_everywhere(
    auth_client, api_client, owner, item
):
    me, pest = auth_client(), auth_client()
    root = post_comment(me, item, "Root").json()["id"]
    post_comment(pest, item, "Top")
    post_comment(pest, item, "Reply", parent=root)
    Block(blocker_id=me.user.id, blocked_id=pest.user.id).save()
    Block(blocker_id=owner.user.id, blocked_id=pest.user.id).save()
    assert [c["id"] for c in listed(me, item)] == [root]
    assert me.get(comment_url(root, "replies")).json()["results"] == []
    assert len(listed(api_client, item)) == 2
    assert len(api_client.get(comment_url(root, "replies")).json()["results"]) == 1
    queue = owner.get("/api/v1/dashboard/comments").json()["results"]
    assert [c["id"] for c in queue] == [root]


def test_a_retried_comment_with_its_idempotency_key_is_posted_once(auth_client):
    video = ready_video(auth_client().user)
    client = auth_client()
    url = f"/api/v1/videos/{video.id}/comments"
    first = client.post(url, {"content": "First!"}, format="json", HTTP_IDEMPOTENCY_KEY="c-1")
    again = client.post(url, {"content": "First!"}, format="json", HTTP_IDEMPOTENCY_KEY="c-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Comment.objects(video_id=video.id).count() == 1
