from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Reports, and the moderation console staff use in the Django admin."""

    name = "moderation"

    def ready(self) -> None:
        from accounts.signals import account_purging
        from moderation import (
            documents,  # noqa: F401  declares the collections and their indexes
            purge,
        )

        account_purging.connect(purge.purge_account, weak=False, dispatch_uid="moderation.purge")
