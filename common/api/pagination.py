"""Keyset (cursor) pagination over MongoEngine querysets: one query a page, stable under inserts."""

import base64
import binascii
import json
from datetime import datetime

from bson import ObjectId
from bson.errors import InvalidId
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from common.numbers import whole_number

# Integers past this are no figure, rank or position a page could start from; Mongo and Redis
# take 64-bit integers at most, and JSON readers keep only this many exactly.
LARGEST_CURSOR_INTEGER = 2**53 - 1


def encode_cursor(*, value, last_id: str, backwards: bool) -> str:
    """Pack a sort value and id into an opaque token."""
    if isinstance(value, datetime):
        packed = {"t": "dt", "v": value.isoformat()}
    else:
        packed = {"t": "v", "v": value}
    packed.update(i=last_id, b=backwards)
    return base64.urlsafe_b64encode(json.dumps(packed).encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[object, ObjectId, bool]:
    """Unpack a token made by encode_cursor; anything else names no page, so it is a 404."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        value = datetime.fromisoformat(raw["v"]) if raw["t"] == "dt" else raw["v"]
        if not isinstance(value, (int, float, str, datetime, type(None))):
            raise ValueError
        if isinstance(value, int) and abs(value) > LARGEST_CURSOR_INTEGER:
            raise ValueError
        return value, ObjectId(raw["i"]), bool(raw["b"])
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error, InvalidId) as exc:
        raise exceptions.NotFound("Invalid cursor.", code="invalid_cursor") from exc


class KeysetPagination(BasePagination):
    """Pages ordered by the view's `get_ordering()` ("-created_at", "-views") then by id."""

    page_size = 20
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "limit"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        field = view.get_ordering() if view and hasattr(view, "get_ordering") else "-created_at"
        self.descending = field.startswith("-")
        self.field = field.lstrip("-")
        self.db_field = queryset._document._fields[self.field].db_field
        self.limit = self._page_size(request)
        token = request.query_params.get(self.cursor_query_param)
        self.has_cursor = token is not None
        backwards = False
        if token is not None:
            value, last_id, backwards = decode_cursor(token)
            queryset = queryset.filter(__raw__=self._after(value, last_id, backwards))
        forward_desc = self.descending != backwards
        sign = "-" if forward_desc else "+"
        items = list(queryset.order_by(f"{sign}{self.field}", f"{sign}id").limit(self.limit + 1))
        more = len(items) > self.limit
        items = items[: self.limit]
        if backwards:
            items.reverse()
        self.backwards = backwards
        self.more = more
        self.page = items
        return items

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw, low=1, high=self.max_page_size)
        if size is None:
            raise exceptions.ValidationError(
                {"limit": [f"A whole number from 1 to {self.max_page_size} is required."]}
            )
        return size

    def _after(self, value, last_id: ObjectId, backwards: bool) -> dict:
        """Mongo filter for rows strictly past (value, id) in the walking direction."""
        op = "$lt" if self.descending != backwards else "$gt"
        return {
            "$or": [
                {self.db_field: {op: value}},
                {self.db_field: value, "_id": {op: last_id}},
            ]
        }

    def _link(self, item, backwards: bool) -> str:
        token = encode_cursor(
            value=getattr(item, self.field), last_id=str(item.pk), backwards=backwards
        )
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, token
        )

    def get_next_link(self) -> str | None:
        if not self.page or not (self.more or self.backwards):
            return None
        return self._link(self.page[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.page:
            if self.has_cursor:
                return remove_query_param(
                    self.request.build_absolute_uri(), self.cursor_query_param
                )
            return None
        if self.backwards and not self.more:
            return None
        if not self.backwards and not self.has_cursor:
            return None
        return self._link(self.page[0], backwards=True)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {"results": data, "next": self.get_next_link(), "previous": self.get_previous_link()}
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results", "next", "previous"],
            "properties": {
                "results": schema,
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque cursor from a previous page's next or previous link.",
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, 1 to {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class RankPagination(KeysetPagination):
    """Pages of a ranked list read by rank (a sorted set): the cursor carries the next rank."""

    def paginate_ranked(self, fetch, request) -> list:
        """One page from `fetch(offset, limit) -> (items, more)`."""
        self.request = request
        self.limit = self._page_size(request)
        token = request.query_params.get(self.cursor_query_param)
        self.offset = 0
        if token is not None:
            value, _, _ = decode_cursor(token)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise exceptions.NotFound("Invalid cursor.", code="invalid_cursor")
            self.offset = value
        self.page, self.more = fetch(self.offset, self.limit)
        return self.page

    def _rank_link(self, offset: int) -> str:
        token = encode_cursor(value=offset, last_id="0" * 24, backwards=False)
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, token
        )

    def get_next_link(self) -> str | None:
        return self._rank_link(self.offset + self.limit) if self.more else None

    def get_previous_link(self) -> str | None:
        if self.offset == 0:
            return None
        if self.offset <= self.limit:
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._rank_link(self.offset - self.limit)
