"""Request body parsers that refuse hostile JSON with a 400 instead of exhausting the stack."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No API input nests deeper than a few levels; anything past this is refused before any code
# walks it recursively (serializers, error flattening, rendering).
MAX_JSON_DEPTH = 32


def nesting_depth(data, *, limit: int) -> int:
    """How deep lists and objects nest in parsed JSON; iterative, and it stops once past limit."""
    deepest = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if not isinstance(value, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        children = value.values() if isinstance(value, dict) else value
        pending.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, bounded: nesting past MAX_JSON_DEPTH is a parse error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply.") from exc
        if nesting_depth(data, limit=MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        return data
