"""The admin site, with the moderation console's pages on it.

How: a subclass of Django's AdminSite, installed as the default site through an AdminConfig
(`moderation.console.apps.ConsoleAdminConfig` replaces "django.contrib.admin" in INSTALLED_APPS,
Django's documented way to override the default site). Why: `admin.site.urls`, autodiscovery
and every registered ModelAdmin (staff users, groups, beat schedules) keep working unchanged,
while the console adds plain views through `get_urls`, wrapped by `admin_view` (staff login,
CSRF, never cached), rendered with the admin's own templates, breadcrumbs, messages and nav
sidebar. No ModelAdmin adapter is used: platform data lives in Mongo, which the admin's ORM
changelists cannot query, so each list is a small keyset-paginated view over a selector.
Permissions come from `moderation.models.ConsoleAccess`; the `moderator` group holds `moderate`.
"""

from django.contrib import admin
from django.urls import path, reverse

from moderation.console import views

# The console's pages in the order the admin's index and sidebar list them.
PAGES = [
    ("moderation_home", "Moderation home", "moderation/", views.HomeView),
    ("moderation_reports", "Reports", "moderation/reports/", views.ReportListView),
    ("moderation_comments", "Held comments", "moderation/comments/", views.CommentQueueView),
    ("moderation_users", "Users", "moderation/users/", views.UserListView),
    ("moderation_items", "Items", "moderation/items/", views.ItemListView),
    ("moderation_log", "Moderation log", "moderation/log/", views.LogView),
]
DETAILS = [
    ("moderation_user", "moderation/users/<str:user_id>/", views.UserDetailView),
    ("moderation_item", "moderation/items/<str:item_id>/", views.ItemDetailView),
    (
        "moderation_resolve",
        "moderation/reports/<str:target_type>/<str:target_id>/resolve/",
        views.ReportResolveView,
    ),
]


class ModerationSite(admin.AdminSite):
    """Django's admin site plus the moderation console over the platform's Mongo data."""

    site_header = "StreamSphere administration"
    site_title = "StreamSphere admin"
    index_title = "Site administration"

    def get_urls(self):
        pages = [(name, route, view) for name, _, route, view in PAGES] + DETAILS
        console = [
            path(route, self.admin_view(view.as_view(site=self)), name=name)
            for name, route, view in pages
        ]
        return console + super().get_urls()

    def get_app_list(self, request, app_label=None):
        """The admin's apps, the console first for those who may use it."""
        app_list = super().get_app_list(request, app_label)
        if app_label in (None, "moderation") and request.user.has_perm(views.MODERATE):
            app_list.insert(0, self._console_entry())
        return app_list

    def _console_entry(self) -> dict:
        models = [
            {
                "name": label,
                "object_name": name,
                "admin_url": reverse(f"admin:{name}", current_app=self.name),
                "add_url": None,
                "view_only": True,
                "perms": {"view": True},
            }
            for name, label, _, _ in PAGES
        ]
        return {
            "name": "Moderation console",
            "app_label": "moderation",
            "app_url": reverse("admin:moderation_home", current_app=self.name),
            "has_module_perms": True,
            "models": models,
        }
