"""Console reports: open reports grouped by target, the frozen snapshot beside the live target,
and their resolution (dismiss, remove the content, suspend the owner) through the apps' services.
"""

from accounts import selectors as account_selectors
from accounts.documents import User
from common.errors import NotFound, RuleViolation
from common.numbers import whole_number
from engagement.documents import Comment, Tweet
from engagement.services import Actor
from moderation import selectors as report_selectors
from moderation import services as report_services
from moderation.console import actions
from moderation.documents import Report
from notifications import services as notification_services
from videos.documents import Video

PAGE_SIZE = 25
# Pages past this one would ask the store to group more targets than any queue holds.
LAST_PAGE = 10_000
RESOLUTIONS = {"dismiss": "dismissed", "remove": "removed", "suspend": "suspended"}
LIVE = {"video": Video, "comment": Comment, "tweet": Tweet, "user": User}


def _page_number(raw: str) -> int:
    return whole_number(raw, low=1, high=LAST_PAGE) or 1


def open_groups(*, page: str) -> tuple[list[dict], int, bool]:
    """One page of targets with open reports: their figures, a snapshot and the live target."""
    number = _page_number(page)
    rows = report_selectors.open_targets(limit=PAGE_SIZE * number + 1)
    groups = rows[PAGE_SIZE * (number - 1) : PAGE_SIZE * number]
    ids = [group["target_id"] for group in groups]
    reports = Report.objects(status="open", target_id__in=ids).order_by("-id") if ids else []
    first = {}
    for report in reports:
        first.setdefault((report.target_type, report.target_id), []).append(report)
    live = {}
    for target_type, model in LIVE.items():
        wanted = [g["target_id"] for g in groups if g["target_type"] == target_type]
        if wanted:
            found = model.objects(id__in=wanted)
            if model is Comment:  # a removed comment is gone, though its document stays
                found = found.filter(status__ne="removed")
            live.update({(target_type, d.id): d for d in found})
    owners = account_selectors.users_by_ids(ids=[g["target_owner_id"] for g in groups])
    for group in groups:
        key = (group["target_type"], group["target_id"])
        group["latest"] = first.get(key, [None])[0]
        group["reasons"] = [r for r in first.get(key, []) if r.reason][:5]
        group["live"] = live.get(key)
        group["live_text"] = _text(group["live"]) if group["live"] is not None else ""
        group["owner"] = owners.get(group["target_owner_id"])
    return groups, number, len(rows) > PAGE_SIZE * number


def _text(target) -> str:
    """What a live target says now, in the snapshot's terms (title, then text)."""
    if isinstance(target, Video):
        return f"{target.title} {target.description}".strip()
    if isinstance(target, Tweet | Comment):
        return target.content
    return target.full_name


def resolve(*, by: Actor, target_type: str, target_id, action: str, reason: str) -> int:
    """Apply the action to the target, close every open report of it, log the decision and
    tell each reporter (saying nothing of what was done)."""
    open_reports = report_selectors.reports_of_target(
        target_type=target_type, target_id=target_id, status="open"
    )
    latest = open_reports.first()
    if latest is None:
        raise NotFound("No open reports of this target.")
    reporter_ids = open_reports.distinct("reporter_id")
    if action == "remove":
        _remove(by=by, target_type=target_type, target_id=target_id, reason=reason)
    elif action == "suspend":
        owner = account_selectors.users_by_ids(ids=[latest.target_owner_id]).get(
            latest.target_owner_id
        )
        if owner is not None and owner.is_active:
            actions.set_account_state(by=by, account=owner, active=False, reason=reason)
    closed = report_services.resolve_reports(
        target_type=target_type,
        target_id=target_id,
        action=RESOLUTIONS[action],
        by=by.name,
        reason=reason,
    )
    actions.log_resolution(
        by=by, target_type=target_type, target_id=target_id, action=action, reason=reason
    )
    notification_services.notify_report_resolved(
        reporter_ids=reporter_ids, target_type=target_type, target_id=target_id
    )
    return closed


def _remove(*, by: Actor, target_type: str, target_id, reason: str) -> None:
    if target_type == "user":
        raise RuleViolation("An account is not removed; suspend its owner instead.")
    target = LIVE[target_type].objects(id=target_id).first()
    if target is None:
        return
    if target_type == "video":
        actions.take_down(by=by, item=target, reason=reason)
    elif target_type == "tweet":
        actions.remove_tweet(by=by, tweet=target, reason=reason)
    else:
        actions.remove_comments(by=by, comments=[target], reason=reason)


def resolved_reports():
    """Resolved reports, newest first once paged."""
    return Report.objects(status="resolved")
