"""Moderation endpoints: filing a report."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from common.api.idempotency import idempotent
from common.api.openapi import error_responses
from common.api.views import validated
from moderation import services
from moderation.serializers import ReportSerializer, ReportWriteSerializer
from moderation.throttles import ReportThrottle


class ReportViewSet(viewsets.GenericViewSet):
    """Reports of items, comments, tweets and users, for the moderators' queue."""

    permission_classes = [IsAuthenticated]
    serializer_class = ReportSerializer
    throttle_classes = [ReportThrottle]

    @extend_schema(
        request=ReportWriteSerializer,
        responses={201: ReportSerializer, 200: ReportSerializer, **error_responses(400, 404)},
        summary="Report something (201; 200 with my open report of it, if I have one)",
        description=(
            "A copy of the target (its text or title and description, its owner, its creation "
            "time) is kept with the report, so editing or deleting it erases no evidence. "
            "Targets I cannot see are a 404; reporting myself or my own content is a 400."
        ),
        tags=["reports"],
    )
    @idempotent
    def create(self, request):
        data = validated(ReportWriteSerializer, request)
        filed = services.file_report(reporter=request.user, **data)
        code = status.HTTP_201_CREATED if filed.created else status.HTTP_200_OK
        return Response(ReportSerializer(filed.report).data, status=code)
