"""Staff in the "Content editor" group (base migration 0004) add, change,
delete and view profession and clinician records like every other page and part."""

from django.db import migrations

from base.editors import grant_editors


class Migration(migrations.Migration):
    dependencies = [
        ("team", "0001_professions_and_clinicians"),
        ("backfit", "0004_content_editor_group_and_site"),
    ]

    operations = [grant_editors("team", ["profession", "clinician"])]
