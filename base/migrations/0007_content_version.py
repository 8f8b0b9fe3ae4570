import uuid

from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("backfit", "ContentVersion").objects.create(
        pk=1, version=uuid.uuid4().hex
    )


class Migration(migrations.Migration):
    dependencies = [("backfit", "0006_privacy_text_says_search_words_are_counted")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("version", models.CharField(max_length=32)),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
