"""Payloads of the account's lifecycle: deleting it, exporting its data."""

from rest_framework import serializers

from accounts.documents import EXPORT_STATUSES
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


class DataExportSerializer(serializers.Serializer):
    """My latest data export, and once it is ready the link to download its zip."""

    status = serializers.ChoiceField(
        choices=EXPORT_STATUSES,
        help_text="queued, running, ready (download it), failed (ask again) or expired.",
    )
    requested_at = serializers.DateTimeField(source="export.requested_at")
    finished_at = serializers.DateTimeField(source="export.finished_at", allow_null=True)
    size = serializers.IntegerField(source="export.size", help_text="Bytes of the zip.")
    download_url = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField(
        allow_null=True, help_text="When the download link and the zip expire."
    )
    next_export_at = serializers.DateTimeField(help_text="When another export may be asked for.")

    def get_download_url(self, state) -> str | None:
        """A signed link, no auth header needed, while the export is ready."""
        return self.context["download_url"]
