"""Notification payloads in and out."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.serializers import UserSerializer
from common.api.serializers import PatternField, StrictSerializer, TimestampField
from notifications.documents import KINDS, TARGET_TYPES

OBJECT_ID = r"^[0-9a-fA-F]{24}$"


class NotificationTargetSerializer(serializers.Serializer):
    """What a notification is about: `type` names which kind of thing `id` is."""

    type = serializers.ChoiceField(choices=TARGET_TYPES)
    id = serializers.CharField()
    title = serializers.CharField(allow_blank=True)


class NotificationSerializer(serializers.Serializer):
    """One inbox entry; needs the context from selectors.inbox_page."""

    id = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=KINDS)
    actor = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    comment_id = serializers.CharField(allow_null=True, help_text="The comment it is about.")
    read = serializers.BooleanField()
    created_at = TimestampField()

    @extend_schema_field(UserSerializer(allow_null=True))
    def get_actor(self, notification) -> dict | None:
        actor = self.context["actors"].get(notification.actor_id)
        return UserSerializer(actor, context=self.context).data if actor else None

    @extend_schema_field(NotificationTargetSerializer)
    def get_target(self, notification) -> dict:
        return {
            "type": notification.target_type,
            "id": str(notification.target_id),
            "title": self.context["titles"].get(notification.id, notification.target_title),
        }


class InboxQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        required=False, default=False, help_text="Only unread notifications."
    )


class MarkReadSerializer(StrictSerializer):
    ids = serializers.ListField(
        child=PatternField(OBJECT_ID, max_length=24), min_length=1, max_length=100
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unread and are read now.")
    unread = serializers.IntegerField()


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class KindChannelsSerializer(serializers.Serializer):
    web = serializers.BooleanField(help_text="Shown in the in-app inbox.")
    email = serializers.BooleanField(help_text="E-mailed (at most one e-mail per 15 minutes).")


class KindChannelsPatchSerializer(StrictSerializer):
    web = serializers.BooleanField(required=False)
    email = serializers.BooleanField(required=False)


NotificationSettingsSerializer = type(
    "NotificationSettingsSerializer",
    (serializers.Serializer,),
    {kind: KindChannelsSerializer() for kind in KINDS},
)
NotificationSettingsPatchSerializer = type(
    "NotificationSettingsPatchSerializer",
    (StrictSerializer,),
    {kind: KindChannelsPatchSerializer(required=False) for kind in KINDS},
)
