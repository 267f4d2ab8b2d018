"""Serializer building blocks shared by every app."""

from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not declare, so a typo in a PATCH is a 400 instead of a no-op."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class ObjectIdField(serializers.CharField):
    """An id in its 24-hex-character string form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_length", 24)
        kwargs.setdefault("max_length", 24)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        from bson import ObjectId

        if not ObjectId.is_valid(value):
            raise serializers.ValidationError("Not a valid id.")
        return ObjectId(value)

    def to_representation(self, value):
        return str(value)
