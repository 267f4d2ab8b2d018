"""Console permissions, checked by Django's auth on staff (ORM) users; platform data is in Mongo."""

from django.db import models


class ConsoleAccess(models.Model):
    """A table-less model that only carries the console's permissions, so groups can hold them."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("moderate", "Can act on content, comments and reports in the moderation console"),
            ("suspend_users", "Can suspend and reinstate platform accounts"),
        ]

    def __str__(self) -> str:
        return "moderation console access"
