"""Discovery payloads: up next's items, each with why it is there."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from discovery.related import REASONS
from videos.serializers import VideoSerializer


class RelatedVideoSerializer(VideoSerializer):
    """An item to watch next and why: needs `related` ({item id: Related}) in the context."""

    reason = serializers.SerializerMethodField(
        help_text=(
            "co_watch: viewers who finished this item finished it too; co_like: its likers "
            "liked it too; tags: it shares tags; channel: the same channel's."
        )
    )
    score = serializers.SerializerMethodField(
        help_text=(
            "co_watch, co_like: viewers who made the pair, each 1 when fresh and halving every "
            "RELATED_HALF_LIFE_DAYS; tags: tags shared; channel: recency, 1 when new."
        )
    )

    @extend_schema_field(serializers.ChoiceField(choices=REASONS))
    def get_reason(self, video) -> str:
        return self.context["related"][video.id].reason

    def get_score(self, video) -> float:
        return self.context["related"][video.id].score
