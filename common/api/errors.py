"""The one error shape: every 4xx/5xx body is {"error": {...}, "request_id": ...}."""

import structlog
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response

from common import errors as domain
from common.api.middleware import current_request_id

logger = structlog.get_logger(__name__)

# The one place domain errors become HTTP statuses.
DOMAIN_STATUS: dict[type[domain.DomainError], int] = {
    domain.NotFound: status.HTTP_404_NOT_FOUND,
    domain.NotAllowed: status.HTTP_403_FORBIDDEN,
    domain.Conflict: status.HTTP_409_CONFLICT,
    domain.RuleViolation: status.HTTP_400_BAD_REQUEST,
    domain.AuthenticationFailed: status.HTTP_401_UNAUTHORIZED,
    domain.RateLimited: status.HTTP_429_TOO_MANY_REQUESTS,
    domain.TooLarge: status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    domain.Unavailable: status.HTTP_503_SERVICE_UNAVAILABLE,
    domain.Busy: status.HTTP_423_LOCKED,
    # tus 1.0's checksum extension names this status for a body that fails its checksum.
    domain.ChecksumMismatch: 460,
}


class DomainAPIError(exceptions.APIException):
    """A domain error dressed for DRF: its status from DOMAIN_STATUS, its code and fields kept."""

    def __init__(self, error: domain.DomainError):
        super().__init__(detail=error.message, code=error.code)
        self.status_code = next(
            code for kind, code in DOMAIN_STATUS.items() if isinstance(error, kind)
        )
        self.fields = error.fields
        if isinstance(error, domain.RateLimited):
            self.wait = error.wait


def error_body(*, status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    """Build the error envelope every failing response carries."""
    return {
        "error": {"status": status_code, "code": code, "message": message, "fields": fields or {}},
        "request_id": current_request_id(),
    }


def _flatten(detail) -> dict:
    """Turn DRF's nested error detail into {field: [messages]}."""
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value):
    if isinstance(value, dict):
        return {key: _messages(inner) for key, inner in value.items()}
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            return [_messages(item) for item in value]
        return [str(item) for item in value]
    return [str(value)]


def _first_message(fields: dict) -> str:
    for value in fields.values():
        while isinstance(value, (list, dict)) and value:
            value = next(iter(value.values())) if isinstance(value, dict) else value[0]
        if isinstance(value, str):
            return value
    return "Invalid input."


def _translate(exc: Exception) -> exceptions.APIException:
    """Map Django and library exceptions onto API exceptions; anything unknown is a 500."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, domain.DomainError):
        return DomainAPIError(exc)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent)):
        return DomainAPIError(domain.TooLarge())
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ParseError("The request could not be understood.")
    logger.exception("unhandled_error", exc_info=exc)
    return exceptions.APIException()


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF exception handler rendering every failure in the one error shape."""
    exc = _translate(exc)
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        code, message = "validation_error", _first_message(fields)
    else:
        fields = getattr(exc, "fields", {})
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        message = _detail_message(exc.detail)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    elif exc.status_code == status.HTTP_401_UNAUTHORIZED and context.get("view"):
        challenge = context["view"].get_authenticate_header(context["request"])
        if challenge:
            headers["WWW-Authenticate"] = challenge
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait)))
    body = error_body(status_code=exc.status_code, code=code, message=message, fields=fields)
    return Response(body, status=exc.status_code, headers=headers)


def _detail_message(detail) -> str:
    if isinstance(detail, dict):
        return str(detail.get("detail") or _first_message(_flatten(detail)))
    if isinstance(detail, list):
        return str(detail[0]) if detail else "Error."
    return str(detail)


def json_error(request, *, status_code: int, code: str, message: str) -> JsonResponse:
    """A plain Django response in the error shape, for failures outside DRF."""
    body = error_body(status_code=status_code, code=code, message=message)
    return JsonResponse(body, status=status_code)


@csrf_exempt
def not_found(request, exception=None, **kwargs) -> JsonResponse:
    """Unknown routes, whatever the method, answer in the error shape instead of an HTML page."""
    return json_error(request, status_code=404, code="not_found", message="Not found.")


def method_not_allowed(request, *, allowed: list[str]) -> JsonResponse:
    """A method the route does not serve, in the error shape, naming the ones it does."""
    response = json_error(
        request,
        status_code=405,
        code="method_not_allowed",
        message=f'Method "{request.method}" not allowed.',
    )
    response["Allow"] = ", ".join(allowed)
    return response


def csrf_failure(request, reason: str = "") -> JsonResponse:
    """A cookie-authenticated write without its CSRF token, in the error shape."""
    return json_error(
        request, status_code=403, code="csrf_failed", message=f"CSRF check failed: {reason}"
    )


def server_error(request) -> JsonResponse:
    """Uncaught errors outside DRF answer without a stack trace."""
    return json_error(
        request, status_code=500, code="server_error", message="A server error occurred."
    )


def bad_request(request, exception=None) -> JsonResponse:
    """Malformed requests caught by Django itself."""
    return json_error(
        request, status_code=400, code="bad_request", message="The request could not be understood."
    )


def permission_denied(request, exception=None) -> JsonResponse:
    """Django-level permission failures."""
    return json_error(request, status_code=403, code="permission_denied", message="Forbidden.")
