"""Channel payloads in and out."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.serializers import UserSerializer
from channels_app.documents import NOTIFY
from common.api.serializers import StrictSerializer, TimestampField
from videos.documents import KINDS
from videos.selectors import SORTS


class ChannelSerializer(UserSerializer):
    """A channel: the user as anyone sees them, with its figures; needs channel_context."""

    subscribers_count = serializers.SerializerMethodField()
    subscriptions_count = serializers.SerializerMethodField()
    videos_count = serializers.SerializerMethodField()
    is_subscribed = serializers.SerializerMethodField()

    def get_subscribers_count(self, user) -> int:
        return self.context["figures"][user.id].subscribers

    def get_subscriptions_count(self, user) -> int:
        return self.context["figures"][user.id].subscriptions

    def get_videos_count(self, user) -> int:
        return self.context["videos_counts"].get(user.id, 0)

    def get_is_subscribed(self, user) -> bool:
        return user.id in self.context["subscribed"]


class NotifySerializer(StrictSerializer):
    notify = serializers.ChoiceField(
        choices=NOTIFY,
        required=False,
        help_text="The bell: all (default for a new subscription) or none.",
    )


class SubscriptionSerializer(serializers.Serializer):
    """One of my subscriptions: the channel, the bell and since when."""

    channel = serializers.SerializerMethodField()
    notify = serializers.ChoiceField(choices=NOTIFY)
    created_at = TimestampField()

    @extend_schema_field(ChannelSerializer)
    def get_channel(self, subscription) -> dict:
        user = self.context["users"][subscription.channel_id]
        return ChannelSerializer(user, context=self.context).data


class SubscriberSerializer(serializers.Serializer):
    """Someone subscribed to a channel, and since when."""

    subscriber = serializers.SerializerMethodField()
    created_at = TimestampField()

    @extend_schema_field(ChannelSerializer)
    def get_subscriber(self, subscription) -> dict:
        user = self.context["users"][subscription.subscriber_id]
        return ChannelSerializer(user, context=self.context).data


class ChannelVideoFilters(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, help_text="Words from the title, description or tags."
    )
    kind = serializers.ChoiceField(choices=KINDS, required=False)
    tag = serializers.CharField(required=False, allow_blank=True)
    sort = serializers.ChoiceField(choices=list(SORTS), default="newest")
