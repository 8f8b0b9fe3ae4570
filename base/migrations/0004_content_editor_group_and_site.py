"""The "Content editor" group: everything a receptionist, marketer or
clinician needs to run the site's content, and nothing that manages people or
permissions. Superusers keep everything. Also names the site (used by the
redirects of renamed pages)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Content editor"

FULL = ["add", "change", "delete", "view"]
PERMISSIONS = {
    "conditions": {
        "condition": FULL,
        "conditionsection": FULL,
        "conditiontreatment": FULL,
        "rootcause": FULL,
        "riskfactor": FULL,
        "symptom": FULL,
        "bodyarea": FULL,
    },
    "treatments": {"treatment": FULL},
    "locations": {"location": FULL, "openinghours": FULL},
    "backfit": {"clinicsettings": ["change", "view"]},
    # Editors see which old addresses forward where; only a superuser may
    # point the site's addresses elsewhere by hand.
    "redirects": {"redirect": ["view"]},
}


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = []
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        codename=f"{action}_{model}",
                    )
                )
    group.permissions.set(wanted)

    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "backfithealth.com", "name": "BackFit Health + Spine"}
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backfit", "0003_history_and_help_texts"),
        ("conditions", "0002_history_and_help_texts"),
        ("treatments", "0002_history_and_help_texts"),
        ("locations", "0002_history_and_help_texts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sites", "0002_alter_domain_unique"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
