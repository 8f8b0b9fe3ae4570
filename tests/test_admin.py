"""The admin works for every model staff edit."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_open(admin_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    # (The clinic settings' list is its one form: followed to it.)
    assert admin_client.get(changelist, follow=True).status_code == 200
    assert admin_client.get(changelist + "?q=back", follow=True).status_code == 200
    model_admin = admin.site._registry[model]
    request = admin_client.get(changelist).wsgi_request
    if model_admin.has_add_permission(request):
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert admin_client.get(add).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        change = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
        assert admin_client.get(change).status_code == 200


def test_staff_edit_shows_on_the_site_at_once(admin_client, client):
    from conditions.models import Condition

    condition = Condition.objects.get(slug="back-muscle-spasms")
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "hero_image"
    }
    data.update(
        {
            "definition": "A new definition from the clinical team.",
            "last_reviewed": "",
        }
    )
    for prefix, rows in (
        ("sections", condition.sections.all()),
        ("condition_treatments", condition.condition_treatments.all()),
        ("body_area_links", condition.body_area_links.all()),
        ("root_cause_links", condition.root_cause_links.all()),
        ("risk_factor_links", condition.risk_factor_links.all()),
        ("symptom_links", condition.symptom_links.all()),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            for field in row._meta.fields:
                value = getattr(row, field.attname)
                data[f"{prefix}-{i}-{field.name}"] = "" if value is None else value
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (
        "A new definition from the clinical team."
        in client.get(condition.get_absolute_url()).content.decode()
    )


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
