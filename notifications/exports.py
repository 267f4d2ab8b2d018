"""What notifications adds to a user's data export: their notification settings."""

from accounts.documents import User
from common.exports import ExportPart
from notifications.selectors import settings_of


def export_parts(*, user: User, **kwargs) -> list[ExportPart]:
    """Per kind, whether it shows in the inbox and whether it is e-mailed."""
    chosen = settings_of(user=user)
    return [
        ExportPart(
            name="notification_settings",
            records=lambda: ({"kind": kind, **choice} for kind, choice in chosen.items()),
        )
    ]
