"""Staff users and signed-in admin clients for the console tests."""

from django.contrib.auth.models import Group
from django.contrib.auth.models import User as Staff
from django.test import Client

from moderation.documents import Report, Snapshot, open_key

PASSWORD = "Staff-pass-1!"


def staff_client(*, role: str = "moderator", csrf: bool = False) -> Client:
    """A Django test client signed in as a staff member: "moderator", "superuser" or "staff"."""
    name = f"{role}-staff"
    if role == "superuser":
        staff = Staff.objects.create_superuser(name, f"{name}@example.com", PASSWORD)
    else:
        staff = Staff.objects.create_user(name, f"{name}@example.com", PASSWORD, is_staff=True)
        if role == "moderator":
            staff.groups.add(Group.objects.get(name="moderator"))
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(staff)
    client.staff = staff
    return client


def login_status(api_client, user) -> int:
    """The status the platform's login answers for a user of the tests' make_user fixture."""
    body = {"login": user.username, "password": "S3cure-pass!"}
    return api_client.post("/api/v1/auth/login", body, format="json").status_code


def reported(video, reporter, *, status: str = "open") -> Report:
    """A spam report of an item straight in the store, open or dismissed."""
    report = Report(
        reporter_id=reporter.id,
        target_type="video",
        target_id=video.id,
        target_owner_id=video.owner_id,
        category="spam",
        status=status,
        snapshot=Snapshot(owner_id=video.owner_id, owner_username="owner", title=video.title),
    )
    if status == "open":
        report.open_key = open_key(reporter_id=reporter.id, target_type="video", target_id=video.id)
    else:
        report.resolution = "dismissed"
    return report.save(force_insert=True)
