"""Request size caps: each route's body limit is checked before any of the body is read, and
each uploaded file is capped while it arrives, so nothing past its limit is buffered or spooled.

A route's body limit is REQUEST_BODY_MAX_BYTES (JSON and form fields) plus the limits of the
files it takes, which viewsets declare per action with UploadLimitsMixin; an action that reads
its body raw as a stream (a tus PATCH) declares its own with RawBodyMixin. Bodies without a
Content-Length (chunked) are never read at all: Django reads at most CONTENT_LENGTH bytes.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from rest_framework.parsers import MultiPartParser

from common.api.errors import json_error
from common.errors import TooLarge


def describe_size(size: int) -> str:
    """A byte count as people read it: 5 MB, 256 kB."""
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024, 1):g} kB"


class MaxSizeUploadHandler(FileUploadHandler):
    """Refuses a file the moment it passes its field's limit, before more of it is stored.

    It runs first in the chain; on refusal it tells the storing handlers after it, so a
    temporary file already started is removed at once.
    """

    def __init__(self, request=None, *, limits: dict[str, int], storage: list[FileUploadHandler]):
        super().__init__(request)
        self.limits = limits
        self.storage = storage
        self.limit: int | None = None
        self.received = 0

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.limit = self.limits.get(field_name)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.limit is not None and self.received > self.limit:
            for handler in self.storage:
                handler.upload_interrupted()
            message = f"The file is larger than {describe_size(self.limit)}."
            raise TooLarge.on_field(self.field_name, message)
        return raw_data

    def file_complete(self, file_size):
        return None


def install_upload_handlers(request, *, limits: dict[str, int], to_disk: bool) -> None:
    """Put the per-field cap in front of the handlers that store uploads; media skips memory."""
    storage = [TemporaryFileUploadHandler(request)] if to_disk else list(request.upload_handlers)
    cap = MaxSizeUploadHandler(request, limits=limits, storage=storage)
    request.upload_handlers = [cap, *storage]


class UploadLimitsMixin:
    """A viewset taking files: `upload_limits` maps each action to its file fields and the name
    of the setting that holds each one's byte limit; `uploads_to_disk` spools them to disk.

    Those actions read multipart bodies only, or also JSON when listed in `json_too` (a file is
    optional there); every other action reads JSON only, the default parser.
    """

    upload_limits: dict[str, dict[str, str]] = {}
    json_too: frozenset[str] = frozenset()
    uploads_to_disk = False

    def get_parsers(self):
        action = getattr(self, "action", None) or self.action_map.get(self.request.method.lower())
        if action not in self.upload_limits:
            return super().get_parsers()
        multipart = [MultiPartParser()]
        return [*super().get_parsers(), *multipart] if action in self.json_too else multipart

    @classmethod
    def file_limits(cls, action: str | None) -> dict[str, int]:
        """The byte limit of each file field the action takes, read from settings now."""
        fields = cls.upload_limits.get(action or "", {})
        return {field: getattr(settings, name) for field, name in fields.items()}

    def initialize_request(self, request, *args, **kwargs):
        request = super().initialize_request(request, *args, **kwargs)
        limits = self.file_limits(self.action)
        install_upload_handlers(request, limits=limits, to_disk=self.uploads_to_disk)
        return request


class RawBodyMixin:
    """A viewset whose actions read their body raw, as a stream, never through a parser:
    `raw_body_limits` maps each such action to the name of the setting holding its byte limit."""

    raw_body_limits: dict[str, str] = {}


def body_limit(view_func, method: str) -> int:
    """The largest body a route takes: the JSON cap plus the limits of the files it accepts,
    or the limit of a raw body."""
    limit = settings.REQUEST_BODY_MAX_BYTES
    view_class = getattr(view_func, "cls", None)
    action = (getattr(view_func, "actions", None) or {}).get(method.lower())
    if isinstance(view_class, type) and issubclass(view_class, UploadLimitsMixin):
        limit += sum(view_class.file_limits(action).values())
    if isinstance(view_class, type) and issubclass(view_class, RawBodyMixin):
        raw = view_class.raw_body_limits.get(action or "")
        limit = max(limit, getattr(settings, raw)) if raw else limit
    return limit


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Answers 413 in the error shape when a body declares more than its route takes, unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = body_limit(view_func, request.method)
        if _declared_length(request) <= limit:
            return None
        return json_error(
            request,
            status_code=413,
            code="payload_too_large",
            message=f"The request body is larger than {describe_size(limit)}.",
        )
