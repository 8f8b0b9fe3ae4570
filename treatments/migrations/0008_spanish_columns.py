"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "treatments"
FIELDS = {
    "historicaltreatment": ["description", "image_alt", "name", "summary"],
    "historicaltreatmentsection": [
        "body_after",
        "body",
        "bullets",
        "heading",
        "list_intro",
    ],
    "treatment": ["description", "image_alt", "name", "summary"],
    "treatmentsection": ["body_after", "body", "bullets", "heading", "list_intro"],
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
        ("treatments", "0007_page_changed_by_staff"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltreatment",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional opening text under 'About'. Longer text goes into the question-style sections below. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="about",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional opening text under 'About'. Longer text goes into the question-style sections below. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="about",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="image_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="image description",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="image_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="image description",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="summary_en",
            field=models.CharField(
                blank=True,
                help_text="One plain sentence saying what the treatment is, shown under the title, in lists and in search results. Leave empty rather than write something general: the page then shows only its lists.",
                max_length=250,
                null=True,
                verbose_name="definition",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatment",
            name="summary_es",
            field=models.CharField(
                blank=True,
                help_text="One plain sentence saying what the treatment is, shown under the title, in lists and in search results. Leave empty rather than write something general: the page then shows only its lists.",
                max_length=250,
                null=True,
                verbose_name="definition",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="body_after_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="body_after_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="body_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="body_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="bullets_en",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="bullets_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="heading_en",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="heading_es",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="list_intro_en",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicaltreatmentsection",
            name="list_intro_es",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional opening text under 'About'. Longer text goes into the question-style sections below. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="about",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional opening text under 'About'. Longer text goes into the question-style sections below. Leave a blank line between paragraphs.",
                null=True,
                verbose_name="about",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="image_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="image description",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="image_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="image description",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="summary_en",
            field=models.CharField(
                blank=True,
                help_text="One plain sentence saying what the treatment is, shown under the title, in lists and in search results. Leave empty rather than write something general: the page then shows only its lists.",
                max_length=250,
                null=True,
                verbose_name="definition",
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="summary_es",
            field=models.CharField(
                blank=True,
                help_text="One plain sentence saying what the treatment is, shown under the title, in lists and in search results. Leave empty rather than write something general: the page then shows only its lists.",
                max_length=250,
                null=True,
                verbose_name="definition",
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="body_after_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="body_after_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="body_en",
            field=models.TextField(
                help_text="Leave a blank line between paragraphs.", null=True
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="body_es",
            field=models.TextField(
                help_text="Leave a blank line between paragraphs.", null=True
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="bullets_en",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="bullets_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="heading_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="heading_es",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="list_intro_en",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="treatmentsection",
            name="list_intro_es",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
