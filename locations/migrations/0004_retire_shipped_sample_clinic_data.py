"""Earlier releases shipped invented clinic details: a ZIP code, map position,
opening hours and treatments for Desert Ridge, and three "Sample clinic"
records. A database seeded then still holds them (the seed step never touches
what it has created). This takes them back, but only where staff have never
touched them:

- the record still has exactly the one history entry the seed step wrote
  (no save since, by anyone), its opening hours likewise, and it is still
  marked demo data with the values the old fixture shipped;
- Desert Ridge then keeps its name, area and city, and loses the invented
  ZIP code, position, hours and treatments;
- a sample clinic is unpublished (set to Draft), never deleted: staff delete
  it from the admin when they are sure (README, "Clinic locations").

Anything staff have edited, even once, is left exactly as it is. Each change
is recorded in the record's history, so it can be undone from the admin."""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

REASON = "Invented sample details removed by an upgrade"

# What the old fixtures shipped (fixtures/50-locations.json before this change).
SHIPPED = {
    "desert-ridge": ("85050", Decimal("33.686300"), Decimal("-111.996300")),
    "sample-tempe": ("85281", Decimal("33.422700"), Decimal("-111.926100")),
    "sample-glendale": ("85301", Decimal("33.531100"), Decimal("-112.176700")),
    "sample-mesa": ("85201", Decimal("33.431700"), Decimal("-111.846900")),
}


def untouched(location, HistoricalLocation, HistoricalOpeningHours):
    if not location.is_demo or location.street_address or location.phone:
        return False
    if (location.postal_code, location.latitude, location.longitude) != SHIPPED[
        location.slug
    ]:
        return False
    history = HistoricalLocation.objects.filter(id=location.pk)
    if history.count() != 1 or history.exclude(history_user=None).exists():
        return False
    for hours in location.opening_hours.all():
        hours_history = HistoricalOpeningHours.objects.filter(id=hours.pk)
        if hours_history.count() != 1 or hours_history.exclude(
            history_user=None
        ).exists():
            return False
    # Hours staff deleted leave a "-" entry behind.
    return not HistoricalOpeningHours.objects.filter(
        location_id=location.pk, history_type="-"
    ).exists()


def record(location, HistoricalLocation):
    kept = {field.attname for field in HistoricalLocation._meta.concrete_fields}
    values = {
        field.attname: getattr(location, field.attname)
        for field in location._meta.concrete_fields
        if field.attname in kept  # `updated` is not kept in history
    }
    HistoricalLocation.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=REASON,
        history_user=None,
    )


def retire_samples(apps, schema_editor):
    Location = apps.get_model("locations", "Location")
    HistoricalLocation = apps.get_model("locations", "HistoricalLocation")
    HistoricalOpeningHours = apps.get_model("locations", "HistoricalOpeningHours")
    for location in Location.objects.filter(slug__in=SHIPPED):
        if not untouched(location, HistoricalLocation, HistoricalOpeningHours):
            continue
        if location.slug == "desert-ridge":
            location.postal_code = ""
            location.latitude = location.longitude = None
            location.area = location.area or "north Phoenix"
            location.opening_hours.all().delete()
            location.treatments.clear()
        else:
            location.status = "draft"
        location.is_demo = False
        location.save()
        record(location, HistoricalLocation)


class Migration(migrations.Migration):
    dependencies = [("locations", "0003_clinic_facts_only_as_entered")]

    operations = [migrations.RunPython(retire_samples, migrations.RunPython.noop)]
