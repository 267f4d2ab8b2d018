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
