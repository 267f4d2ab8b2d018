"""Domain errors: what services and selectors raise; the API layer maps each to a status once.

They carry no HTTP types, so tasks, management commands and the admin console can call the same
services and handle the same errors.
"""


class DomainError(Exception):
    """A rule of the platform refused the operation; `code` and `fields` explain it to clients."""

    default_code = "error"
    default_message = "The operation was refused."

    def __init__(
        self, message: str = "", *, code: str = "", fields: dict[str, list[str]] | None = None
    ):
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.fields = fields or {}
        super().__init__(self.message)

    @classmethod
    def on_field(cls, field: str, message: str, *, code: str = "") -> "DomainError":
        """The same error, naming the input field it is about."""
        return cls(message, code=code, fields={field: [message]})


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know that it does."""

    default_code = "not_found"
    default_message = "Not found."


class InvalidCursor(NotFound):
    """A page cursor the server did not mint (forged, cut short, out of range) names no page."""

    default_code = "invalid_cursor"
    default_message = "Invalid cursor."


class NotAllowed(DomainError):
    """The caller is known but may not do this."""

    default_code = "permission_denied"
    default_message = "You may not do this."


class Conflict(DomainError):
    """The request clashes with the current state (a taken name, a changed version)."""

    default_code = "conflict"
    default_message = "This conflicts with the current state."


class RuleViolation(DomainError):
    """The input breaks a rule: a bad value, a file that is not what it claims."""

    default_code = "validation_error"
    default_message = "Invalid input."


class AuthenticationFailed(DomainError):
    """The credentials or token do not identify a live account."""

    default_code = "authentication_failed"
    default_message = "Authentication failed."


class RateLimited(DomainError):
    """Asked again too soon; `wait` says how many seconds to hold off."""

    default_code = "throttled"
    default_message = "Too many requests; wait and try again."

    def __init__(self, message: str = "", *, wait: int, code: str = ""):
        super().__init__(message, code=code)
        self.wait = wait


class ChecksumMismatch(DomainError):
    """The bytes that arrived are not the ones their checksum describes; none were kept."""

    default_code = "checksum_mismatch"
    default_message = "The body does not match its checksum."


class Busy(DomainError):
    """Another request is changing the same thing right now; retrying shortly succeeds."""

    default_code = "busy"
    default_message = "Another request is changing this now; retry shortly."


class TooLarge(DomainError):
    """A body or file is over its size limit."""

    default_code = "payload_too_large"
    default_message = "The request body is too large."


class Unavailable(DomainError):
    """A dependency the operation needs (a tool, a store) is missing or down."""

    default_code = "service_unavailable"
    default_message = "The service is temporarily unavailable."
