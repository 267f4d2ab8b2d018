"""Moderation reads: the open queue, reports grouped by target, a reporter's reports."""

from bson import ObjectId

from accounts.documents import User
from moderation.documents import Report


def open_reports():
    """Open reports, newest first once paginated (on the status, time index)."""
    return Report.objects(status="open")


def reports_of_target(*, target_type: str, target_id: ObjectId, status: str | None = None):
    """Reports of one target, optionally in one status, on the target index."""
    query = Report.objects(target_type=target_type, target_id=target_id)
    return query.filter(status=status) if status else query


def reports_by(*, reporter: User):
    """A reporter's reports, newest first once paginated."""
    return Report.objects(reporter_id=reporter.id)


def open_targets(*, limit: int = 50) -> list[dict]:
    """Targets with open reports, most distinct reporters first then latest report, in one
    aggregation: type, id, owner, reporters, reports, categories, first and last report time."""
    pipeline = [
        {"$match": {"status": "open"}},
        {
            "$group": {
                "_id": {"target_type": "$target_type", "target_id": "$target_id"},
                "target_owner_id": {"$first": "$target_owner_id"},
                "reporter_ids": {"$addToSet": "$reporter_id"},
                "reports": {"$sum": 1},
                "categories": {"$addToSet": "$category"},
                "first_reported_at": {"$min": "$created_at"},
                "last_reported_at": {"$max": "$created_at"},
            }
        },
        {
            "$project": {
                "_id": 0,
                "target_type": "$_id.target_type",
                "target_id": "$_id.target_id",
                "target_owner_id": 1,
                "reporters": {"$size": "$reporter_ids"},
                "reports": 1,
                "categories": 1,
                "first_reported_at": 1,
                "last_reported_at": 1,
            }
        },
        {"$sort": {"reporters": -1, "last_reported_at": -1}},
        {"$limit": limit},
    ]
    rows = list(Report._get_collection().aggregate(pipeline))
    for row in rows:
        row["categories"] = sorted(row["categories"])
    return rows
