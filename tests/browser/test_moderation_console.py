"""The moderation console in Chromium: a moderator signs in to the admin site and acts by
clicking through its pages; every effect is checked through the platform's HTTP API."""

import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.browser.conftest import ARTIFACTS, REPORTS
from tests.live import PASSED_ENV, call, sign_up, upload
from videos.samples import make_clip

pytestmark = pytest.mark.slow

PASSWORD = "a-long-pass-phrase"
STAFF_PASSWORD = "Moderator-pass-1!"
HOSTILE = "You are an idiot, this is the worst garbage ever, I hate it"
# The docs' picture of the home page, refreshed only when asked (UPDATE_DOCS_SCREENSHOTS=1).
HOME_SHOT = settings.BASE_DIR / "docs" / "moderation-home.png"
# The moderator group acts on content and reports; suspending is a superuser's right, given to
# this moderator explicitly so one person can click through every step.
MAKE_MODERATOR = """
from django.contrib.auth.models import Group, Permission, User
staff = User.objects.create_user("{name}", "{name}@example.com", "{password}", is_staff=True)
staff.groups.add(Group.objects.get(name="moderator"))
staff.user_permissions.add(Permission.objects.get(codename="suspend_users"))
"""


@pytest.fixture(scope="module")
def moderator(live_platform) -> str:
    """A staff account in the moderator group, created in the running server's SQL store."""
    name = f"mod{secrets.token_hex(3)}"
    env = {key: os.environ[key] for key in PASSED_ENV if key in os.environ}
    env.update(VAR_DIR=str(live_platform.log.parent / "var"), DJANGO_DEBUG="0")
    command = MAKE_MODERATOR.format(name=name, password=STAFF_PASSWORD)
    manage = str(settings.BASE_DIR / "manage.py")
    subprocess.run([sys.executable, manage, "shell", "-c", command], env=env, check=True)
    return name


def _ready_item(base: str, log, token: str, path) -> dict:
    video_id = upload(base, token, path, title="Reported clip")["id"]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        _, _, item = call(base, "GET", f"/api/v1/videos/{video_id}", token=token)
        assert item["status"] != "failed", item
        if item["status"] == "ready":
            return item
        time.sleep(0.3)
    pytest.fail(f"not processed in time:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def suspect(live_platform, tmp_path_factory) -> dict:
    """A creator with one public, processed item."""
    base, log = live_platform.url, live_platform.log
    username = f"suspect{secrets.token_hex(3)}"
    session = sign_up(base, log, username=username, password=PASSWORD)
    clip = make_clip(tmp_path_factory.mktemp("console-clips"), seconds=2)
    return {"username": username, "item": _ready_item(base, log, session["access"], clip)}


@pytest.fixture
def shots(new_page, request):
    """A screenshot of each page the test went through, saved under the test artifacts dir only
    if the test fails."""
    taken: list[tuple[str, bytes]] = []
    yield lambda name: taken.append((name, new_page.page.screenshot(full_page=True)))
    outcome = request.node.stash.get(REPORTS, {}).get("call")
    if outcome is not None and outcome.failed:
        folder = ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        for index, (name, png) in enumerate(taken):
            (folder / f"{index:02d}-{name}.png").write_bytes(png)


@pytest.fixture(scope="module")
def community(live_platform, tmp_path_factory) -> dict:
    """A creator's processed item with a fan's held comment on it, which the fan also reports."""
    base, log = live_platform.url, live_platform.log
    creator = sign_up(base, log, username=f"creator{secrets.token_hex(3)}", password=PASSWORD)
    fan = sign_up(base, log, username=f"fan{secrets.token_hex(3)}", password=PASSWORD)
    clip = make_clip(tmp_path_factory.mktemp("community-clips"), seconds=2)
    item = _ready_item(base, log, creator["access"], clip)
    status, _, held = call(
        base, "POST", f"/api/v1/videos/{item['id']}/comments", {"content": HOSTILE}, fan["access"]
    )
    assert status == 201 and held["status"] == "held", held
    report = {"target_type": "video", "target_id": item["id"], "category": "spam", "reason": "ads"}
    assert call(base, "POST", "/api/v1/reports", report, fan["access"])[0] == 201
    return {"item": item, "comment": held, "fan": fan}


def _sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/admin/moderation/")
    assert "/admin/login/" in page.url  # not signed in: the admin's own login page
    page.fill("#id_username", name)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/moderation/")


def _login_status(base: str, username: str) -> int:
    body = {"login": username, "password": PASSWORD}
    return call(base, "POST", "/api/v1/auth/login", body)[0]


def test_a_moderator_suspends_a_user_by_clicking(
    new_page, shots, live_platform, moderator, suspect
):
    page, base = new_page.page, live_platform.url
    item_url = f"/api/v1/videos/{suspect['item']['id']}"
    assert _login_status(base, suspect["username"]) == 200
    assert call(base, "GET", item_url)[0] == 200

    _sign_in(page, base, moderator)
    shots("home")
    assert page.locator("#moderation-counts").is_visible()

    page.click("#moderation-counts a:has-text('Suspended users')")
    page.select_option("select[name=state]", "")
    page.fill("#searchbar", suspect["username"])
    page.click("#changelist-search input[type=submit]")
    shots("users")
    page.click(f"#result_list a:has-text('{suspect['username']}')")
    page.fill("#id_reason", "Spam wave across many channels")
    page.click("#user-action input[type=submit]")
    shots("suspended")
    assert page.locator(".messagelist .success").inner_text().lower() == (
        f"{suspect['username']} suspended."
    )
    assert page.locator("#account-state").inner_text() == "suspended"

    assert _login_status(base, suspect["username"]) in (401, 403)
    assert call(base, "GET", item_url)[0] == 404


def test_a_moderator_approves_a_held_comment_and_removes_reported_content_by_clicking(
    new_page, shots, live_platform, moderator, community
):
    page, base = new_page.page, live_platform.url
    item_id, comment_id = community["item"]["id"], community["comment"]["id"]
    comments_path = f"/api/v1/videos/{item_id}/comments"
    assert call(base, "GET", comments_path)[2]["results"] == []  # held: nobody else sees it

    _sign_in(page, base, moderator)
    shots("home")
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        page.set_viewport_size({"width": 960, "height": 480})
        page.screenshot(path=str(HOME_SHOT), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})
    page.click("#moderation-counts a:has-text('Held comments')")
    shots("held-comments")
    page.check(f"#comment-{comment_id} input.action-select")
    page.select_option("#comment-actions select[name=action]", "approve")
    page.click("#comment-actions button[type=submit]")
    shots("approved")
    assert page.locator(".messagelist .success").inner_text() == "1 comment(s) approved."
    listed = call(base, "GET", comments_path)[2]["results"]
    assert [c["id"] for c in listed] == [comment_id]  # visible to anyone now

    page.click("#nav-sidebar a:has-text('Reports')")
    group = page.locator(f"#report-video-{item_id}")
    shots("reports")
    assert "1 reporter" in group.locator("h2").inner_text()
    group.locator("select[name=action]").select_option("remove")
    group.locator("input[name=reason]").fill("Advertising spam")
    group.locator("input[type=submit]").click()
    shots("resolved")
    assert "1 report(s) of this video resolved" in page.locator(".messagelist").inner_text()
    assert call(base, "GET", f"/api/v1/videos/{item_id}")[0] == 404
    _, _, told = call(base, "GET", "/api/v1/notifications", token=community["fan"]["access"])
    heard = [(n["kind"], n["target"]["id"]) for n in told["results"]]
    assert ("report_resolved", item_id) in heard

    page.click("#nav-sidebar a:has-text('Moderation log')")
    shots("log")
    actions = page.locator("#result_list td.action").all_inner_texts()
    assert actions[:3] == ["resolve_remove", "take_down", "approve"]
