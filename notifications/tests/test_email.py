"""E-mail: at most one per user per kind per window, later events folded into the next one."""

from datetime import timedelta

from bson import ObjectId
from django.core import mail
from django.utils import timezone

from notifications.delivery import Target, notify
from notifications.documents import EmailDigest
from notifications.tasks import send_due_email_digests
from notifications.tests.helpers import SETTINGS
from videos.tests.helpers import ready_video


def commented(recipient, actor, video) -> None:
    notify(
        kind="comment",
        recipient_ids=[recipient.id],
        actor=actor,
        target=Target(type="video", id=video.id, title=video.title),
        key=str(ObjectId()),
    )


def window_passes(user) -> None:
    """Move the user's last e-mails back past the window, as if 15 minutes went by."""
    earlier = timezone.now() - timedelta(minutes=16)
    EmailDigest.objects(user_id=user.id).update(set__last_sent_at=earlier, set__due_at=earlier)


def test_one_mail_per_kind_per_window_with_later_events_folded_in(auth_client):
    me, other = auth_client(), auth_client()
    me.patch(SETTINGS, {"comment": {"email": True}}, format="json")
    video = ready_video(me.user, title="My clip")

    commented(me.user, other.user, video)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [me.user.email]
    assert mail.outbox[0].subject == "New comments on your items"

    commented(me.user, other.user, video)
    commented(me.user, other.user, video)
    assert send_due_email_digests.delay().get() == 0
    assert len(mail.outbox) == 1, "a second mail within 15 minutes"

    window_passes(me.user)
    assert send_due_email_digests.delay().get() == 1
    assert len(mail.outbox) == 2
    folded = mail.outbox[1]
    assert folded.subject == "New comments on your items (2)"
    assert folded.body.count(f"@{other.user.username} commented on “My clip”") == 2

    assert send_due_email_digests.delay().get() == 0
    assert len(mail.outbox) == 2


def test_each_kind_has_its_own_window(auth_client):
    me, other = auth_client(), auth_client()
    me.patch(SETTINGS, {"comment": {"email": True}, "mention": {"email": True}}, format="json")
    video = ready_video(me.user)
    commented(me.user, other.user, video)
    notify(
        kind="mention",
        recipient_ids=[me.user.id],
        actor=other.user,
        target=Target(type="video", id=video.id, title=video.title),
        key="x",
    )
    assert sorted(m.subject for m in mail.outbox) == [
        "New comments on your items",
        "You were mentioned",
    ]


def test_no_mail_unless_asked_for_and_none_to_suspended_users(auth_client):
    me, other = auth_client(), auth_client()
    video = ready_video(me.user)
    commented(me.user, other.user, video)
    assert mail.outbox == []

    me.patch(SETTINGS, {"comment": {"email": True}}, format="json")
    commented(me.user, other.user, video)
    assert len(mail.outbox) == 1
    commented(me.user, other.user, video)
    me.user.is_active = False
    me.user.save()
    window_passes(me.user)
    send_due_email_digests.delay().get()
    assert len(mail.outbox) == 1
