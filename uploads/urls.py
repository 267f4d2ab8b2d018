from django.urls import path

from uploads.views import UploadViewSet

urlpatterns = [
    path(
        "uploads/",
        UploadViewSet.as_view({"post": "create", "options": "discover"}),
        name="uploads",
    ),
    path(
        "uploads/<str:pk>",
        UploadViewSet.as_view(
            {"head": "info", "patch": "partial_update", "delete": "destroy", "options": "discover"}
        ),
        name="upload-detail",
    ),
]
