"""Endpoints of the account's lifecycle: deleting it (and changing one's mind), exporting its
data and downloading the export."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts import deletion, export_links, exports
from accounts.authentication import TokenAuthentication
from accounts.cookies import clear_auth_cookies
from accounts.lifecycle_serializers import (
    DataExportSerializer,
    DeletionRequestSerializer,
    DeletionSerializer,
)
from common.api.openapi import error_responses
from common.api.views import validated
from common.storage import media_storage

NO_CONTENT = OpenApiResponse(description="Done.")


class AccountDeletionViewSet(viewsets.ViewSet):
    """Deleting my account, and cancelling that within the grace period."""

    permission_classes = [IsAuthenticated]

    def get_authenticators(self):
        return [TokenAuthentication(admit_account_being_deleted=True)]

    @extend_schema(
        request=DeletionRequestSerializer,
        responses={202: DeletionSerializer},
        summary="Delete my account (with my password)",
        description=(
            "Every session ends and the account, with everything it owns, disappears from every "
            "listing and route at once (404, as a suspension). After ACCOUNT_DELETION_GRACE_DAYS "
            "(14) it is removed for good: items with their files, tweets, comments (a comment "
            "others replied to stays, shown with no author), likes and subscriptions (the "
            "figures they counted in corrected), playlists, history, notifications, blocks, "
            "reports it filed, exports. Until then, signing in again and DELETE cancels. A "
            "wrong password is a 400 and changes nothing; asking again changes nothing."
        ),
        tags=["users"],
    )
    def create(self, request):
        password = validated(DeletionRequestSerializer, request)["password"]
        user = deletion.request_deletion(user=request.user, password=password)
        response = Response(DeletionSerializer(user).data, status=status.HTTP_202_ACCEPTED)
        clear_auth_cookies(response=response)
        return response

    @extend_schema(
        request=None,
        responses={204: NO_CONTENT},
        summary="Keep my account: cancel its deletion within the grace period",
        description=(
            "A session opened while the deletion waits is accepted here (and nowhere else). "
            "Without a deletion waiting, nothing changes."
        ),
        tags=["users"],
    )
    def destroy(self, request):
        deletion.cancel_deletion(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _export_body(request, state: exports.ExportState) -> dict:
    download_url = None
    if state.status == "ready" and state.expires_at is not None:
        path = export_links.download_path(
            export=state.export, expires=int(state.expires_at.timestamp())
        )
        download_url = request.build_absolute_uri(path)
    return DataExportSerializer(state, context={"download_url": download_url}).data


class DataExportViewSet(viewsets.ViewSet):
    """Exporting my data: a zip of JSON per kind and my original media files."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={202: DataExportSerializer, **error_responses(429)},
        summary="Export my data (one export a day)",
        description=(
            "Queues a zip: profile, items with their metadata, tweets, comments, likes, "
            "subscriptions, playlists, watch history, notification settings and blocks as JSON, "
            "plus the original media files and profile pictures. GET shows when it is ready. "
            "Another request within a day of the last one is a 429 `export_limit` (Retry-After "
            "says when); after a failed export, ask again at once."
        ),
        tags=["users"],
    )
    def create(self, request):
        exports.request_export(user=request.user)
        state = exports.export_state(user=request.user)
        return Response(_export_body(request, state), status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={200: DataExportSerializer, **error_responses(404)},
        summary="My latest data export, with its download link once ready",
        description=(
            "`download_url` works without an auth header until `expires_at`, a day after the "
            "export is ready; then the zip is deleted."
        ),
        tags=["users"],
    )
    def retrieve(self, request):
        return Response(_export_body(request, exports.export_state(user=request.user)))


class ExportDownloadViewSet(viewsets.ViewSet):
    """The zip of a data export, through its signed link."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("exp", int), OpenApiParameter("sig", str)],
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The zip."),
            **error_responses(404),
        },
        summary="Download a data export (the signed link GET /users/me/export gives)",
        description="A link whose signature does not hold or whose expiry passed is a 404.",
        tags=["users"],
    )
    def retrieve(self, request, pk=None):
        export = export_links.export_to_download(
            export_id=pk, expires=request.GET.get("exp"), signature=request.GET.get("sig")
        )
        filename = f"streamsphere-export-{export.finished_at:%Y-%m-%d}.zip"
        storage = media_storage()
        if not storage.exists(export.file):
            raise Http404
        if settings.STREAM_DELIVERY == "redirect":
            return HttpResponseRedirect(storage.url(export.file))
        if settings.STREAM_DELIVERY == "accel":
            response = HttpResponse(content_type="application/zip")
            response["X-Accel-Redirect"] = settings.STREAM_ACCEL_PREFIX + export.file
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            response = FileResponse(
                storage.open(export.file, "rb"),
                as_attachment=True,
                filename=filename,
                content_type="application/zip",
            )
        response["Cache-Control"] = "private, no-store"
        return response
