"""Keyset (cursor) pagination over MongoEngine querysets: one query a page, stable under inserts."""

from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from common import cursors
from common.api.serializers import CURSOR_MAX_LENGTH, CURSOR_PATTERN, cursor_field
from common.cursors import KeysetCursor, RankCursor
from common.numbers import whole_number


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
        token = self._token(request)
        self.has_cursor = token is not None
        backwards = False
        if token is not None:
            cursor = cursors.decode_keyset(token)
            queryset = queryset.filter(__raw__=self._after(cursor))
            backwards = cursor.backwards
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

    def _token(self, request) -> str | None:
        """The cursor as sent, refused (400) unless it is a token by its documented form; what
        it holds is the codec's to check (404 invalid_cursor)."""
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        try:
            return cursor_field().run_validation(token)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({self.cursor_query_param: exc.detail}) from exc

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

    def _after(self, cursor: KeysetCursor) -> dict:
        """Mongo filter for rows strictly past (value, id) in the walking direction."""
        op = "$lt" if self.descending != cursor.backwards else "$gt"
        return {
            "$or": [
                {self.db_field: {op: cursor.value}},
                {self.db_field: cursor.value, "_id": {op: cursor.id}},
            ]
        }

    def _link(self, item, backwards: bool) -> str:
        token = cursors.encode(
            KeysetCursor(value=getattr(item, self.field), id=item.pk, backwards=backwards)
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
                "next": {"type": ["string", "null"], "format": "uri"},
                "previous": {"type": ["string", "null"], "format": "uri"},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque cursor from a previous page's next or previous link.",
                "schema": {
                    "type": "string",
                    "pattern": CURSOR_PATTERN,
                    "maxLength": CURSOR_MAX_LENGTH,
                },
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
    """Pages of a ranked list read by rank (a sorted set): the cursor carries the next rank, and
    the list ends at rank MAX_RANK."""

    def paginate_ranked(self, fetch, request) -> list:
        """One page from `fetch(offset, limit) -> (items, more)`."""
        self.request = request
        self.limit = self._page_size(request)
        token = self._token(request)
        self.offset = cursors.decode_rank(token).offset if token is not None else 0
        last = min(self.offset + self.limit, cursors.MAX_RANK)
        self.page, more = fetch(self.offset, last - self.offset)
        self.more = more and last < cursors.MAX_RANK
        return self.page

    def _rank_link(self, offset: int) -> str:
        token = cursors.encode(RankCursor(offset=offset))
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

    def get_schema_operation_parameters(self, view) -> list[dict]:
        cursor, *rest = super().get_schema_operation_parameters(view)
        ends = f" The ranking ends at rank {cursors.MAX_RANK}."
        return [{**cursor, "description": cursor["description"] + ends}, *rest]
