from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, registration with e-mail codes, sessions and tokens."""

    name = "accounts"

    def ready(self) -> None:
        from accounts import schema  # noqa: F401  registers the OpenAPI auth extension
