"""Every JSON answer the API gives in the suite checked against the schema of its operation.

The schema is what front ends generate their clients from, so an answer it does not describe
(an enum value it lacks, a null where it promises an object, a status it does not list, a time
in another precision) breaks them: each is an AssertionError in the test that got the answer.
"""

import json
import re
from functools import cache

from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT = "urn:streamsphere:openapi"
API = "/api/v1/"
# Times go out in one form, milliseconds and Z: a create's answer and a later read agree.
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
formats = FormatChecker()


@formats.checks("date-time")
def _one_precision(value) -> bool:
    return not isinstance(value, str) or bool(TIMESTAMP.match(value))


@cache
def openapi() -> dict:
    """The schema as /api/schema/ serves it (JSON round-trip: only JSON types)."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


@cache
def _registry() -> Registry:
    return Registry().with_resource(DOCUMENT, Resource(openapi(), DRAFT202012))


@cache
def _templates() -> list[tuple[re.Pattern, str]]:
    """(pattern, path) for each documented path, literal paths before templated ones."""
    paths = sorted(openapi()["paths"], key=lambda path: (path.count("{"), path))
    return [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in paths]


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{DOCUMENT}#/{pointer}"}, registry=_registry(), format_checker=formats
    )


def operation_of(method: str, path: str) -> tuple[str, dict] | tuple[None, None]:
    """The documented path and operation a request reached, if any."""
    for pattern, template in _templates():
        if pattern.match(path):
            return template, openapi()["paths"][template].get(method.lower())
    return None, None


def check_response(method: str, path: str, status: int, content_type: str, body: bytes) -> None:
    """Fail unless this answer is one the schema describes for its operation."""
    if not path.startswith(API) or not content_type.startswith("application/json"):
        return
    if method == "HEAD":
        return  # headers only: a HEAD carries no body to check
    template, operation = operation_of(method, path)
    if operation is None:
        # Unknown routes and methods: only the one error shape is promised.
        assert status >= 400, f"{method} {path} answered {status} but is not in the schema"
        pointer = _pointer("components", "schemas", "Error")
    else:
        documented = operation["responses"]
        key = str(status)
        if key not in documented:
            assert status >= 400, f"{method} {template} answered {status}, not in the schema"
            pointer = _pointer("components", "schemas", "Error")
        else:
            content = documented[key].get("content", {})
            assert "application/json" in content, (
                f"{method} {template} answered {status} as JSON; the schema says {list(content)}"
            )
            pointer = _pointer(
                "paths", template, method.lower(), "responses", key, "content", "application/json"
            )
            pointer += "/schema"
    errors = sorted(_validator(pointer).iter_errors(json.loads(body)), key=lambda e: e.path)
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path)
        raise AssertionError(
            f"{method} {template or path} answered {status} with a body the schema does not "
            f"describe, at /{where}: {errors[0].message[:500]}"
        )
