"""Rate limits on reports."""

from common.api.throttling import ScopedThrottle


class ReportThrottle(ScopedThrottle):
    """Reports per signed-in reporter."""

    scope = "report"

    def identity(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        return str(user.id) if user is not None and user.is_authenticated else None
