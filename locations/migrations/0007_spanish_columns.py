"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "locations"
FIELDS = {
    "historicallocation": ["area"],
    "location": ["area"],
}


def copy_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        manager = apps.get_model(APP, model_name)._base_manager
        for field in fields:
            manager.filter(**{f"{field}_en__isnull": True}).update(
                **{f"{field}_en": models.F(field)}
            )


def copy_english_back(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        manager = apps.get_model(APP, model_name)._base_manager
        for field in fields:
            manager.filter(**{f"{field}_en__isnull": False}).update(
                **{field: models.F(f"{field}_en")}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0006_page_changed_by_staff"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicallocation",
            name="area_en",
            field=models.CharField(
                blank=True,
                help_text="Where the clinic is, in the words patients use, e.g. north Phoenix. Shown under the clinic's name in lists.",
                max_length=100,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicallocation",
            name="area_es",
            field=models.CharField(
                blank=True,
                help_text="Where the clinic is, in the words patients use, e.g. north Phoenix. Shown under the clinic's name in lists.",
                max_length=100,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="area_en",
            field=models.CharField(
                blank=True,
                help_text="Where the clinic is, in the words patients use, e.g. north Phoenix. Shown under the clinic's name in lists.",
                max_length=100,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="area_es",
            field=models.CharField(
                blank=True,
                help_text="Where the clinic is, in the words patients use, e.g. north Phoenix. Shown under the clinic's name in lists.",
                max_length=100,
                null=True,
            ),
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
