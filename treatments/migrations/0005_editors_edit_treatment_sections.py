"""Staff in the "Content editor" group (base migration 0004) add, change,
delete and view treatmentsection records like every other page and part."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Content editor"
MODELS = ['treatmentsection']
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    config = apps.get_app_config("treatments")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="treatments",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="treatments",
                codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0004_clear_shipped_filler_and_british_spellings"),
        ("backfit", "0004_content_editor_group_and_site"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
