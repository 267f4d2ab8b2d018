"""OpenAPI description of our authentication, so Swagger UI's Authorize takes a bearer token."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """A bearer token or the access cookie: either one is enough (two alternatives, not both)."""

    target_class = "accounts.authentication.TokenAuthentication"
    name = ["bearerAuth", "cookieAuth"]

    def get_security_requirement(self, auto_schema):
        return [{"bearerAuth": []}, {"cookieAuth": []}]

    def get_security_definition(self, auto_schema):
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "The `access` token from login, verify or refresh.",
            },
            {
                "type": "apiKey",
                "in": "cookie",
                "name": "access_token",
                "description": (
                    "The httpOnly cookie set by login. A write (POST, PUT, PATCH, DELETE) "
                    "authenticated this way must also send the `X-CSRFToken` header with the "
                    "value of the `csrftoken` cookie."
                ),
            },
        ]
