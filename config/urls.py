"""Root URLs: the versioned API, docs, probes, metrics and the admin console."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from common import metrics
from common.api import errors
from common.api.docs import RedocView, SchemaView, SwaggerView
from common.api.views import plain_endpoint
from config import health

api_v1 = [
    path("", include("accounts.urls")),
    path("", include("videos.urls")),
    path("", include("uploads.urls")),
    path("", include("channels_app.urls")),
    path("", include("engagement.urls")),
    path("", include("playlists.urls")),
    path("", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("", include("events.urls")),
    path("", include("dashboard.urls")),
    path("", include("discovery.urls")),
]

urlpatterns = [
    path("healthz", plain_endpoint()(health.healthz), name="healthz"),
    path("readyz", plain_endpoint()(health.readyz), name="readyz"),
    path("metrics", plain_endpoint()(metrics.metrics_view), name="metrics"),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        RedocView.as_view(url_name="schema", template_name="api_docs/redoc.html"),
        name="redoc",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]

if settings.SERVE_MEDIA and not settings.CLOUDINARY_URL:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(
            rf"^{media_prefix}/(?P<path>.*)$",
            plain_endpoint()(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns.append(re_path(r"^", errors.not_found))

handler400 = "common.api.errors.bad_request"
handler403 = "common.api.errors.permission_denied"
handler404 = "common.api.errors.not_found"
handler500 = "common.api.errors.server_error"
