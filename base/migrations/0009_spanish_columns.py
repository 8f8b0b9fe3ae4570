"""Spanish beside the English: a column per language for the text patients
read (and in the history), the English column filled from today's text; and
where each page's translation stands (TranslationReview)."""

from django.db import migrations, models


# The English columns start with the text each record (and each
# version in its history) has now, so an upgraded site keeps its English.
# Frozen here: this migration imports nothing from the project.
APP = "backfit"
FIELDS = {
    "clinicsettings": [
        "contact_heading",
        "contact_lead",
        "more_about_heading",
        "more_about_text",
        "new_patient_heading",
        "new_patient_text",
        "privacy_clinic_text",
        "privacy_heading",
        "privacy_text",
        "tagline",
    ],
    "historicalclinicsettings": [
        "contact_heading",
        "contact_lead",
        "more_about_heading",
        "more_about_text",
        "new_patient_heading",
        "new_patient_text",
        "privacy_clinic_text",
        "privacy_heading",
        "privacy_text",
        "tagline",
    ],
}


def copy_english(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        manager = apps.get_model(APP, model_name)._base_manager
        for field in fields:
            manager.filter(**{f"{field}_en__isnull": True}).update(
                **{f"{field}_en": models.F(field)}
            )
            # Adding the column filled it with the field's English default
            # ("Appointment Inquiries"): there is no Spanish yet.
            manager.update(**{f"{field}_es": None})


def copy_english_back(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        manager = apps.get_model(APP, model_name)._base_manager
        for field in fields:
            manager.filter(**{f"{field}_en__isnull": False}).update(
                **{field: models.F(f"{field}_en")}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("backfit", "0008_spanish_on_the_phone"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicsettings",
            name="contact_heading_en",
            field=models.CharField(
                default="Appointment Inquiries",
                help_text="Heading of the contact block shown on every page.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="contact_heading_es",
            field=models.CharField(
                default="Appointment Inquiries",
                help_text="Heading of the contact block shown on every page.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="contact_lead_en",
            field=models.CharField(
                default="Call us at:",
                help_text="Words shown just before the phone number.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="contact_lead_es",
            field=models.CharField(
                default="Call us at:",
                help_text="Words shown just before the phone number.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="more_about_heading_en",
            field=models.CharField(
                default="More About BackFit", max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="more_about_heading_es",
            field=models.CharField(
                default="More About BackFit", max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="more_about_text_en",
            field=models.TextField(
                blank=True,
                help_text="Closing paragraph on condition pages, above the links to locations, treatments and the new patient offer.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="more_about_text_es",
            field=models.TextField(
                blank=True,
                help_text="Closing paragraph on condition pages, above the links to locations, treatments and the new patient offer.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="new_patient_heading_en",
            field=models.CharField(
                default="Our new patient offer",
                help_text="Title of the New patients page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="new_patient_heading_es",
            field=models.CharField(
                default="Our new patient offer",
                help_text="Title of the New patients page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="new_patient_text_en",
            field=models.TextField(
                default="Details of our new patient offer are coming soon. Call us and our team will tell you what it includes.",
                help_text="The offer, in full: what it includes and its terms. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="new_patient_text_es",
            field=models.TextField(
                default="Details of our new patient offer are coming soon. Call us and our team will tell you what it includes.",
                help_text="The offer, in full: what it includes and its terms. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_clinic_text_en",
            field=models.TextField(
                default="How the clinic looks after your information once you are a patient (our notice of privacy practices), and who to contact about it, will be published here. Until then, call us with any question about your information.",
                help_text="The clinic's own words: how it uses and protects patients' information and who to contact. Shown at the end of the Privacy page.",
                null=True,
                verbose_name="the clinic's privacy notice",
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_clinic_text_es",
            field=models.TextField(
                default="How the clinic looks after your information once you are a patient (our notice of privacy practices), and who to contact about it, will be published here. Until then, call us with any question about your information.",
                help_text="The clinic's own words: how it uses and protects patients' information and who to contact. Shown at the end of the Privacy page.",
                null=True,
                verbose_name="the clinic's privacy notice",
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_heading_en",
            field=models.CharField(
                default="Privacy",
                help_text="Title of the Privacy page (/privacy/).",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_heading_es",
            field=models.CharField(
                default="Privacy",
                help_text="Title of the Privacy page (/privacy/).",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_text_en",
            field=models.TextField(
                default='This website uses no tracking or advertising cookies and no analytics, and it loads no scripts, fonts or images from other companies: every part of every page comes from our own server.\n\nCookies: the appointment request form sets a security cookie that stops other websites from sending the form in your name. After you send a request, a session cookie lets the thank-you page show your number back to you; it ends when you close your browser. Nothing else is stored in your browser.\n\nOur server keeps short technical logs so we can keep the site working: the time, the page asked for (without your search words, ZIP code or location) and how long it took. They do not hold your IP address, your browser or the page you came from.\n\nSearches and "nearest clinic" look-ups are worked out on our own server. Look-ups are not stored; of a search, only its words are counted, with nothing about who searched (see "What you search for" below). "Use my location" asks your permission in your browser first and sends only a rounded position (to about 100 meters).\n\n"Get directions" links open a maps website, whose own privacy policy applies once you follow the link.',
                help_text="What this website does with visitors' information (cookies, other companies, logs). Shipped describing the site as built; change it only if the website changes. Leave a blank line between paragraphs. What happens to appointment requests (who sees them, how long they are kept) is added below it from the site's settings.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="privacy_text_es",
            field=models.TextField(
                default='This website uses no tracking or advertising cookies and no analytics, and it loads no scripts, fonts or images from other companies: every part of every page comes from our own server.\n\nCookies: the appointment request form sets a security cookie that stops other websites from sending the form in your name. After you send a request, a session cookie lets the thank-you page show your number back to you; it ends when you close your browser. Nothing else is stored in your browser.\n\nOur server keeps short technical logs so we can keep the site working: the time, the page asked for (without your search words, ZIP code or location) and how long it took. They do not hold your IP address, your browser or the page you came from.\n\nSearches and "nearest clinic" look-ups are worked out on our own server. Look-ups are not stored; of a search, only its words are counted, with nothing about who searched (see "What you search for" below). "Use my location" asks your permission in your browser first and sends only a rounded position (to about 100 meters).\n\n"Get directions" links open a maps website, whose own privacy policy applies once you follow the link.',
                help_text="What this website does with visitors' information (cookies, other companies, logs). Shipped describing the site as built; change it only if the website changes. Leave a blank line between paragraphs. What happens to appointment requests (who sees them, how long they are kept) is added below it from the site's settings.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="tagline_en",
            field=models.CharField(
                blank=True,
                help_text="One sentence about the clinic, shown on the home page.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="tagline_es",
            field=models.CharField(
                blank=True,
                help_text="One sentence about the clinic, shown on the home page.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="contact_heading_en",
            field=models.CharField(
                blank=True,
                default="Appointment Inquiries",
                help_text="Heading of the contact block shown on every page.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="contact_heading_es",
            field=models.CharField(
                blank=True,
                default="Appointment Inquiries",
                help_text="Heading of the contact block shown on every page.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="contact_lead_en",
            field=models.CharField(
                blank=True,
                default="Call us at:",
                help_text="Words shown just before the phone number.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="contact_lead_es",
            field=models.CharField(
                blank=True,
                default="Call us at:",
                help_text="Words shown just before the phone number.",
                max_length=80,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="more_about_heading_en",
            field=models.CharField(
                blank=True, default="More About BackFit", max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="more_about_heading_es",
            field=models.CharField(
                blank=True, default="More About BackFit", max_length=80, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="more_about_text_en",
            field=models.TextField(
                blank=True,
                help_text="Closing paragraph on condition pages, above the links to locations, treatments and the new patient offer.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="more_about_text_es",
            field=models.TextField(
                blank=True,
                help_text="Closing paragraph on condition pages, above the links to locations, treatments and the new patient offer.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="new_patient_heading_en",
            field=models.CharField(
                blank=True,
                default="Our new patient offer",
                help_text="Title of the New patients page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="new_patient_heading_es",
            field=models.CharField(
                blank=True,
                default="Our new patient offer",
                help_text="Title of the New patients page.",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="new_patient_text_en",
            field=models.TextField(
                blank=True,
                default="Details of our new patient offer are coming soon. Call us and our team will tell you what it includes.",
                help_text="The offer, in full: what it includes and its terms. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="new_patient_text_es",
            field=models.TextField(
                blank=True,
                default="Details of our new patient offer are coming soon. Call us and our team will tell you what it includes.",
                help_text="The offer, in full: what it includes and its terms. Leave a blank line between paragraphs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_clinic_text_en",
            field=models.TextField(
                blank=True,
                default="How the clinic looks after your information once you are a patient (our notice of privacy practices), and who to contact about it, will be published here. Until then, call us with any question about your information.",
                help_text="The clinic's own words: how it uses and protects patients' information and who to contact. Shown at the end of the Privacy page.",
                null=True,
                verbose_name="the clinic's privacy notice",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_clinic_text_es",
            field=models.TextField(
                blank=True,
                default="How the clinic looks after your information once you are a patient (our notice of privacy practices), and who to contact about it, will be published here. Until then, call us with any question about your information.",
                help_text="The clinic's own words: how it uses and protects patients' information and who to contact. Shown at the end of the Privacy page.",
                null=True,
                verbose_name="the clinic's privacy notice",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_heading_en",
            field=models.CharField(
                blank=True,
                default="Privacy",
                help_text="Title of the Privacy page (/privacy/).",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_heading_es",
            field=models.CharField(
                blank=True,
                default="Privacy",
                help_text="Title of the Privacy page (/privacy/).",
                max_length=120,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_text_en",
            field=models.TextField(
                blank=True,
                default='This website uses no tracking or advertising cookies and no analytics, and it loads no scripts, fonts or images from other companies: every part of every page comes from our own server.\n\nCookies: the appointment request form sets a security cookie that stops other websites from sending the form in your name. After you send a request, a session cookie lets the thank-you page show your number back to you; it ends when you close your browser. Nothing else is stored in your browser.\n\nOur server keeps short technical logs so we can keep the site working: the time, the page asked for (without your search words, ZIP code or location) and how long it took. They do not hold your IP address, your browser or the page you came from.\n\nSearches and "nearest clinic" look-ups are worked out on our own server. Look-ups are not stored; of a search, only its words are counted, with nothing about who searched (see "What you search for" below). "Use my location" asks your permission in your browser first and sends only a rounded position (to about 100 meters).\n\n"Get directions" links open a maps website, whose own privacy policy applies once you follow the link.',
                help_text="What this website does with visitors' information (cookies, other companies, logs). Shipped describing the site as built; change it only if the website changes. Leave a blank line between paragraphs. What happens to appointment requests (who sees them, how long they are kept) is added below it from the site's settings.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="privacy_text_es",
            field=models.TextField(
                blank=True,
                default='This website uses no tracking or advertising cookies and no analytics, and it loads no scripts, fonts or images from other companies: every part of every page comes from our own server.\n\nCookies: the appointment request form sets a security cookie that stops other websites from sending the form in your name. After you send a request, a session cookie lets the thank-you page show your number back to you; it ends when you close your browser. Nothing else is stored in your browser.\n\nOur server keeps short technical logs so we can keep the site working: the time, the page asked for (without your search words, ZIP code or location) and how long it took. They do not hold your IP address, your browser or the page you came from.\n\nSearches and "nearest clinic" look-ups are worked out on our own server. Look-ups are not stored; of a search, only its words are counted, with nothing about who searched (see "What you search for" below). "Use my location" asks your permission in your browser first and sends only a rounded position (to about 100 meters).\n\n"Get directions" links open a maps website, whose own privacy policy applies once you follow the link.',
                help_text="What this website does with visitors' information (cookies, other companies, logs). Shipped describing the site as built; change it only if the website changes. Leave a blank line between paragraphs. What happens to appointment requests (who sees them, how long they are kept) is added below it from the site's settings.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="tagline_en",
            field=models.CharField(
                blank=True,
                help_text="One sentence about the clinic, shown on the home page.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinicsettings",
            name="tagline_es",
            field=models.CharField(
                blank=True,
                help_text="One sentence about the clinic, shown on the home page.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.CreateModel(
            name="TranslationReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("model", models.CharField(max_length=100)),
                ("key", models.CharField(max_length=400)),
                ("language", models.CharField(max_length=8)),
                ("english_digest", models.CharField(max_length=64)),
                ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                ("reviewed_by", models.CharField(blank=True, max_length=150)),
            ],
            options={
                "ordering": ["model", "key", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("model", "key", "language"),
                        name="unique_translation_review",
                    )
                ],
            },
        ),
        migrations.RunPython(copy_english, copy_english_back),
    ]
