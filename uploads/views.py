"""tus 1.0 under /api/v1/uploads/: creation (with upload), HEAD, PATCH, termination and
discovery by OPTIONS. tus clients read statuses and headers; every error also has the one
error shape, and every answer carries Tus-Resumable and is never cached."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import parse_header_parameters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from common.api.limits import RawBodyMixin
from common.api.openapi import error_responses
from uploads import protocol, selectors, services
from uploads.documents import Upload
from uploads.serializers import UploadSerializer

HEADER = OpenApiParameter.HEADER
TUS_RESUMABLE = OpenApiParameter(
    "Tus-Resumable", str, HEADER, required=True, enum=[protocol.TUS_VERSION]
)
UPLOAD_CHECKSUM = OpenApiParameter(
    "Upload-Checksum",
    str,
    HEADER,
    description="`sha1 <base64 digest of this body>`: a body that does not match is a 460.",
)
OFFSET_STREAM_BODY = {protocol.OFFSET_STREAM: OpenApiTypes.BINARY}
ANSWER_HEADERS = [
    OpenApiParameter("Tus-Resumable", str, HEADER, response=True),
    OpenApiParameter(
        "Upload-Offset", int, HEADER, response=[201, 204], description="Bytes the server holds."
    ),
    OpenApiParameter(
        "Upload-Expires", str, HEADER, response=[201, 204], description="When it expires if idle."
    ),
]


class OffsetStreamParser(BaseParser):
    """tus bodies stay unread by DRF (a CSRF check reading a cookie POST's form fields asks for
    them): the view streams them to disk itself."""

    media_type = protocol.OFFSET_STREAM

    def parse(self, stream, media_type=None, parser_context=None):
        return {}


class TusVersionMismatch(exceptions.APIException):
    """A tus request without Tus-Resumable, or naming a version not served here."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "tus_version_mismatch"
    default_detail = f"Send the Tus-Resumable header: {protocol.TUS_VERSION}."


def _discovery_headers() -> dict[str, str]:
    return {
        "Tus-Version": protocol.TUS_VERSION,
        "Tus-Extension": ",".join(protocol.EXTENSIONS),
        "Tus-Max-Size": str(settings.MEDIA_MAX_UPLOAD_BYTES),
        "Tus-Checksum-Algorithm": ",".join(protocol.CHECKSUM_ALGORITHMS),
    }


def _progress_headers(upload: Upload, offset: int) -> dict[str, str]:
    return {
        "Upload-Offset": str(offset),
        "Upload-Expires": protocol.http_date(upload.expires_at),
    }


def _chunk(request, *, offset: int, required_type: bool) -> services.Chunk:
    """The request body as bytes to add at `offset` (read later, as a stream)."""
    length = protocol.size(request.META.get("CONTENT_LENGTH") or "0", header="Content-Length")
    content_type = parse_header_parameters(request.content_type)[0].lower()
    if (required_type or length) and content_type != protocol.OFFSET_STREAM:
        raise exceptions.UnsupportedMediaType(
            content_type, detail=f"Send the body as {protocol.OFFSET_STREAM}, not {content_type!r}."
        )
    sha1 = protocol.checksum(request.headers.get("Upload-Checksum"))
    return services.Chunk(offset=offset, body=request.stream, length=length, sha1=sha1)


class UploadViewSet(RawBodyMixin, viewsets.GenericViewSet):
    """Resumable uploads (tus 1.0) of a media item's file."""

    permission_classes = [IsAuthenticated]
    parser_classes = [OffsetStreamParser]
    serializer_class = UploadSerializer
    raw_body_limits = {
        "create": "MEDIA_MAX_UPLOAD_BYTES",
        "partial_update": "MEDIA_MAX_UPLOAD_BYTES",
    }

    def get_permissions(self):
        if self.request.method == "OPTIONS":
            return [AllowAny()]
        return super().get_permissions()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != (
            protocol.TUS_VERSION
        ):
            raise TusVersionMismatch()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Tus-Resumable"] = protocol.TUS_VERSION
        response["Cache-Control"] = "no-store"
        if response.status_code == status.HTTP_412_PRECONDITION_FAILED:
            response["Tus-Version"] = protocol.TUS_VERSION
        return response

    @extend_schema(
        parameters=[
            TUS_RESUMABLE,
            OpenApiParameter(
                "Upload-Length",
                int,
                HEADER,
                required=True,
                description="The file's size in bytes, at most MEDIA_MAX_UPLOAD_BYTES.",
            ),
            OpenApiParameter(
                "Upload-Metadata",
                str,
                HEADER,
                required=True,
                description=(
                    "`video_id <base64>,filename <base64>`: the draft item (yours) the file is "
                    "for, and the file's name (its extension names its type)."
                ),
            ),
            UPLOAD_CHECKSUM,
            *ANSWER_HEADERS,
            OpenApiParameter("Location", str, HEADER, response=[201]),
        ],
        request=OFFSET_STREAM_BODY,
        responses={
            201: UploadSerializer,
            **error_responses(403, 404, 412, 413, 429, 460, 503),
        },
        summary=(
            "Open a resumable upload (tus creation), optionally with its first bytes; the last "
            "byte attaches the file to the item as PUT /videos/{id}/file does"
        ),
        tags=["uploads"],
    )
    def create(self, request):
        length = protocol.size(request.headers.get("Upload-Length"), header="Upload-Length")
        metadata_header = request.headers.get("Upload-Metadata", "")
        metadata = protocol.metadata(metadata_header)
        first = _chunk(request, offset=0, required_type=False)
        upload, offset = services.open_upload(
            owner=request.user,
            length=length,
            metadata=metadata,
            metadata_header=metadata_header,
            first=first,
        )
        location = request.build_absolute_uri(reverse("upload-detail", args=[upload.id]))
        body = UploadSerializer(upload, context={"offset": offset}).data
        headers = {"Location": location, **_progress_headers(upload, offset)}
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)

    def info(self, request, pk=None):
        """HEAD: how many bytes the server holds, the length and the metadata."""
        upload = selectors.upload_for_owner(upload_id=pk, user=request.user)
        headers = {
            **_progress_headers(upload, selectors.current_offset(upload=upload)),
            "Upload-Length": str(upload.length),
        }
        if upload.metadata:
            headers["Upload-Metadata"] = upload.metadata
        return Response(status=status.HTTP_200_OK, headers=headers)

    @extend_schema(
        parameters=[
            TUS_RESUMABLE,
            OpenApiParameter("Upload-Offset", int, HEADER, required=True),
            UPLOAD_CHECKSUM,
            *ANSWER_HEADERS,
        ],
        request=OFFSET_STREAM_BODY,
        responses={
            204: OpenApiResponse(description="Kept; Upload-Offset says how much is held now."),
            **error_responses(409, 412, 423, 460, 503),
        },
        summary="Add bytes at Upload-Offset (the last byte attaches the file to the item)",
        tags=["uploads"],
    )
    def partial_update(self, request, pk=None):
        offset = protocol.size(request.headers.get("Upload-Offset"), header="Upload-Offset")
        chunk = _chunk(request, offset=offset, required_type=True)
        upload = selectors.upload_for_owner(upload_id=pk, user=request.user)
        offset = services.receive(upload=upload, owner=request.user, chunk=chunk)
        return Response(
            status=status.HTTP_204_NO_CONTENT, headers=_progress_headers(upload, offset)
        )

    @extend_schema(
        parameters=[TUS_RESUMABLE, OpenApiParameter("Tus-Resumable", str, HEADER, response=True)],
        responses={
            204: OpenApiResponse(description="Ended; its bytes are gone."),
            **error_responses(412, 423),
        },
        summary="End an upload and drop its bytes (tus termination)",
        tags=["uploads"],
    )
    def destroy(self, request, pk=None):
        services.terminate(upload=selectors.upload_for_owner(upload_id=pk, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def discover(self, request, pk=None):
        """OPTIONS: the tus version, extensions, largest size and checksum algorithms served."""
        return Response(status=status.HTTP_204_NO_CONTENT, headers=_discovery_headers())
