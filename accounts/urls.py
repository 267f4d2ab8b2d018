from django.urls import path

from accounts.lifecycle_views import (
    AccountDeletionViewSet,
    DataExportViewSet,
    ExportDownloadViewSet,
)
from accounts.views import AuthViewSet, MeViewSet, MyBlocksViewSet, SessionViewSet

urlpatterns = [
    path("auth/register", AuthViewSet.as_view({"post": "register"}), name="auth-register"),
    path("auth/register/verify", AuthViewSet.as_view({"post": "verify"}), name="auth-verify"),
    path("auth/register/resend", AuthViewSet.as_view({"post": "resend"}), name="auth-resend"),
    path("auth/login", AuthViewSet.as_view({"post": "login"}), name="auth-login"),
    path("auth/token/refresh", AuthViewSet.as_view({"post": "refresh"}), name="auth-refresh"),
    path("auth/logout", SessionViewSet.as_view({"post": "logout"}), name="auth-logout"),
    path("auth/logout-all", SessionViewSet.as_view({"post": "logout_all"}), name="auth-logout-all"),
    path(
        "auth/password/change",
        SessionViewSet.as_view({"post": "change_password"}),
        name="auth-password-change",
    ),
    path(
        "users/me",
        MeViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="users-me",
    ),
    path("users/me/avatar", MeViewSet.as_view({"put": "avatar"}), name="users-me-avatar"),
    path(
        "users/me/cover-image",
        MeViewSet.as_view({"put": "cover_image"}),
        name="users-me-cover-image",
    ),
    path("users/me/blocks", MyBlocksViewSet.as_view({"get": "list"}), name="users-me-blocks"),
    path(
        "users/me/blocks/<str:username>",
        MyBlocksViewSet.as_view({"put": "block", "delete": "unblock"}),
        name="users-me-block",
    ),
    path(
        "users/me/deletion",
        AccountDeletionViewSet.as_view({"post": "create", "delete": "destroy"}),
        name="users-me-deletion",
    ),
    path(
        "users/me/export",
        DataExportViewSet.as_view({"post": "create", "get": "retrieve"}),
        name="users-me-export",
    ),
    path(
        "exports/<str:pk>/download",
        ExportDownloadViewSet.as_view({"get": "retrieve"}),
        name="export-download",
    ),
]
