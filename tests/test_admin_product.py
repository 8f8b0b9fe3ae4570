"""The admin as clinic staff meet it, without a browser: the home page's
"needs your attention", the menu's order, clinic settings one click away,
web addresses and anchors filled in for them, plain messages, names in the
history, and "page not found" (never an error page) for a mistyped address."""

import json
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from base.models import ClinicSettings, Status
from conditions.models import BodyArea, Condition
from treatments.models import Treatment

from .conftest import parse
from .editing import (
    admin_form_data,
    change_url,
    inline_field,
    jpeg_bytes,
    upload,
)

pytestmark = pytest.mark.django_db

SLUG = "back-muscle-spasms"


def attention(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {item["id"]: item for item in response.context["attention"]}


def names(list_):
    return {item["name"] for group in list_["groups"] for item in group["items"]}


def count(list_, kind):
    return sum(group["count"] for group in list_["groups"] if group["name"] == kind)


# A mistyped address ------------------------------------------------------


def registered():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


JUNK = [
    "{pk}/change/history/",
    "{pk}/history/not-a-version/",
    "{pk}/history/99999999999999999999/",
    "{pk}/history/0/",
    "not-a-number/history/",
    "99999999999999999999/history/",
    "-1/history/",
    "not-a-number/change/",
    "not-a-number/delete/",
    "{pk}/change/anything/",
    "{pk}/delete/anything/",
    "a/b/c/",
]


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label)
def test_a_mistyped_admin_address_is_page_not_found_never_an_error(admin_client, model):
    opts = model._meta
    obj = model._default_manager.first()
    root = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    for junk in JUNK:
        url = root + junk.format(pk=obj.pk if obj else 1)
        response = admin_client.get(url, follow=True)
        assert response.status_code in (200, 403, 404), url
        if response.status_code == 404:
            page = parse(response)
            assert "Page not found" in page.h1, url
            assert reverse("admin:index") in page.links, url


def test_the_addresses_from_the_issue_are_page_not_found(admin_client, condition):
    for url in (
        f"/admin/conditions/condition/{condition.pk}/change/history/",
        "/admin/no-such-app/",
        "/admin/conditions/no-such-model/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 404, url
        assert "There is no admin page at this address" in response.content.decode()


# Clinic settings, one click away -----------------------------------------


def test_the_clinic_settings_entry_opens_its_form(editor_client):
    response = editor_client.get(reverse("admin:backfit_clinicsettings_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:backfit_clinicsettings_change", args=[1]
    )


def test_before_the_settings_exist_the_entry_opens_the_form_to_fill_them(
    editor_client, client
):
    ClinicSettings.objects.all().delete()
    response = editor_client.get(
        reverse("admin:backfit_clinicsettings_changelist"), follow=True
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.initial["phone"].as_e164 == "+18772225348"  # as shipped
    data = admin_form_data(response)
    data["phone"] = "(480) 555-0134"
    response = editor_client.post(response.request["PATH_INFO"], data, follow=True)
    assert response.status_code == 200
    assert ClinicSettings.objects.get().phone.as_e164 == "+14805550134"
    assert response.request["PATH_INFO"] == reverse(
        "admin:backfit_clinicsettings_change", args=[1]
    )
    text = parse(response).plain_text
    assert "Every page shows the new settings now" in text
    assert 'href="tel:+14805550134"' in client.get("/").content.decode()


def test_saving_the_settings_stays_on_the_form(editor_client):
    url = reverse("admin:backfit_clinicsettings_change", args=[1])
    data = admin_form_data(editor_client.get(url))
    data["phone"] = "(480) 555-0134"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url


# Needs your attention ----------------------------------------------------


def test_drafts_are_listed_with_links_to_their_forms(editor_client, condition):
    condition.status = Status.DRAFT
    condition.save()
    drafts = attention(editor_client)["drafts"]
    assert condition.name in names(drafts)
    urls = {item["url"] for group in drafts["groups"] for item in group["items"]}
    assert change_url(condition) in urls
    condition.status = Status.PUBLISHED
    condition.save()
    assert condition.name not in names(attention(editor_client)["drafts"])


def test_pages_never_or_long_ago_reviewed_are_listed_until_reviewed(
    editor_client, condition
):
    never = count(attention(editor_client)["review"], "Conditions")
    assert never == Condition.objects.published().count()
    condition.last_reviewed = timezone.localdate() - timedelta(days=400)
    condition.save()
    assert count(attention(editor_client)["review"], "Conditions") == never
    condition.last_reviewed = timezone.localdate() - timedelta(days=30)
    condition.save()
    assert count(attention(editor_client)["review"], "Conditions") == never - 1
    assert condition.name not in names(attention(editor_client)["review"])


def test_pages_that_do_not_say_what_they_are_about_are_listed_by_the_field(
    editor_client, condition
):
    """The list names the field as staff see it on the form, and lists only
    pages where that field is empty: a treatment that shows a definition is
    not listed for its optional "About"."""
    assert condition.name not in names(attention(editor_client)["undescribed"])
    condition.definition = ""
    condition.save()
    listed = attention(editor_client)["undescribed"]
    assert condition.name in names(listed)
    assert "Conditions with “Definition” empty" in [g["name"] for g in listed["groups"]]

    treatment = Treatment.objects.get(slug="chiropractic")
    assert treatment.summary  # it shows a definition
    treatment.description = ""  # the optional "About"
    treatment.save()
    assert treatment.name not in names(attention(editor_client)["undescribed"])
    treatment.summary = ""
    treatment.save()
    listed = attention(editor_client)["undescribed"]
    group = next(g for g in listed["groups"] if g["name"].startswith("Treatments"))
    assert group["name"] == "Treatments with “Definition” empty"
    empty = Treatment.objects.filter(summary="").count()
    assert group["count"] == empty < Treatment.objects.count()


def test_pictures_without_a_description_are_listed(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("photo.jpg", jpeg_bytes())
    treatment.image_alt = ""
    treatment.save()  # an import or a script can skip the form's check
    assert treatment.name in names(attention(editor_client)["no-alt"])


def test_recent_changes_name_other_staff_and_leave_out_my_own(
    editor_client, editor, django_user_model, condition
):
    colleague = django_user_model.objects.create_user(
        "sam", password="x", first_name="Sam", last_name="Lee", is_staff=True
    )
    for user in (colleague, editor):
        LogEntry.objects.log_actions(
            user.pk,
            [condition],
            CHANGE,
            change_message=json.dumps([{"changed": {"fields": ["Definition"]}}]),
            single_object=True,
        )
    changes = attention(editor_client)["recent"]["changes"]
    assert [change["who"] for change in changes] == ["Sam Lee"]
    assert changes[0]["url"] == change_url(condition)
    assert "Definition" in changes[0]["what"]


def test_an_editor_sees_only_what_they_may_open(editor_client):
    lists = attention(editor_client)
    kinds = {
        group["name"] for item in lists.values() for group in item.get("groups", [])
    }
    # A group is named by its kind of page ("Treatments", or "Treatments
    # with “Definition” empty").
    assert {kind.split(" with ")[0] for kind in kinds} <= {
        model._meta.verbose_name_plural.capitalize() for model in admin.site._registry
    }
    # Nothing an editor may not see: no staff accounts in recent changes.
    user_type = ContentType.objects.get(app_label="auth", model="user")
    assert all(
        change["kind"] != user_type.name for change in lists["recent"]["changes"]
    )


# The menu ----------------------------------------------------------------


def test_superusers_see_content_first_and_technical_records_under_system(
    admin_client,
):
    app_list = admin_client.get(reverse("admin:index")).context["app_list"]
    labels = [app["app_label"] for app in app_list]
    assert labels[:3] == ["conditions", "locations", "treatments"]
    assert labels[-1] == "system"
    system = {model["object_name"] for model in app_list[-1]["models"]}
    assert {"SeedRecord", "Site", "Redirect", "AccessAttempt"} <= system
    everything_else = {
        model["object_name"] for app in app_list[:-1] for model in app["models"]
    }
    assert not everything_else & system
    assert "ClinicSettings" in everything_else
    assert "Staff accounts" in [app["name"] for app in app_list]


def test_an_app_page_still_lists_its_own_models(admin_client):
    response = admin_client.get(reverse("admin:app_list", args=["backfit"]))
    models = {m["object_name"] for m in response.context["app_list"][0]["models"]}
    assert models == {"ClinicSettings", "SeedRecord"}


def test_editors_get_no_system_records_they_may_not_open(editor_client):
    app_list = editor_client.get(reverse("admin:index")).context["app_list"]
    shown = {model["object_name"] for app in app_list for model in app["models"]}
    assert not shown & {"SeedRecord", "Site", "AccessAttempt", "User", "Group"}


# Filled in for them ------------------------------------------------------


def test_a_new_sections_anchor_is_made_from_its_heading_unique_on_the_page(
    editor_client, client, condition
):
    url = change_url(condition)
    data = admin_form_data(editor_client.get(url))
    existing = condition.sections.first()
    total = int(data["sections-TOTAL_FORMS"])
    for index, heading in enumerate([existing.heading, existing.heading]):
        row = total + index
        data[f"sections-{row}-heading"] = heading
        data[f"sections-{row}-body"] = "New text."
        data[f"sections-{row}-slug"] = ""
        data[f"sections-{row}-condition"] = condition.pk
    data["sections-TOTAL_FORMS"] = str(total + 2)
    response = editor_client.post(url, data)
    assert response.status_code == 302, [
        (f.errors, f.non_form_errors())
        for f in (fs.formset for fs in response.context["inline_admin_formsets"])
    ]
    slugs = list(condition.sections.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == total + 2
    assert f"{existing.slug}-2" in slugs and f"{existing.slug}-3" in slugs
    # The new sections come after the others, in the order they were added.
    assert list(condition.sections.values_list("slug", flat=True))[-2:] == [
        f"{existing.slug}-2",
        f"{existing.slug}-3",
    ]
    assert (
        f'id="{existing.slug}-2"'
        in client.get(condition.get_absolute_url()).content.decode()
    )


def test_a_cleared_anchor_is_made_again_from_the_heading(editor_client, condition):
    section = condition.sections.first()
    url = change_url(condition)
    data = admin_form_data(editor_client.get(url))
    data[inline_field(data, "sections", section, "slug")] = ""
    data[inline_field(data, "sections", section, "heading")] = "Is it serious?"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.slug == "is-it-serious"


def test_a_new_pages_address_is_made_from_its_name(editor_client):
    from conditions.models import RootCause

    url = reverse("admin:conditions_rootcause_add")
    response = editor_client.post(
        url, {"name": "Bone spurs!", "slug": "", "status": Status.DRAFT}
    )
    assert response.status_code == 302
    made = RootCause.objects.filter(name="Bone spurs!").order_by("-pk").first()
    assert made.slug == "bone-spurs-2"  # the shipped one keeps "bone-spurs"


def test_addresses_and_anchors_are_under_advanced_and_state_last(
    editor_client, condition
):
    fieldsets = editor_client.get(change_url(condition)).context["adminform"]
    groups = [(fs.name, list(fs.fields)) for fs in fieldsets]
    names_ = [name for name, _ in groups]
    assert names_[:2] == ["Top of the page", "Highlights"]  # lists: inlines
    assert names_[-2:] == ["Review and publish", "Advanced"]
    assert groups[-1][1] == ["slug"]
    assert groups[-2][1] == ["status", "last_reviewed", "reviewed_by"]


def test_no_position_number_to_type(editor_client, condition):
    page = editor_client.get(change_url(condition)).content.decode()
    assert 'name="sections-0-position"' in page
    assert 'type="number" name="sections-0-position"' not in page
    assert 'type="hidden" name="sections-0-position"' in page


def test_a_body_area_moved_in_the_list_is_saved_in_its_history_and_on_the_site(
    editor_client, client
):
    neck, shoulders = BodyArea.objects.order_by("position")[:2]
    before = neck.history.count()
    response = editor_client.post(
        reverse("admin:conditions_bodyarea_sortable_update"),
        json.dumps(
            {
                "updatedItems": [
                    [neck.pk, shoulders.position],
                    [shoulders.pk, neck.position],
                ]
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert neck.history.count() == before + 1
    page = client.get(reverse("conditions:body_areas")).content.decode()
    listed = page[page.index('class="area-list"') :]
    assert listed.index(shoulders.name) < listed.index(neck.name)


# Plain words ------------------------------------------------------------


def test_saving_says_what_happened_on_the_site(editor_client, condition):
    url = change_url(condition)
    data = admin_form_data(editor_client.get(url))
    response = editor_client.post(url, data, follow=True)
    assert f"Saved. “{condition.name}” is live on the site now." in (
        parse(response).plain_text
    )
    data["status"] = Status.DRAFT
    response = editor_client.post(url, data, follow=True)
    assert "Saved as a draft" in parse(response).plain_text
    assert "hidden from the public" in parse(response).plain_text


def test_a_refused_save_lists_what_to_fix_with_links(editor_client, condition):
    url = change_url(condition)
    data = admin_form_data(editor_client.get(url))
    data["hero_image"] = upload("photo.jpg", jpeg_bytes())
    data["hero_alt"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    text = parse(response).plain_text
    assert "Nothing was saved yet" in text
    assert 'href="#id_hero_alt"' in response.content.decode()


def test_history_names_people_and_never_says_none(editor_client, editor, condition):
    editor.first_name, editor.last_name = "Dana", "Reyes"
    editor.save()
    url = change_url(condition)
    data = admin_form_data(editor_client.get(url))
    data["definition"] = "A new definition."
    editor_client.post(url, data)
    history = editor_client.get(url.replace("/change/", "/history/"))
    text = parse(history).plain_text
    assert "Dana Reyes" in text
    assert "Website set-up (no staff account)" in text  # the shipped version
    assert " None " not in f" {text} "


def test_help_texts_say_where_on_the_page(editor_client, condition):
    form = editor_client.get(change_url(condition)).context["adminform"].form
    assert "Definition" in form.fields["definition"].help_text
    lists = {
        fs.formset.prefix: fs.opts.group_description
        for fs in editor_client.get(change_url(condition)).context[
            "inline_admin_formsets"
        ]
    }
    assert "Root Causes" in lists["root_cause_links"]
