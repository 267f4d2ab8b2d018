"""What channels adds to a user's data export: the channels they subscribe to."""

from collections.abc import Iterator

from accounts.documents import User
from accounts.selectors import users_by_ids
from channels_app.documents import Subscription
from common.exports import ExportPart
from common.upgrades import batches


def export_parts(*, user: User, **kwargs) -> list[ExportPart]:
    """The user's subscriptions, with each channel's username, a batch at a time."""

    def subscriptions() -> Iterator[dict]:
        for rows in batches(Subscription._get_collection(), {"subscriber_id": user.id}):
            channels = users_by_ids(ids=[row["channel_id"] for row in rows])
            for row in rows:
                channel = channels.get(row["channel_id"])
                yield {
                    "channel_id": row["channel_id"],
                    "username": channel.username if channel else None,
                    "notify": row.get("notify"),
                    "created_at": row.get("created_at"),
                }

    return [ExportPart(name="subscriptions", records=subscriptions)]
