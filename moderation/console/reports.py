"""Console reports: open reports grouped by target, the frozen snapshot beside the live target,
and their resolution (dismiss, remove the content, suspend the owner) through the apps' services.
"""

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.documents import User
from common.errors import NotFound, RuleViolation
from engagement import services as engagement_services
from engagement.documents import Tweet
from moderation import selectors as report_selectors
from moderation import services as report_services
from moderation.documents import Report
from videos import services as video_services
from videos.documents import Video

PAGE_SIZE = 25
RESOLUTIONS = {"dismiss": "dismissed", "remove": "removed", "suspend": "suspended"}
LIVE = {"video": Video, "tweet": Tweet, "user": User}


def _page_number(raw: str) -> int:
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


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
            live.update({(target_type, d.id): d for d in model.objects(id__in=wanted)})
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
    if isinstance(target, Tweet):
        return target.content
    return target.full_name


def resolve(*, staff, target_type: str, target_id, action: str, reason: str) -> int:
    """Apply the action to the target, then close every open report of it."""
    latest = report_selectors.reports_of_target(
        target_type=target_type, target_id=target_id, status="open"
    ).first()
    if latest is None:
        raise NotFound("No open reports of this target.")
    if action == "remove":
        _remove(target_type=target_type, target_id=target_id)
    elif action == "suspend":
        owner = account_selectors.users_by_ids(ids=[latest.target_owner_id]).get(
            latest.target_owner_id
        )
        if owner is not None and owner.is_active:
            account_services.set_user_active(user=owner, active=False)
    return report_services.resolve_reports(
        target_type=target_type,
        target_id=target_id,
        action=RESOLUTIONS[action],
        by=staff.get_username(),
        reason=reason,
    )


def _remove(*, target_type: str, target_id) -> None:
    if target_type == "user":
        raise RuleViolation("An account is not removed; suspend its owner instead.")
    model = LIVE.get(target_type)
    target = model.objects(id=target_id).first() if model else None
    if target is None:
        return
    if target_type == "video":
        video_services.delete_video(video=target)
    elif target_type == "tweet":
        engagement_services.delete_tweet(tweet=target)


def resolved_reports():
    """Resolved reports, newest first once paged."""
    return Report.objects(status="resolved")
