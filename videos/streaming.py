"""Serve stored media with validators and byte ranges, letting the WSGI server sendfile() it."""

import calendar
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, TypeVar

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag

from common.api.errors import json_error

# Longer numbers cannot name a real offset; treating them as invalid ignores the Range (RFC 9110).
_RANGE_SPEC = re.compile(r"([0-9]{0,18})-([0-9]{0,18})")
Response = TypeVar("Response", bound=HttpResponseBase)


@dataclass(frozen=True)
class ByteRange:
    """One satisfiable range of a representation, both ends inclusive."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class RangeNotSatisfiable(Exception):
    """The Range header is valid but lies outside the representation: answer 416."""


def parse_range(*, header: str | None, size: int) -> ByteRange | None:
    """Read a single-range request; anything we do not serve as 206 yields None (full 200)."""
    if not header:
        return None
    unit, equals, range_set = header.partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    specs = [spec.strip() for spec in range_set.split(",") if spec.strip()]
    match = _RANGE_SPEC.fullmatch(specs[0]) if len(specs) == 1 else None
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return ByteRange(start=max(size - suffix, 0), end=size - 1)
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    return ByteRange(start=start, end=min(int(last) if last else size - 1, size - 1))


class RangeFile:
    """A file object limited to `length` bytes from its current position.

    fileno() lets gunicorn sendfile() exactly Content-Length bytes from the current offset;
    read() stops at the limit for servers without sendfile. seek() and tell() use the raw
    file's offsets, as socket.sendfile()'s read fallback seeks to the offset it took from fileno.
    """

    def __init__(self, raw: BinaryIO, length: int):
        self.raw = raw
        self._position = raw.tell()
        self._end = self._position + length

    def read(self, size: int | None = -1) -> bytes:
        left = max(self._end - self._position, 0)
        size = left if size is None or size < 0 else min(size, left)
        data = self.raw.read(size) if size else b""
        self._position += len(data)
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.raw.seek(offset, whence)
        self._position = self.raw.tell()
        return self._position

    def tell(self) -> int:
        return self._position

    def fileno(self) -> int:
        return self.raw.fileno()

    def close(self) -> None:
        self.raw.close()


def _epoch_seconds(moment: datetime) -> int:
    """HTTP dates have whole seconds; naive datetimes (as Mongo returns them) are UTC."""
    return calendar.timegm(moment.utctimetuple())


def _not_modified(request: HttpRequest, *, etag: str, modified: int) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        weak = {tag.removeprefix("W/") for tag in tags}
        return tags == ["*"] or etag.removeprefix("W/") in weak
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified <= since


def _range_allowed(request: HttpRequest, *, etag: str, modified: int) -> bool:
    """If-Range: resume only if the client's copy is still this one (strong comparison)."""
    if_range = request.headers.get("If-Range")
    if if_range is None:
        return True
    if_range = if_range.strip()
    if if_range.startswith(('"', "W/")):
        return if_range == etag and not etag.startswith("W/")
    return parse_http_date_safe(if_range) == modified


def _with_headers(response: Response, headers: dict[str, str]) -> Response:
    """ResponseHeaders has no update(); set each header in turn."""
    for name, value in headers.items():
        response[name] = value
    return response


def _range_not_satisfiable(request: HttpRequest, *, size: int) -> HttpResponse:
    """416 in the error shape, naming the representation's length as RFC 9110 asks."""
    response = json_error(
        request,
        status_code=416,
        code="range_not_satisfiable",
        message=f"The requested range is outside the file's {size} bytes.",
    )
    return _with_headers(response, {"Accept-Ranges": "bytes", "Content-Range": f"bytes */{size}"})


def file_response(
    *,
    request: HttpRequest,
    open_file: Callable[[], BinaryIO],
    size: int,
    content_type: str,
    etag: str,
    last_modified: datetime,
    cache_control: str = "private, max-age=3600",
) -> HttpResponseBase:
    """Answer GET/HEAD for a stored file: 304, 206, 416 or 200, never reading it into memory."""
    etag = quote_etag(etag)
    modified = _epoch_seconds(last_modified)
    validators = {"ETag": etag, "Last-Modified": http_date(modified)}
    if _not_modified(request, etag=etag, modified=modified):
        return _with_headers(
            HttpResponseNotModified(), {**validators, "Cache-Control": cache_control}
        )

    byte_range = None
    if request.method == "GET" and _range_allowed(request, etag=etag, modified=modified):
        try:
            byte_range = parse_range(header=request.headers.get("Range"), size=size)
        except RangeNotSatisfiable:
            return _with_headers(_range_not_satisfiable(request, size=size), validators)

    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        length = size
    else:
        start, length = (0, size) if byte_range is None else (byte_range.start, byte_range.length)
        raw = open_file()
        raw.seek(start)
        # FileResponse.set_headers() derives a Content-Length from the seekable file (the raw
        # file's remainder, not our window), so the one set below must come after it.
        response = FileResponse(
            RangeFile(raw, length),
            status=200 if byte_range is None else 206,
            content_type=content_type,
            as_attachment=False,
        )
    if byte_range is not None:
        response["Content-Range"] = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    return _with_headers(
        response,
        {
            **validators,
            "Accept-Ranges": "bytes",
            "Cache-Control": cache_control,
            "Content-Length": str(length),
        },
    )


def accel_redirect_response(
    *,
    request: HttpRequest,
    internal_uri: str,
    size: int,
    content_type: str,
    etag: str,
    last_modified: datetime,
    cache_control: str = "private, max-age=3600",
) -> HttpResponse:
    """Hand the transfer to nginx once the view has authorised it; nginx answers Range and
    conditional requests from the file (with its own validators) and repeats Cache-Control.

    A Range past the end is answered here, in the error shape with the file's length, as
    file_response answers it: nginx's own 416 is an HTML page. With If-Range the client's
    validator is nginx's, which only nginx can compare, so that request goes to nginx whole.
    """
    if request.method == "GET" and "If-Range" not in request.headers:
        try:
            parse_range(header=request.headers.get("Range"), size=size)
        except RangeNotSatisfiable:
            return _range_not_satisfiable(request, size=size)
    return _with_headers(
        HttpResponse(content_type=content_type),
        {
            "X-Accel-Redirect": internal_uri,
            "ETag": quote_etag(etag),
            "Last-Modified": http_date(_epoch_seconds(last_modified)),
            "Cache-Control": cache_control,
        },
    )
