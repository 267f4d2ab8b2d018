"""Payloads of the account's lifecycle: deleting it."""

from rest_framework import serializers

from common.api.serializers import StrictSerializer


class DeletionRequestSerializer(StrictSerializer):
    password = serializers.CharField(
        max_length=128,
        write_only=True,
        style={"input_type": "password"},
        help_text="The account's current password.",
    )


class DeletionSerializer(serializers.Serializer):
    """A deletion waiting out its grace period."""

    due_at = serializers.DateTimeField(
        source="deletion_due_at",
        help_text=(
            "When the account and everything of it are removed for good; until then, "
            "DELETE /users/me/deletion (signed in again) cancels."
        ),
    )
