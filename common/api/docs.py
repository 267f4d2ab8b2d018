"""The OpenAPI schema and docs pages, whose own failures answer in the JSON error shape."""

from drf_spectacular.utils import extend_schema
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


# Swagger UI signs in by its Authorize button alone: its calls send and keep no cookie (and ask
# sign-in not to set any), and the token it holds goes with every call, to open operations too
# (their answers say more to a signed-in caller). Logout then really signs the page out.
SWAGGER_REQUESTS = """
  requestInterceptor: (request) => {
    if (request.loadSpec) {
      return request;
    }
    request.credentials = "omit";
    request.headers["X-Auth-Cookies"] = "omit";
    const token = ui.authSelectors.authorized().getIn(["bearerAuth", "value"]);
    if (token && !request.headers.Authorization) {
      request.headers.Authorization = "Bearer " + token;
    }
    return request;
  },
"""


class SwaggerView(JsonErrorsMixin, SpectacularSwaggerView):
    """Swagger UI over the schema, authorised by its Authorize button only."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        settings_object = response.data["settings"].rstrip()
        response.data["settings"] = settings_object[:-1].rstrip() + "," + SWAGGER_REQUESTS + "}"
        return response


class RedocView(JsonErrorsMixin, SpectacularRedocView):
    """ReDoc over the schema."""
