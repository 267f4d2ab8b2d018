"""The OpenAPI schema and docs pages, whose own failures answer in the JSON error shape."""

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer


class JsonErrorsMixin:
    """Render errors (405 and friends) as JSON whatever the page's own renderer (YAML, HTML)."""

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI document (YAML by default, JSON with ?format=json)."""


class SwaggerView(JsonErrorsMixin, SpectacularSwaggerView):
    """Swagger UI over the schema."""


class RedocView(JsonErrorsMixin, SpectacularRedocView):
    """ReDoc over the schema."""
