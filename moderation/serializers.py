"""Report payloads in and out."""

from rest_framework import serializers

from common.api.serializers import StrictSerializer, TimestampField
from moderation.documents import CATEGORIES, REASON_MAX_LENGTH, STATUSES, TARGET_TYPES


class ReportWriteSerializer(StrictSerializer):
    target_type = serializers.ChoiceField(choices=TARGET_TYPES)
    target_id = serializers.CharField(
        max_length=24,
        help_text="The target's id (for a user, the user's id).",
    )
    category = serializers.ChoiceField(choices=CATEGORIES)
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text=f"What is wrong, in your words: up to {REASON_MAX_LENGTH} characters.",
    )


class ReportTargetSerializer(serializers.Serializer):
    """What a report is about: `type` names which kind of thing `id` is."""

    type = serializers.ChoiceField(choices=TARGET_TYPES, source="target_type")
    id = serializers.CharField(source="target_id")


class ReportSerializer(serializers.Serializer):
    """A report as its reporter sees it."""

    id = serializers.CharField(read_only=True)
    target_type = serializers.ChoiceField(choices=TARGET_TYPES)
    target_id = serializers.CharField()
    target = ReportTargetSerializer(source="*", help_text="target_type and target_id again.")
    category = serializers.ChoiceField(choices=CATEGORIES)
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUSES)
    created_at = TimestampField()
