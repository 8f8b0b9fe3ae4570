"""Databases seeded before this release hold treatment text the site no
longer ships: a filler sentence on eleven treatments ("One of the treatments
offered at BackFit ...") and British spellings ("programme", "counselling").
The seed step never touches a record twice, so this changes exactly the text
as it was shipped and nothing else: a treatment staff have reworded keeps
their words."""

from django.db import migrations

FILLER = (
    "One of the treatments offered at BackFit. Call us to ask whether it suits you."
)
SHIPPED = {
    "weight-loss": {
        "summary": (
            "A programme that treats excess weight as a root cause of pain.",
            "A program that treats excess weight as a root cause of pain.",
        ),
        "description": (
            "Our weight loss programme treats excess weight as a root cause: extra "
            "weight wears on the joints and raises the risk of osteoarthritis.",
            "Our weight loss program treats excess weight as a root cause: extra "
            "weight wears on the joints and raises the risk of osteoarthritis.",
        ),
    },
    "chiropractic": {
        "description": (
            "Chiropractic care diagnoses and treats mechanical problems of the "
            "muscles and joints, especially the spine. Adjustments by hand are the "
            "main tool.\n\nOur chiropractors use techniques including diversified, "
            "Thompson drop-table and activator, and add exercise and nutrition and "
            "lifestyle counselling.",
            "Chiropractic care diagnoses and treats mechanical problems of the "
            "muscles and joints, especially the spine. Adjustments by hand are the "
            "main tool.\n\nOur chiropractors use techniques including diversified, "
            "Thompson drop-table and activator, and add exercise and nutrition and "
            "lifestyle counseling.",
        ),
    },
}


def forwards(apps, schema_editor):
    Treatment = apps.get_model("treatments", "Treatment")
    Treatment.objects.filter(summary=FILLER).update(summary="")
    for slug, fields in SHIPPED.items():
        for field, (old, new) in fields.items():
            Treatment.objects.filter(slug=slug, **{field: old}).update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0003_treatment_pages_sections_and_complementary"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
