"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "conditions"
FIELDS = {
    "bodyarea": ["name"],
    "condition": [
        "definition",
        "hero_alt",
        "meta_description",
        "name",
        "self_care_tip",
        "statistic",
        "statistic_source",
    ],
    "conditionsection": ["body_after", "body", "bullets", "heading", "list_intro"],
    "conditiontreatment": ["label", "text"],
    "historicalbodyarea": ["name"],
    "historicalcondition": [
        "definition",
        "hero_alt",
        "meta_description",
        "name",
        "self_care_tip",
        "statistic",
        "statistic_source",
    ],
    "historicalconditionsection": [
        "body_after",
        "body",
        "bullets",
        "heading",
        "list_intro",
    ],
    "historicalconditiontreatment": ["label", "text"],
    "historicalriskfactor": ["description", "name"],
    "historicalrootcause": ["description", "name"],
    "historicalsymptom": ["description", "name"],
    "historicalurgenthelp": [
        "emergency",
        "emergency_lead",
        "name",
        "source",
        "urgent",
        "urgent_lead",
    ],
    "riskfactor": ["description", "name"],
    "rootcause": ["description", "name"],
    "symptom": ["description", "name"],
    "urgenthelp": [
        "emergency",
        "emergency_lead",
        "name",
        "source",
        "urgent",
        "urgent_lead",
    ],
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
        ("conditions", "0007_ordered_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="bodyarea",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="bodyarea",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="definition_en",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences shown under the title, in plain words.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="definition_es",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences shown under the title, in plain words.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="hero_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it, e.g. 'Clinician stretching a patient's lower back'. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="hero image description",
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="hero_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it, e.g. 'Clinician stretching a patient's lower back'. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="hero image description",
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="meta_description_en",
            field=models.CharField(
                blank=True,
                help_text="Summary shown by search engines. Leave empty to use the definition.",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="meta_description_es",
            field=models.CharField(
                blank=True,
                help_text="Summary shown by search engines. Leave empty to use the definition.",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="self_care_tip_en",
            field=models.TextField(
                blank=True,
                help_text="A short self-care tip patients can try today.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="self_care_tip_es",
            field=models.TextField(
                blank=True,
                help_text="A short self-care tip patients can try today.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="statistic_en",
            field=models.CharField(
                blank=True,
                help_text="A headline figure, worded as the source gives it.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="statistic_es",
            field=models.CharField(
                blank=True,
                help_text="A headline figure, worded as the source gives it.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="statistic_source_en",
            field=models.CharField(
                blank=True,
                help_text="Who published the figure, e.g. ACA.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="statistic_source_es",
            field=models.CharField(
                blank=True,
                help_text="Who published the figure, e.g. ACA.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="body_after_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="body_after_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="body_en",
            field=models.TextField(
                help_text="Leave a blank line between paragraphs.", null=True
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="body_es",
            field=models.TextField(
                help_text="Leave a blank line between paragraphs.", null=True
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="bullets_en",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="bullets_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="heading_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="heading_es",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="list_intro_en",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditionsection",
            name="list_intro_es",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditiontreatment",
            name="label_en",
            field=models.CharField(
                blank=True,
                help_text="Name shown in the condition's treatment list, if different from the treatment's own name (e.g. 'Chiropractic Care').",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditiontreatment",
            name="label_es",
            field=models.CharField(
                blank=True,
                help_text="Name shown in the condition's treatment list, if different from the treatment's own name (e.g. 'Chiropractic Care').",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditiontreatment",
            name="text_en",
            field=models.TextField(
                blank=True,
                help_text="How this treatment helps with this condition. Treatments with text here are described on the condition page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="conditiontreatment",
            name="text_es",
            field=models.TextField(
                blank=True,
                help_text="How this treatment helps with this condition. Treatments with text here are described on the condition page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalbodyarea",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalbodyarea",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="definition_en",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences shown under the title, in plain words.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="definition_es",
            field=models.TextField(
                blank=True,
                help_text="One or two sentences shown under the title, in plain words.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="hero_alt_en",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it, e.g. 'Clinician stretching a patient's lower back'. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="hero image description",
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="hero_alt_es",
            field=models.CharField(
                blank=True,
                help_text="Describe the picture for people who cannot see it, e.g. 'Clinician stretching a patient's lower back'. Required with a picture.",
                max_length=250,
                null=True,
                verbose_name="hero image description",
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="meta_description_en",
            field=models.CharField(
                blank=True,
                help_text="Summary shown by search engines. Leave empty to use the definition.",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="meta_description_es",
            field=models.CharField(
                blank=True,
                help_text="Summary shown by search engines. Leave empty to use the definition.",
                max_length=160,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="self_care_tip_en",
            field=models.TextField(
                blank=True,
                help_text="A short self-care tip patients can try today.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="self_care_tip_es",
            field=models.TextField(
                blank=True,
                help_text="A short self-care tip patients can try today.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="statistic_en",
            field=models.CharField(
                blank=True,
                help_text="A headline figure, worded as the source gives it.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="statistic_es",
            field=models.CharField(
                blank=True,
                help_text="A headline figure, worded as the source gives it.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="statistic_source_en",
            field=models.CharField(
                blank=True,
                help_text="Who published the figure, e.g. ACA.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcondition",
            name="statistic_source_es",
            field=models.CharField(
                blank=True,
                help_text="Who published the figure, e.g. ACA.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="body_after_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="body_after_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
                verbose_name="text after the list",
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="body_en",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="body_es",
            field=models.TextField(
                blank=True,
                help_text="Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="bullets_en",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="bullets_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: one point per line, shown as a bulleted list after the text above.",
                null=True,
                verbose_name="bullet points",
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="heading_en",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="heading_es",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="list_intro_en",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditionsection",
            name="list_intro_es",
            field=models.CharField(
                blank=True,
                help_text="The sentence that leads into the list.",
                max_length=250,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditiontreatment",
            name="label_en",
            field=models.CharField(
                blank=True,
                help_text="Name shown in the condition's treatment list, if different from the treatment's own name (e.g. 'Chiropractic Care').",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditiontreatment",
            name="label_es",
            field=models.CharField(
                blank=True,
                help_text="Name shown in the condition's treatment list, if different from the treatment's own name (e.g. 'Chiropractic Care').",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditiontreatment",
            name="text_en",
            field=models.TextField(
                blank=True,
                help_text="How this treatment helps with this condition. Treatments with text here are described on the condition page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalconditiontreatment",
            name="text_es",
            field=models.TextField(
                blank=True,
                help_text="How this treatment helps with this condition. Treatments with text here are described on the condition page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalriskfactor",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalriskfactor",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalriskfactor",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalriskfactor",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalrootcause",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalrootcause",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalrootcause",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalrootcause",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalsymptom",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalsymptom",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalsymptom",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalsymptom",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="emergency_en",
            field=models.TextField(
                blank=True,
                help_text="One sign per line, each short and in plain words. Only what your source says.",
                null=True,
                verbose_name="emergency: signs",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="emergency_es",
            field=models.TextField(
                blank=True,
                help_text="One sign per line, each short and in plain words. Only what your source says.",
                null=True,
                verbose_name="emergency: signs",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="emergency_lead_en",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the red “Emergency” box, e.g. “Call 911 or go to the emergency room if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="emergency: first line",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="emergency_lead_es",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the red “Emergency” box, e.g. “Call 911 or go to the emergency room if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="emergency: first line",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="name_es",
            field=models.CharField(
                blank=True,
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="source_en",
            field=models.CharField(
                blank=True,
                help_text="Who published this guidance, shown under each box, e.g. “NHS, “Back pain” and “Sciatica” pages”. Required.",
                max_length=200,
                null=True,
                verbose_name="source",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="source_es",
            field=models.CharField(
                blank=True,
                help_text="Who published this guidance, shown under each box, e.g. “NHS, “Back pain” and “Sciatica” pages”. Required.",
                max_length=200,
                null=True,
                verbose_name="source",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="urgent_en",
            field=models.TextField(
                blank=True,
                help_text="One sign per line. Only what your source says.",
                null=True,
                verbose_name="urgent: signs",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="urgent_es",
            field=models.TextField(
                blank=True,
                help_text="One sign per line. Only what your source says.",
                null=True,
                verbose_name="urgent: signs",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="urgent_lead_en",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the “Urgent” box, e.g. “See a doctor today if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="urgent: first line",
            ),
        ),
        migrations.AddField(
            model_name="historicalurgenthelp",
            name="urgent_lead_es",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the “Urgent” box, e.g. “See a doctor today if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="urgent: first line",
            ),
        ),
        migrations.AddField(
            model_name="riskfactor",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="riskfactor",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="riskfactor",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="riskfactor",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="rootcause",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="rootcause",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="rootcause",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="rootcause",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="symptom",
            name="description_en",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="symptom",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional short explanation shown on the tag's page.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="symptom",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="symptom",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="emergency_en",
            field=models.TextField(
                blank=True,
                help_text="One sign per line, each short and in plain words. Only what your source says.",
                null=True,
                verbose_name="emergency: signs",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="emergency_es",
            field=models.TextField(
                blank=True,
                help_text="One sign per line, each short and in plain words. Only what your source says.",
                null=True,
                verbose_name="emergency: signs",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="emergency_lead_en",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the red “Emergency” box, e.g. “Call 911 or go to the emergency room if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="emergency: first line",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="emergency_lead_es",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the red “Emergency” box, e.g. “Call 911 or go to the emergency room if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="emergency: first line",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="name_en",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="name_es",
            field=models.CharField(
                help_text="The title patients see at the top of the page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="source_en",
            field=models.CharField(
                help_text="Who published this guidance, shown under each box, e.g. “NHS, “Back pain” and “Sciatica” pages”. Required.",
                max_length=200,
                null=True,
                verbose_name="source",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="source_es",
            field=models.CharField(
                help_text="Who published this guidance, shown under each box, e.g. “NHS, “Back pain” and “Sciatica” pages”. Required.",
                max_length=200,
                null=True,
                verbose_name="source",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="urgent_en",
            field=models.TextField(
                blank=True,
                help_text="One sign per line. Only what your source says.",
                null=True,
                verbose_name="urgent: signs",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="urgent_es",
            field=models.TextField(
                blank=True,
                help_text="One sign per line. Only what your source says.",
                null=True,
                verbose_name="urgent: signs",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="urgent_lead_en",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the “Urgent” box, e.g. “See a doctor today if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="urgent: first line",
            ),
        ),
        migrations.AddField(
            model_name="urgenthelp",
            name="urgent_lead_es",
            field=models.CharField(
                blank=True,
                help_text="Shown before the list in the “Urgent” box, e.g. “See a doctor today if back pain comes with any of these:”.",
                max_length=200,
                null=True,
                verbose_name="urgent: first line",
            ),
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
