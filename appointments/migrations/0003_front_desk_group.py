"""The "Front desk" group, shipped with the site: its members see the
call-back requests and change their status; no content, no accounts.

Frozen: this migration carries its own helpers and imports no app code, so
it does the same thing on every database whatever later releases change.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Front desk"
#: {app label: {model: [actions]}}, read by tests/editing.py too.
PERMISSIONS = {
    "appointments": {"appointmentrequest": ["view", "change"]},
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            yield from Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )


def make_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_label in PERMISSIONS:
        config = apps.get_app_config(app_label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_clinic_name_kept_and_staff_words"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_group, remove_group)]
