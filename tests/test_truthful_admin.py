"""Truthful forms and lists: every content form ends with "Review and
publish" (Reviewed by included), a duplicate name is refused with a link to
the page that has it, parts of pages stay out of the editors' menu, the
clinic settings heading opens the record, history reads in plain words."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from base.admin import ContentAdmin
from conditions.models import Condition
from treatments.models import Treatment

from .conftest import parse
from .editing import admin_form_data

pytestmark = pytest.mark.django_db


def content_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ]


@pytest.mark.parametrize(
    "model", [model for model, _ in content_admins()], ids=lambda m: m.__name__
)
def test_every_content_form_ends_with_review_and_publish(admin_client, model):
    opts = model._meta
    response = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    )
    assert response.status_code == 200
    groups = {
        str(fieldset.name): [field.field.name for line in fieldset for field in line]
        for fieldset in response.context["adminform"]
    }
    assert groups.get("Review and publish") == [
        "status",
        "last_reviewed",
        "reviewed_by",
    ], groups
    html = response.content.decode()
    assert "Reviewed by" in html


def test_a_duplicate_name_points_to_the_page_that_has_it(editor_client):
    existing = Condition.objects.get(name="Sciatica")
    url = reverse("admin:conditions_condition_add")
    data = admin_form_data(editor_client.get(url))
    data.update(name="sciatica ", slug="sciatica", definition="Again.")
    response = editor_client.post(url, data)
    assert response.status_code == 200  # refused
    page = parse(response)
    edit = reverse("admin:conditions_condition_change", args=[existing.pk])
    assert "Sciatica already exists: edit it." in page.plain_text
    assert edit in page.links
    assert "Slug" not in page.plain_text.split("Sciatica already exists")[0]
    assert "with this Slug already exists" not in page.plain_text
    assert Condition.objects.filter(name__iexact="sciatica").count() == 1


def test_renaming_a_page_to_its_own_name_is_not_a_duplicate(editor_client):
    treatment = Treatment.objects.get(slug="chiropractic")
    url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    data = admin_form_data(editor_client.get(url))
    assert editor_client.post(url, data).status_code == 302


def menu(client):
    response = client.get(reverse("admin:index"))
    return {
        app["name"]: [str(model["name"]) for model in app["models"]]
        for app in response.context["app_list"]
    }, response.context["app_list"]


PARTS = {"Condition sections", "Condition treatments", "Opening hours"}


def test_parts_of_pages_leave_the_editors_menu(editor_client):
    entries, _apps = menu(editor_client)
    listed = {name for models in entries.values() for name in models}
    assert "Conditions" in listed
    assert not listed & PARTS
    assert not any("section" in name.lower() for name in listed)


def test_superusers_keep_the_parts_under_system(admin_client):
    entries, _apps = menu(admin_client)
    assert set(entries["System"]) >= PARTS
    for app, models in entries.items():
        if app != "System":
            assert not set(models) & PARTS


def test_the_clinic_settings_heading_opens_the_record(editor_client):
    from base.models import ClinicSettings

    _entries, apps = menu(editor_client)
    settings_app = next(app for app in apps if app["app_label"] == "backfit")
    record = ClinicSettings.objects.get()
    change = reverse("admin:backfit_clinicsettings_change", args=[record.pk])
    assert settings_app["app_url"] == change
    assert [m["admin_url"] for m in settings_app["models"]] == [change]
    assert editor_client.get(change).status_code == 200


def test_history_reads_in_plain_words(editor_client):
    treatment = Treatment.objects.get(slug="chiropractic")
    history_url = reverse("admin:treatments_treatment_history", args=[treatment.pk])
    page = parse(editor_client.get(history_url))
    text = page.plain_text
    assert "Versions of Chiropractic" in text
    assert "object" not in text.lower()
    shipped = treatment.history.get(history_type="+")
    restore = reverse(
        "admin:treatments_treatment_simple_history",
        args=[treatment.pk, shipped.history_id],
    )
    # The date is the link.
    html = editor_client.get(history_url).content.decode()
    link = re.search(rf'<a href="{re.escape(restore)}">([^<]*)</a>', html)
    assert link and re.match(r"\w+ \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M", link[1].strip())

    form = editor_client.get(restore)
    form_text = parse(form).plain_text
    assert "Restore this version" in form_text
    assert "Historical" not in form_text
    assert "object" not in form_text.lower()
    response = editor_client.post(restore, admin_form_data(form), follow=True)
    said = " ".join(m.message for m in response.context["messages"])
    assert said.startswith("Restored the version of ")
    assert ".." not in said
    assert "a.m." not in said and "p.m." not in said


def test_the_pickers_name_what_they_pick(editor_client):
    treatment = Treatment.objects.get(slug="chiropractic")
    html = editor_client.get(
        reverse("admin:treatments_treatment_change", args=[treatment.pk])
    ).content.decode()
    assert 'data-field-name="professions"' in html
    assert 'data-field-name="performed by"' not in html
