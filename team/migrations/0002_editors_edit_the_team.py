"""Staff in the "Content editor" group (base migration 0004) add, change,
delete and view profession and clinician records like every other page and part."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here, as this migration ran: a migration never changes after it ships.
GROUP = "Content editor"
ACTIONS = ["add", "change", "delete", "view"]


def grant_editors(app_label, model_names):
    """A migration operation: editors add, change, delete and view the
    records of `model_names` (of `app_label`) like every other page and part;
    reversed, the rights are taken back."""
    codenames = [f"{action}_{model}" for model in model_names for action in ACTIONS]

    def permissions(apps):
        return apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )

    def grant(apps, schema_editor):
        # Permissions are normally made after all migrations; make them now.
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
        group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
        group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
        if group:
            group.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)



class Migration(migrations.Migration):
    dependencies = [
        ("team", "0001_professions_and_clinicians"),
        ("backfit", "0004_content_editor_group_and_site"),
    ]

    operations = [grant_editors("team", ["profession", "clinician"])]
