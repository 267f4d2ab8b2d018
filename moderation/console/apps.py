from django.contrib.admin.apps import AdminConfig


class ConsoleAdminConfig(AdminConfig):
    """Django's admin app with the moderation console's site as the default site."""

    default_site = "moderation.admin.ModerationSite"
