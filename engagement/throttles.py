"""Rate limits on engagement writes."""

from common.api.throttling import ScopedThrottle


class TweetThrottle(ScopedThrottle):
    """Tweets per signed-in author."""

    scope = "tweet"

    def identity(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        return str(user.id) if user is not None and user.is_authenticated else None


class CommentThrottle(ScopedThrottle):
    """Comments and replies per signed-in author."""

    scope = "comment"

    def identity(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        return str(user.id) if user is not None and user.is_authenticated else None
