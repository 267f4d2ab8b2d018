"""The moderation log page: every staff action and creators' own decisions, who, what, on what,
why; filterable by action, role and actor, with constant reads per page."""

import pytest
from django.urls import reverse

from engagement.tests.helpers import comment_url, post_comment
from engagement.tests.test_comments import HOSTILE
from moderation.tests.console_helpers import staff_client
from videos.tests.helpers import ready_video

pytestmark = pytest.mark.django_db

LOG = "/admin/moderation/log/"


def _rows(client, **query) -> list[tuple]:
    page = client.get(LOG, query)
    assert page.status_code == 200
    return [
        (d.actor_name, d.actor_role, d.action, d.target_type, d.reason)
        for d in page.context["page"].items
    ]


def test_every_console_action_and_creator_decision_is_logged(make_user, auth_client):
    owner = auth_client()
    account, kept, gone = make_user(), ready_video(make_user()), ready_video(make_user())
    failed = ready_video(make_user(), status="failed")  # no stored source: not reprocessed
    item = ready_video(owner.user)
    rejected = post_comment(auth_client(), item, HOSTILE).json()["id"]
    assert owner.delete(comment_url(rejected)).status_code == 204  # the creator's own decision

    boss, moderator = staff_client(role="superuser"), staff_client()
    user_url = reverse("admin:moderation_user", args=[account.id])
    boss.post(user_url, {"action": "suspend", "reason": "spam wave"})
    boss.post(user_url, {"action": "reinstate", "reason": "appeal upheld"})
    for video, action in ((kept, "unpublish"), (gone, "take_down")):
        url = reverse("admin:moderation_item", args=[video.id])
        moderator.post(url, {"action": action, "reason": f"{action} why"})
    moderator.post(reverse("admin:moderation_item", args=[failed.id]), {"action": "reprocess"})

    boss_name, mod_name = boss.staff.username, moderator.staff.username
    assert _rows(moderator) == [
        (mod_name, "staff", "take_down", "video", "take_down why"),
        (mod_name, "staff", "unpublish", "video", "unpublish why"),
        (boss_name, "staff", "reinstate", "user", "appeal upheld"),
        (boss_name, "staff", "suspend", "user", "spam wave"),
        (owner.user.username, "creator", "reject", "comment", ""),
    ]
    assert [r[2] for r in _rows(moderator, role="creator")] == ["reject"]
    assert [r[2] for r in _rows(moderator, actor=boss_name)] == ["reinstate", "suspend"]
    assert [r[2] for r in _rows(moderator, action="suspend")] == ["suspend"]
    assert _rows(moderator, action="pin", role="staff") == []
    html = moderator.get(LOG).content.decode()
    assert "spam wave" in html and boss_name in html


def test_the_log_costs_the_same_reads_for_short_and_long_pages(make_user, mongo_reads):
    client = staff_client(role="superuser")
    for index in range(30):
        action = "suspend" if index < 2 else "reinstate"
        url = reverse("admin:moderation_user", args=[make_user().id])
        client.post(url, {"action": action, "reason": "x"})
    reads = []
    for action, size in (("suspend", 2), ("reinstate", 25)):
        mongo_reads["n"] = 0
        assert len(client.get(LOG, {"action": action}).context["page"].items) == size
        reads.append(mongo_reads["n"])
    mongo_reads["n"] = 0
    client.get(LOG, {"action": "suspend", "actor": "nobody"})
    assert reads[0] == reads[1] == mongo_reads["n"]
