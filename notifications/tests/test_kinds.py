"""Who is told of what, and who must not be: one section per kind."""

import pytest
from django.core import mail

from accounts.services import set_user_active
from engagement.signals import comment_held
from engagement.tests.helpers import TWEETS, like, tweet
from notifications import services
from notifications.tasks import forget_target
from notifications.tests.helpers import (
    INBOX,
    block,
    comment,
    follow,
    kinds_of,
    stored,
)
from videos.documents import Video
from videos.processing import fail_processing
from videos.services import delete_video
from videos.signals import video_processed
from videos.tests.helpers import VIDEOS, ready_video


@pytest.fixture
def people(auth_client, make_user):
    """A channel with an item, and signed-in clients for a few other users."""
    owner = auth_client()
    return owner, auth_client(), auth_client()


# ---- new_video ----------------------------------------------------------------------------------


def test_subscribers_hear_of_an_item_once_when_it_goes_live(people):
    owner, fan, other = people
    follow(fan.user, owner.user)
    draft = owner.post(VIDEOS, {"title": "Soon", "published": False}, format="json")
    assert draft.status_code == 201
    video = Video.objects.get(id=draft.json()["id"])
    video.status = "ready"
    video.save()
    assert kinds_of(fan) == []  # ready but unpublished: not live

    published = owner.patch(f"{VIDEOS}/{video.id}", {"published": True}, format="json")
    assert published.status_code == 200
    entries = fan.get(INBOX).json()["results"]
    assert [e["kind"] for e in entries] == ["new_video"]
    assert entries[0]["actor"]["username"] == owner.user.username
    assert entries[0]["target"] == {"type": "video", "id": str(video.id), "title": "Soon"}
    assert entries[0]["read"] is False

    owner.patch(f"{VIDEOS}/{video.id}", {"title": "Renamed"}, format="json")
    owner.patch(f"{VIDEOS}/{video.id}", {"published": False}, format="json")
    owner.patch(f"{VIDEOS}/{video.id}", {"published": True}, format="json")
    assert kinds_of(fan) == ["new_video"]
    assert kinds_of(other) == [] and kinds_of(owner) == []


@pytest.mark.parametrize("visibility", ["unlisted", "private"])
def test_items_not_public_are_not_announced_until_public(people, visibility):
    owner, fan, _ = people
    follow(fan.user, owner.user)
    video = ready_video(owner.user, visibility=visibility)
    assert kinds_of(fan) == []
    owner.patch(f"{VIDEOS}/{video.id}", {"visibility": "public"}, format="json")
    assert kinds_of(fan) == ["new_video"]


def test_the_bell_blocks_and_suspension_silence_new_items(people, auth_client):
    owner, silenced, blocker = people
    suspended = auth_client()
    follow(silenced.user, owner.user, notify="none")
    follow(blocker.user, owner.user)
    block(blocker.user, owner.user)
    follow(suspended.user, owner.user)
    set_user_active(user=suspended.user, active=False)
    ready_video(owner.user)
    for user in (silenced.user, blocker.user, suspended.user):
        assert stored(user) == []


def test_the_bell_is_set_through_the_subscription_endpoint(people):
    owner, fan, _ = people
    url = f"/api/v1/channels/{owner.user.username}/subscription"
    assert fan.put(url, {"notify": "none"}, format="json").status_code in (200, 201)
    ready_video(owner.user)
    assert kinds_of(fan) == []
    assert fan.patch(url, {"notify": "all"}, format="json").status_code == 200
    ready_video(owner.user)
    assert kinds_of(fan) == ["new_video"]


def test_an_item_made_private_leaves_the_inbox(people):
    owner, fan, _ = people
    follow(fan.user, owner.user)
    video = ready_video(owner.user)
    assert kinds_of(fan) == ["new_video"]
    owner.patch(f"{VIDEOS}/{video.id}", {"visibility": "private"}, format="json")
    assert kinds_of(fan) == []
    owner.delete(f"{VIDEOS}/{video.id}")
    assert stored(fan.user) == []


# ---- new_tweet and mentions in tweets ------------------------------------------------------------


def test_subscribers_hear_of_tweets_and_mentioned_users_of_mentions(people, auth_client):
    owner, fan, named = people
    blocker = auth_client()
    block(blocker.user, owner.user)
    follow(fan.user, owner.user)
    content = f"Hi @{named.user.username.upper()}, @{blocker.user.username} and @nobody_here."
    response = owner.post(TWEETS, {"content": content}, format="json")
    assert response.status_code == 201
    assert kinds_of(fan) == ["new_tweet"]
    entry = named.get(INBOX).json()["results"][0]
    assert entry["kind"] == "mention"
    assert entry["target"]["type"] == "tweet" and entry["target"]["id"] == response.json()["id"]
    assert kinds_of(blocker) == [] and kinds_of(owner) == []


def test_mentioning_myself_tells_nobody(people):
    owner, _, _ = people
    owner.post(TWEETS, {"content": f"I am @{owner.user.username}"}, format="json")
    assert kinds_of(owner) == []


# ---- comments: comment, reply, mention, comment_held ---------------------------------------------


def post_comment(client, video, content: str = "Nice", *, parent: str | None = None) -> dict:
    body = {"content": content, **({"parent": parent} if parent else {})}
    response = client.post(f"{VIDEOS}/{video.id}/comments", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_comment_tells_the_owner_the_answered_author_and_the_mentioned(people, auth_client):
    owner, commenter, replier = people
    named, blocker = auth_client(), auth_client()
    block(blocker.user, replier.user)
    video = ready_video(owner.user)
    first = post_comment(commenter, video)
    assert kinds_of(owner) == ["comment"]
    assert owner.get(INBOX).json()["results"][0]["comment_id"] == first["id"]

    text = f"@{named.user.username} @{blocker.user.username} @{owner.user.username} see this"
    post_comment(replier, video, text, parent=first["id"])
    assert kinds_of(commenter) == ["reply"]
    assert kinds_of(named) == ["mention"]
    assert kinds_of(owner) == ["comment", "comment"]  # told once per comment, not as a mention
    assert kinds_of(blocker) == [] and kinds_of(replier) == []


def test_my_own_comment_and_a_blocked_commenter_tell_me_nothing(people):
    owner, pest, _ = people
    video = ready_video(owner.user)
    post_comment(owner, video)
    block(owner.user, pest.user)
    refused = pest.post(f"{VIDEOS}/{video.id}/comments", {"content": "Hi"}, format="json")
    assert refused.status_code == 403
    other = ready_video(pest.user)
    post_comment(owner, other, f"@{pest.user.username} nice")
    assert kinds_of(owner) == []
    assert kinds_of(pest) == ["comment"]  # my block keeps them from me, not me from them


def test_mentions_on_a_private_item_reach_nobody_who_cannot_see_it(people):
    owner, _, named = people
    video = ready_video(owner.user, visibility="private")
    post_comment(owner, video, f"hey @{named.user.username}")
    assert kinds_of(named) == []


def test_a_held_comment_tells_the_owner_once_even_after_approval(people):
    owner, commenter, _ = people
    video = ready_video(owner.user)
    patched = owner.patch(f"{VIDEOS}/{video.id}", {"comments_policy": "approval"}, format="json")
    assert patched.status_code == 200, patched.content
    held = post_comment(commenter, video)
    assert held["status"] == "held"
    assert kinds_of(owner) == ["comment_held"]
    assert owner.post(f"/api/v1/comments/{held['id']}/approve").status_code == 200
    assert kinds_of(owner) == ["comment_held"]


def test_a_suspended_commenter_tells_nobody(people):
    owner, commenter, _ = people
    video = ready_video(owner.user)
    set_user_active(user=commenter.user, active=False)
    comment_held.send(sender=None, comment=comment(video, commenter.user), video=video)
    assert kinds_of(owner) == []


# ---- new_subscriber ------------------------------------------------------------------------------


def test_a_channel_hears_of_each_new_subscriber_once(people):
    owner, fan, pest = people
    url = f"/api/v1/channels/{owner.user.username}/subscription"
    fan.put(url)
    fan.put(url)
    fan.delete(url)
    fan.put(url)
    entries = owner.get(INBOX).json()["results"]
    assert [e["kind"] for e in entries] == ["new_subscriber"]
    assert entries[0]["actor"]["username"] == fan.user.username
    assert entries[0]["target"]["type"] == "channel"
    block(owner.user, pest.user)
    pest.put(url)
    assert kinds_of(owner) == ["new_subscriber"]


# ---- like_milestone ------------------------------------------------------------------------------


def test_owners_hear_of_like_milestones_once_each(people, auth_client):
    owner, _, _ = people
    video = ready_video(owner.user)
    Video.objects(id=video.id).update_one(set__likes=8)
    first, second, third = auth_client(), auth_client(), auth_client()
    like(first, video)
    assert kinds_of(owner) == []  # 9
    like(second, video)  # 10
    entries = owner.get(INBOX).json()["results"]
    assert [e["kind"] for e in entries] == ["like_milestone"]
    assert entries[0]["actor"] is None and entries[0]["target"]["id"] == str(video.id)
    second.delete(f"{VIDEOS}/{video.id}/like")
    like(second, video)  # 10 again
    like(third, video)  # 11
    assert kinds_of(owner) == ["like_milestone"]
    Video.objects(id=video.id).update_one(set__likes=98)
    like(first, video)  # already liked: not counted
    like(auth_client(), video)  # 100
    assert kinds_of(owner) == ["like_milestone", "like_milestone"]


def test_tweets_reach_milestones_too(people, auth_client):
    owner, fan, _ = people
    post = tweet(owner.user, likes=9)
    like(fan, post)
    assert kinds_of(owner) == ["like_milestone"]


def test_milestones_are_powers_of_ten():
    assert [services.milestone_of(n) for n in (0, 9, 10, 11, 99, 100, 999, 1000, 12345)] == [
        None,
        None,
        10,
        10,
        10,
        100,
        100,
        1000,
        10000,
    ]


# ---- video_ready / video_failed ------------------------------------------------------------------


def test_owners_hear_when_processing_fails_in_the_inbox_and_by_mail(people):
    owner, fan, _ = people
    follow(fan.user, owner.user)
    video = ready_video(owner.user, status="uploaded", title="Broken")
    assert fail_processing(video_id=video.id, version=video.version, reason="bad file")
    assert kinds_of(owner) == ["video_failed"]
    assert kinds_of(fan) == []
    assert [m.to for m in mail.outbox] == [[owner.user.email]]
    assert "Broken" in mail.outbox[0].body


def test_owners_hear_when_an_upload_is_ready_without_mail_by_default(people):
    owner, _, _ = people
    video = ready_video(owner.user)
    video_processed.send(sender=Video, video=video, ready=True)
    video_processed.send(sender=Video, video=video, ready=True)
    assert kinds_of(owner) == ["video_ready"]
    assert mail.outbox == []


@pytest.mark.slow
def test_a_real_upload_tells_its_owner_and_the_subscribers(people, tmp_path):
    from videos.samples import make_clip
    from videos.tests.helpers import upload

    owner, fan, _ = people
    follow(fan.user, owner.user)
    assert upload(owner, make_clip(tmp_path)).status_code == 202
    assert kinds_of(owner) == ["video_ready"]
    assert kinds_of(fan) == ["new_video"]


# ---- report_resolved -----------------------------------------------------------------------------


def test_reporters_hear_that_their_report_was_acted_on_and_nothing_more(people, auth_client):
    owner, reporter, _ = people
    suspended = auth_client()
    set_user_active(user=suspended.user, active=False)
    video = ready_video(owner.user, title="Offending title")
    told = services.notify_report_resolved(
        reported={str(reporter.user.id): video.title, suspended.user.id: video.title},
        target_type="video",
        target_id=str(video.id),
    )
    services.notify_report_resolved(
        reported={reporter.user.id: video.title}, target_type="video", target_id=video.id
    )
    assert told == 1
    entry = reporter.get(INBOX).json()["results"][0]
    assert entry["kind"] == "report_resolved" and entry["actor"] is None
    assert stored(suspended.user) == []
    assert [m.to for m in mail.outbox] == [[reporter.user.email]]
    assert "removed" not in mail.outbox[0].body.lower()


def test_a_resolution_outlives_the_removal_of_what_was_reported(people):
    owner, reporter, _ = people
    video = ready_video(owner.user)
    services.notify_report_resolved(
        reported={reporter.user.id: video.title}, target_type="video", target_id=video.id
    )
    delete_video(video=video)
    forget_target(str(video.id))  # as a worker would run it, after the resolution was told
    assert [n["kind"] for n in reporter.get(INBOX).json()["results"]] == ["report_resolved"]


def test_my_own_like_reaching_a_milestone_tells_me_nothing_until_someone_else_likes(
    people, auth_client
):
    owner, fan, _ = people
    video = ready_video(owner.user)
    Video.objects(id=video.id).update_one(set__likes=9)
    like(owner, video)  # 10, by the owner
    assert kinds_of(owner) == []
    like(fan, video)  # 11: someone else's like, same milestone
    assert kinds_of(owner) == ["like_milestone"]
