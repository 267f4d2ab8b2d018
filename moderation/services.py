"""Moderation writes: filing reports (one open per reporter and target) and resolving them."""

from dataclasses import dataclass

from django.utils import timezone
from mongoengine import NotUniqueError

from accounts.documents import User
from common.errors import RuleViolation
from moderation.documents import RESOLUTIONS, Report, Snapshot, open_key
from moderation.targets import load_target


@dataclass(frozen=True)
class Filed:
    report: Report
    created: bool


def _now():
    """Now at the store's precision (milliseconds), so a repeat answers the very same report."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def file_report(
    *, reporter: User, target_type: str, target_id: str, category: str, reason: str = ""
) -> Filed:
    """Report a target the reporter can see, freezing a copy of it; a repeat while the first is
    open answers that one."""
    target = load_target(target_type=target_type, target_id=target_id, viewer=reporter)
    if target.owner.id == reporter.id:
        raise RuleViolation.on_field(
            "target_id", "You cannot report yourself or your own content.", code="own_content"
        )
    key = open_key(reporter_id=reporter.id, target_type=target_type, target_id=target.id)
    report = Report(
        reporter_id=reporter.id,
        target_type=target_type,
        target_id=target.id,
        target_owner_id=target.owner.id,
        category=category,
        reason=reason.strip(),
        open_key=key,
        snapshot=Snapshot(
            owner_id=target.owner.id,
            owner_username=target.owner.username,
            title=target.title,
            text=target.text,
            created_at=target.created_at,
        ),
        created_at=_now(),
    )
    try:
        report.save(force_insert=True)
    except NotUniqueError:
        existing = Report.objects(open_key=key).first()
        if existing is None:  # resolved between our insert and this read: file it afresh
            return file_report(
                reporter=reporter,
                target_type=target_type,
                target_id=target_id,
                category=category,
                reason=reason,
            )
        return Filed(report=existing, created=False)
    return Filed(report=report, created=True)


def resolve_reports(*, target_type: str, target_id, action: str, by: str, reason: str = "") -> int:
    """Close every open report of a target with the action taken (its effect is the caller's
    job); returns how many were closed. Reporting the target again opens a new report."""
    if action not in RESOLUTIONS:
        raise RuleViolation.on_field("action", f"One of {', '.join(RESOLUTIONS)}.")
    return Report.objects(target_type=target_type, target_id=target_id, status="open").update(
        set__status="resolved",
        set__resolution=action,
        set__resolution_reason=reason,
        set__resolved_at=timezone.now(),
        set__resolved_by=by,
        unset__open_key=True,
    )
