"""The OpenAPI schema: every operation documents its error responses, in the one error shape.

Which errors an operation can answer follows from what it takes: a body or query (400, 413,
415), a path id (404), sign-in (401, and 403 on writes, e.g. a failed CSRF check), throttles
(429). Views add the ones only their rules produce with `error_responses(...)`.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from common.api.idempotency import KEY_PATTERN
from common.api.serializers import ErrorSerializer, StrictSerializer

ERROR_DESCRIPTIONS = {
    400: "The input breaks a rule; `error.fields` names what, per field.",
    401: "No valid credentials: the token is missing, expired or its session ended.",
    403: "Signed in, but not allowed (or a cookie-authenticated write without its CSRF token).",
    404: "Nothing here, or nothing the caller may see.",
    409: "Conflicts with the current state (a taken name, a changed version).",
    413: "The body or a file is over its size limit.",
    412: "The Tus-Resumable header is missing or names a tus version not served here.",
    415: "The body's content type is not one this operation reads.",
    422: "This Idempotency-Key was used for another request (another body or route).",
    423: "Another request is writing the same thing right now; retry shortly.",
    429: "Too many requests; wait as long as the Retry-After header says.",
    460: "The body does not match its Upload-Checksum; none of it was kept.",
    503: "A dependency this needs is unavailable; try again later.",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
NO_NUL = "^[^\\x00]*$"
REQUEST_ID_HEADER = {
    "X-Request-ID": {
        "description": "This request's id, also in error bodies; quote it when reporting.",
        "schema": {"type": "string"},
    }
}
IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Any unique string (1-255 visible ASCII characters), yours for 24 h: a retry with the "
        "same key and body answers the first 2xx answer again (header Idempotent-Replayed) and "
        "creates nothing; the same key with another body is a 422, while the first still runs "
        "a 409."
    ),
    "schema": {"type": "string", "pattern": KEY_PATTERN},
}
RETRY_AFTER_HEADER = {
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Error responses an operation's own rules produce, for extend_schema(responses=...)."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status])
        for status in statuses
    }


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema plus error responses, request ids and strict request bodies."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        if self._is_idempotent():
            operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
        responses = operation["responses"]
        error_ref = self.resolve_serializer(ErrorSerializer(), "response").ref
        for status in sorted(self._implied_errors(operation)):
            responses.setdefault(
                str(status),
                {
                    "description": ERROR_DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": error_ref}},
                },
            )
        for status, response in responses.items():
            headers = response.setdefault("headers", {})
            headers.update(REQUEST_ID_HEADER)
            if status == "429":
                headers.update(RETRY_AFTER_HEADER)
        return operation

    def _is_idempotent(self) -> bool:
        """The action is decorated with common.api.idempotency.idempotent."""
        handler = getattr(self.view, getattr(self.view, "action", None) or "", None)
        return bool(getattr(handler, "idempotent", False))

    def _implied_errors(self, operation: dict) -> set[int]:
        """The errors any operation of this form can answer, whatever its own rules."""
        locations = {parameter["in"] for parameter in operation.get("parameters", [])}
        has_body = "requestBody" in operation
        signed_in = any(requirement for requirement in operation.get("security", []))
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        statuses = set()
        if has_body or "query" in locations:
            statuses.add(400)
        if has_body:
            statuses.update({413, 415})
        if "path" in locations or "cursor" in names:
            statuses.add(404)
        if signed_in:
            statuses.add(401)
            if self.method not in SAFE_METHODS:
                statuses.add(403)
        if self._is_idempotent():
            statuses.update({400, 409, 422})
        if self.view.get_throttles():
            statuses.add(429)
        return statuses

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if not type(serializer).__doc__:
            # Only a serializer's own docstring describes it, never one inherited from a base.
            schema.pop("description", None)
        if direction == "request":
            if isinstance(serializer, StrictSerializer):
                schema["additionalProperties"] = False
            self._refuse_nul_characters(serializer, schema)
        return schema

    def _refuse_nul_characters(self, serializer, schema: dict) -> None:
        """DRF refuses NUL in any text field; say so where no pattern says more already."""
        for name, field in serializer.fields.items():
            prop = schema.get("properties", {}).get(name, {})
            plain_text = prop.get("type") == "string" and not {"format", "enum", "pattern"} & set(
                prop
            )
            if isinstance(field, serializers.CharField) and plain_text:
                prop["pattern"] = NO_NUL
            items = prop.get("items", {})
            plain_items = items.get("type") == "string" and "pattern" not in items
            child = getattr(field, "child", None)
            if isinstance(child, serializers.CharField) and plain_items:
                items["pattern"] = NO_NUL
