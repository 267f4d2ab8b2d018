"""Serializer building blocks shared by every app."""

from datetime import UTC

from django.conf import settings
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from common.cursors import MAX_TOKEN_LENGTH


class StrictSerializer(serializers.Serializer):
    """Refuses undeclared fields, and in JSON values of the wrong JSON type.

    A typo in a PATCH is a 400 instead of a no-op, and `"published": "yes"` is a 400 instead of
    a guess. Form data is read like JSON: a field sent empty is an empty value to validate, not
    a field left out (DRF's HTML-form default), so the same rules hold whatever the content type.
    """

    def to_internal_value(self, data):
        if html.is_html_input(data):
            data = {
                key: data.getlist(key)
                if isinstance(self.fields.get(key), serializers.ListField)
                else data.get(key)
                for key in data
            }
            self._check_form_booleans(data)
        elif hasattr(data, "items"):
            self._check_json_types(data)
            data = {name: self._whole(name, value) for name, value in data.items()}
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)

    def _check_form_booleans(self, data: dict) -> None:
        wrong = {
            name: ['Use "true" or "false".']
            for name, value in data.items()
            if isinstance(self.fields.get(name), serializers.BooleanField)
            and str(value).lower() not in FORM_BOOLEANS
        }
        if wrong:
            raise serializers.ValidationError(wrong)

    def _whole(self, name: str, value):
        """An integer field's whole number sent as 310.0 is the integer 310."""
        if isinstance(self.fields.get(name), serializers.IntegerField) and isinstance(value, float):
            return int(value)
        return value

    def _check_json_types(self, data) -> None:
        wrong = {}
        for name, value in data.items():
            field = self.fields.get(name)
            for field_class, json_type, accepted in JSON_TYPES:
                if isinstance(field, field_class) and not _is_json(value, accepted):
                    wrong[name] = [f"A JSON {json_type} is required."]
        if wrong:
            raise serializers.ValidationError(wrong)


FORM_BOOLEANS = {"true", "false"}
# Field classes whose JSON values must have one JSON type (null is left to allow_null).
JSON_TYPES = (
    (serializers.CharField, "string", (str,)),
    (serializers.ChoiceField, "string", (str,)),
    (serializers.BooleanField, "boolean", (bool,)),
    (serializers.IntegerField, "integer", (int,)),
    (serializers.FloatField, "number", (int, float)),
)


def _is_json(value, accepted: tuple[type, ...]) -> bool:
    if value is None:
        return True
    if isinstance(value, bool):
        return bool in accepted
    if isinstance(value, float) and int in accepted and float not in accepted:
        # JSON has numbers, not ints and floats: 310.0 is the integer 310 (as JSON Schema says).
        return value.is_integer()
    return isinstance(value, accepted)


class TimestampField(serializers.DateTimeField):
    """Every time the API gives: UTC to the millisecond, `2026-01-02T03:04:05.678Z`.

    The store keeps milliseconds, so the answer to a write (made from the time in memory) and
    every later read (from the store) give the same string.
    """

    def to_representation(self, value) -> str | None:
        if not value:
            return None
        value = self.enforce_timezone(value).astimezone(UTC)
        return f"{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond // 1000:03d}Z"


class PatternField(serializers.RegexField):
    """A string checked against a pattern only once it is within its length limit.

    DRF runs every validator of a field, so a MaxLengthValidator does not keep a long value
    from the RegexValidator; here an over-length value is refused before any pattern sees it,
    and a pattern's cost stays bounded whatever the value's length.
    """

    def __init__(self, regex: str, *, max_length: int, **kwargs):
        super().__init__(regex, max_length=max_length, **kwargs)

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        if len(value) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return value


# Opaque page cursors (common.cursors): URL-safe base64 of a small JSON object.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
CURSOR_MAX_LENGTH = MAX_TOKEN_LENGTH


def cursor_field(**kwargs) -> PatternField:
    """A page cursor as a query parameter: its alphabet and length, before it is decoded."""
    return PatternField(CURSOR_PATTERN, max_length=CURSOR_MAX_LENGTH, **kwargs)


def image_field(**kwargs) -> serializers.FileField:
    """An uploaded picture, with the limits common.images enforces."""
    limits = (
        f"JPEG, PNG, WebP or GIF, at most {settings.IMAGE_MAX_BYTES // (1024 * 1024)} MB, "
        f"{settings.IMAGE_MIN_DIMENSION} to {settings.IMAGE_MAX_DIMENSION} pixels per side."
    )
    return serializers.FileField(help_text=limits, **kwargs)


def type_tag(value: str) -> serializers.Field:
    """The `type` of one variant of a union: always `value`, so clients can tell variants apart."""
    # A class per value: DRF copies declared fields by re-creating them from their class.
    tag = type("TypeTag", (serializers.CharField,), {"__doc__": f"Always {value!r}."})
    return extend_schema_field({"type": "string", "const": value})(tag)(read_only=True)


@extend_schema_field({"type": "null"})
class AbsentVariantField(serializers.ReadOnlyField):
    """A union's member that another variant carries: always null in this one."""


def absent_variant() -> serializers.Field:
    return AbsentVariantField()


def tagged_union(name: str, variants: dict[str, type], **kwargs) -> PolymorphicProxySerializer:
    """A `oneOf` of `variants` told apart by their `type` (see type_tag), for the schema."""
    return PolymorphicProxySerializer(
        component_name=name, serializers=variants, resource_type_field_name="type", **kwargs
    )


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text="A stable, machine-readable reason.")
    message = serializers.CharField(help_text="A sentence for people.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=(
            "Per input field, its messages. A field inside another is named by its path: "
            "`tags.0` (the first tag), `new_video.web`."
        ),
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error response."""

    error = ErrorDetailSerializer()
    request_id = serializers.CharField(help_text="Also in the X-Request-ID header.")
