"""Staff in the "Content editor" group (base migration 0004) add, change,
delete and view treatment sections like every other page and part."""

from django.db import migrations

from base.editors import grant_editors


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0004_clear_shipped_filler_and_british_spellings"),
        ("backfit", "0004_content_editor_group_and_site"),
    ]

    operations = [grant_editors("treatments", ["treatmentsection"])]
