"""The `moderator` group: may act on content and reports; suspending stays with superusers."""

from django.db import migrations

PERMISSIONS = {
    "moderate": "Can act on content, comments and reports in the moderation console",
    "suspend_users": "Can suspend and reinstate platform accounts",
}


def create_group(apps, schema_editor):
    """Create the permissions now (post_migrate would only add them later) and the group."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="moderation", model="consoleaccess"
    )
    for codename, name in PERMISSIONS.items():
        permission_model.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
    group, _ = group_model.objects.get_or_create(name="moderator")
    group.permissions.add(
        permission_model.objects.get(content_type=content_type, codename="moderate")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="moderator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
