from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ConsoleAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "managed": False,
                "default_permissions": (),
                "permissions": [
                    (
                        "moderate",
                        "Can act on content, comments and reports in the moderation console",
                    ),
                    ("suspend_users", "Can suspend and reinstate platform accounts"),
                ],
            },
        ),
    ]
