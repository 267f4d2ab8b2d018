"""Discovery endpoints: up next."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from common.api.pagination import RankPagination
from common.api.views import viewer_of
from discovery import related
from discovery.serializers import RelatedVideoSerializer
from videos.selectors import serializer_context, video_for_viewer


class RelatedViewSet(viewsets.GenericViewSet):
    """What to watch after an item."""

    permission_classes = [AllowAny]
    pagination_class = RankPagination
    serializer_class = RelatedVideoSerializer

    @extend_schema(
        summary=(
            "Up next: what this item's viewers also finished, then what its likers also liked, "
            "then items sharing its tags, then its channel's; each with its reason and score"
        ),
        tags=["videos"],
    )
    def list(self, request, pk=None):
        viewer = viewer_of(request)
        video = video_for_viewer(video_id=pk, viewer=viewer)
        paginator = self.paginator

        def fetch(offset, limit):
            return related.related_page(video=video, viewer=viewer, offset=offset, limit=limit)

        page = paginator.paginate_ranked(fetch, request)
        videos = [entry.video for entry in page]
        context = serializer_context(videos=videos, request=request)
        context["related"] = {entry.video.id: entry for entry in page}
        data = RelatedVideoSerializer(videos, many=True, context=context).data
        return paginator.get_paginated_response(data)
