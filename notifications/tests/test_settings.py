"""Notification settings: defaults, partial changes, and what they do to delivery."""

from django.core import mail

from notifications.documents import KINDS
from notifications.tests.helpers import SETTINGS, follow, kinds_of, stored
from videos.tests.helpers import ready_video


def test_defaults_show_everything_and_mail_only_failures_and_reports(auth_client):
    me = auth_client()
    response = me.get(SETTINGS)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(KINDS)
    assert all(body[kind]["web"] for kind in KINDS)
    assert {kind for kind in KINDS if body[kind]["email"]} == {"video_failed", "report_resolved"}


def test_patch_changes_only_what_it_names(auth_client):
    me = auth_client()
    response = me.patch(
        SETTINGS, {"new_video": {"email": True}, "comment": {"web": False}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["new_video"] == {"web": True, "email": True}
    assert response.json()["comment"] == {"web": False, "email": False}
    me.patch(SETTINGS, {"comment": {"email": True}}, format="json")
    body = me.get(SETTINGS).json()
    assert body["comment"] == {"web": False, "email": True}
    assert body["new_video"] == {"web": True, "email": True}
    assert body["video_failed"] == {"web": True, "email": True}
    assert me.patch(SETTINGS, {}, format="json").json() == body


def test_bad_settings_are_refused_and_change_nothing(auth_client):
    me = auth_client()
    before = me.get(SETTINGS).json()
    for payload in (
        {"unknown_kind": {"web": False}},
        {"comment": {"sms": True}},
        {"comment": {"web": "no"}},
        {"comment": None},
        {"comment": True},
    ):
        response = me.patch(SETTINGS, payload, format="json")
        assert response.status_code == 400, payload
    assert me.get(SETTINGS).json() == before
    assert auth_client().get(SETTINGS).json() == before


def test_settings_need_sign_in(api_client):
    assert api_client.get(SETTINGS).status_code == 401


def test_web_off_keeps_it_out_of_the_inbox_and_email_on_mails_it(auth_client):
    owner, quiet, mailed = auth_client(), auth_client(), auth_client()
    follow(quiet.user, owner.user)
    follow(mailed.user, owner.user)
    quiet.patch(SETTINGS, {"new_video": {"web": False}}, format="json")
    mailed.patch(SETTINGS, {"new_video": {"web": False, "email": True}}, format="json")
    ready_video(owner.user, title="Fresh")
    assert kinds_of(quiet) == [] and stored(quiet.user) == []
    assert kinds_of(mailed) == []
    assert [m.to for m in mail.outbox] == [[mailed.user.email]]
    assert "Fresh" in mail.outbox[0].body
