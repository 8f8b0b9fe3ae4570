"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "articles"
FIELDS = {
    "article": ["body", "name", "summary"],
    "historicalarticle": ["body", "name", "summary"],
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
        ("articles", "0005_library_order_index"),
        ("conditions", "0008_spanish_columns"),
        ("treatments", "0008_spanish_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_en",
            field=models.TextField(
                help_text="The article. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="body_es",
            field=models.TextField(
                help_text="The article. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="summary_en",
            field=models.CharField(
                help_text="One or two plain sentences shown under the title, in the library's list, in search results and under 'Read more'.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="summary_es",
            field=models.CharField(
                help_text="One or two plain sentences shown under the title, in the library's list, in search results and under 'Read more'.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="body_en",
            field=models.TextField(
                blank=True,
                help_text="The article. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="body_es",
            field=models.TextField(
                blank=True,
                help_text="The article. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="summary_en",
            field=models.CharField(
                blank=True,
                help_text="One or two plain sentences shown under the title, in the library's list, in search results and under 'Read more'.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="summary_es",
            field=models.CharField(
                blank=True,
                help_text="One or two plain sentences shown under the title, in the library's list, in search results and under 'Read more'.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_date", "name_en"],
                name="article_library_order-en",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_date", "name_es"],
                name="article_library_order-es",
            ),
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
