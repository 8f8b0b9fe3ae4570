"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "team"
FIELDS = {
    "clinician": ["photo_alt"],
    "historicalclinician": ["photo_alt"],
    "historicalprofession": ["description", "name", "plural_name"],
    "profession": ["description", "name", "plural_name"],
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
        ("team", "0004_page_changed_by_staff"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinician",
            name="photo_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the photo for people who cannot see it. Required with a photo.",
                max_length=250,
                null=True,
                verbose_name="photo description",
            ),
        ),
        migrations.AddField(
            model_name="clinician",
            name="photo_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the photo for people who cannot see it. Required with a photo.",
                max_length=250,
                null=True,
                verbose_name="photo description",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinician",
            name="photo_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the photo for people who cannot see it. Required with a photo.",
                max_length=250,
                null=True,
                verbose_name="photo description",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinician",
            name="photo_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the photo for people who cannot see it. Required with a photo.",
                max_length=250,
                null=True,
                verbose_name="photo description",
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="What this profession does at BackFit, in plain words. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="what they do here",
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="What this profession does at BackFit, in plain words. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="what they do here",
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="plural_name_en",
            field=models.CharField(
                blank=True,
                help_text="The heading on the team page, e.g. 'Chiropractors'. The name above ('Chiropractor') is what treatment pages list under 'Performed by'.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalprofession",
            name="plural_name_es",
            field=models.CharField(
                blank=True,
                help_text="The heading on the team page, e.g. 'Chiropractors'. The name above ('Chiropractor') is what treatment pages list under 'Performed by'.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="What this profession does at BackFit, in plain words. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="what they do here",
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="What this profession does at BackFit, in plain words. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="what they do here",
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="plural_name_en",
            field=models.CharField(
                help_text="The heading on the team page, e.g. 'Chiropractors'. The name above ('Chiropractor') is what treatment pages list under 'Performed by'.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="profession",
            name="plural_name_es",
            field=models.CharField(
                help_text="The heading on the team page, e.g. 'Chiropractors'. The name above ('Chiropractor') is what treatment pages list under 'Performed by'.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
