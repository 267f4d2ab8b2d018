"""Endpoints of the account's lifecycle: deleting it, and changing one's mind."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts import deletion
from accounts.authentication import TokenAuthentication
from accounts.cookies import clear_auth_cookies
from accounts.lifecycle_serializers import DeletionRequestSerializer, DeletionSerializer
from common.api.views import validated

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
            "reports it filed. Until then, signing in again and DELETE cancels. A "
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
