"""Staff editing in the admin: roles, draft/preview/publish, history and undo,
renamed pages, and the forms themselves."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from base.admin import ContentAdmin, ReviewFilter
from base.models import ClinicSettings, Status
from conditions.models import Condition, ConditionSection, RootCause
from treatments.models import Treatment

from .conftest import parse
from .editing import admin_form_data, change_url, inline_field, make_editor

pytestmark = pytest.mark.django_db

SLUG = "back-muscle-spasms"


def changelist_url(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def save_in_admin(client, obj, **changes):
    url = change_url(obj)
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def run_action(client, model, action, objs):
    return client.post(
        changelist_url(model),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objs],
        },
        follow=True,
    )


# Roles ------------------------------------------------------------------


def test_the_editor_group_edits_content_but_not_people():
    group = Group.objects.get(name="Content editor")
    perms = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
    }
    for label in (
        "conditions.change_condition",
        "conditions.add_conditionsection",
        "conditions.delete_conditiontreatment",
        "conditions.change_rootcause",
        "conditions.change_riskfactor",
        "conditions.change_symptom",
        "conditions.change_bodyarea",
        "treatments.add_treatment",
        "locations.change_location",
        "locations.change_openinghours",
        "backfit.change_clinicsettings",
    ):
        assert label in perms
    assert not {p for p in perms if p.startswith(("auth.", "axes.", "sites."))}
    assert "redirects.change_redirect" not in perms


def test_an_editor_can_edit_and_publish_content(editor_client, condition):
    assert editor_client.get(change_url(condition)).status_code == 200
    assert editor_client.get(change_url(ClinicSettings.load())).status_code == 200
    save_in_admin(editor_client, condition, definition="Edited by an editor.")
    condition.refresh_from_db()
    assert condition.definition == "Edited by an editor."


def test_an_editor_cannot_manage_users_groups_or_permissions(
    editor_client, editor, admin_user
):
    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_user_change", args=[editor.pk]),
        reverse("admin:auth_user_change", args=[admin_user.pk]),
        reverse("admin:auth_group_add"),
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
    ):
        assert editor_client.get(url).status_code == 403, url
    # Trying to make themselves a superuser is refused and changes nothing.
    response = editor_client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        {
            "username": "editor",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "on",
            "groups": [g.pk for g in Group.objects.all()],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Content editor"]
    group = Group.objects.get(name="Content editor")
    response = editor_client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": "Content editor", "permissions": []},
    )
    assert response.status_code == 403
    assert group.permissions.exists()
    # The admin's home page does not offer them users or groups at all.
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:conditions_condition_changelist") in index


# Draft, preview, publish -------------------------------------------------


def preview_url(obj):
    opts = obj._meta
    return reverse("preview", args=[opts.app_label, opts.model_name, obj.pk])


def test_a_draft_is_hidden_but_staff_can_preview_it(editor_client, client, condition):
    save_in_admin(
        editor_client,
        condition,
        definition="Draft wording, not live yet.",
        status=Status.DRAFT,
    )
    editor_client.logout()
    assert client.get(condition.get_absolute_url()).status_code == 404

    # Anonymous visitors get "not found": never the draft, and no redirect
    # that would show where the admin lives.
    response = client.get(preview_url(condition))
    assert response.status_code == 404
    assert "Location" not in response
    assert "Draft wording" not in response.content.decode()

    client.force_login(make_editor("second"))
    response = client.get(preview_url(condition))
    assert response.status_code == 200
    page = parse(response)
    assert "Draft wording, not live yet." in page.main_text
    assert "Preview" in page.plain_text and "draft" in page.plain_text
    assert page.meta["robots"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert page.h1 == ["Back + Muscle Spasms"]
    # The real page layout: the appointment line and the page's sections.
    assert "tel:+18772225348" in page.links
    assert change_url(condition) in page.links


def test_the_public_page_never_shows_the_preview_banner(client, condition):
    page = parse(client.get(condition.get_absolute_url()))
    assert "robots" not in page.meta
    assert "Preview" not in page.plain_text


def test_preview_is_for_staff_only(client, django_user_model, condition):
    user = django_user_model.objects.create_user("patient", password="x" * 20)
    client.force_login(user)
    response = client.get(preview_url(condition))
    assert response.status_code == 404
    assert "Back + Muscle Spasms" not in response.content.decode()


@pytest.mark.parametrize(
    "model", [Condition, RootCause, Treatment], ids=lambda m: m.__name__
)
def test_every_kind_of_page_has_a_preview_on_its_change_form(admin_client, model):
    obj = model.objects.first()
    obj.status = Status.DRAFT
    obj.save()
    page = parse(admin_client.get(change_url(obj)))
    assert preview_url(obj) in page.links
    response = admin_client.get(preview_url(obj))
    assert response.status_code == 200
    assert obj.name in parse(response).h1


def test_view_on_site_goes_to_the_preview_for_a_draft(condition):
    model_admin = admin.site._registry[Condition]
    assert model_admin.view_on_site(condition) == condition.get_absolute_url()
    condition.status = Status.DRAFT
    assert model_admin.view_on_site(condition) == preview_url(condition)


def test_unpublishing_removes_a_page_from_lists_and_links(editor_client, client):
    chiropractic = Treatment.objects.get(slug="chiropractic")
    condition = Condition.objects.get(slug=SLUG)
    before = parse(client.get(chiropractic.get_absolute_url()))
    assert condition.get_absolute_url() in before.links

    response = run_action(editor_client, Condition, "unpublish", [condition])
    assert "1 page unpublished: hidden from the public now." in (
        response.content.decode()
    )
    assert client.get(condition.get_absolute_url()).status_code == 404
    search = reverse("search") + "?q=muscle+spasms"
    for url in (
        "/",
        reverse("conditions:list"),
        chiropractic.get_absolute_url(),
        search,
    ):
        assert condition.get_absolute_url() not in parse(client.get(url)).links, url

    run_action(editor_client, Condition, "publish", [condition])
    assert client.get(condition.get_absolute_url()).status_code == 200
    assert condition.get_absolute_url() in parse(client.get("/")).links
    assert condition.get_absolute_url() in parse(client.get(search)).links


def test_publish_actions_are_recorded_in_history_and_fire_save_signals(
    editor_client, editor, condition
):
    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance)

    post_save.connect(record, sender=Condition)
    try:
        run_action(editor_client, Condition, "unpublish", [condition])
    finally:
        post_save.disconnect(record, sender=Condition)
    assert saved == [condition]
    latest = condition.history.latest()
    assert latest.status == Status.DRAFT
    assert latest.history_user == editor
    change = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in change] == [
        ("status", Status.PUBLISHED, Status.DRAFT)
    ]


# History and undo --------------------------------------------------------


def test_history_shows_who_changed_what_field_by_field(
    editor_client, editor, condition
):
    old = condition.definition
    save_in_admin(editor_client, condition, definition="A clearer definition.")
    response = editor_client.get(
        reverse("admin:conditions_condition_history", args=[condition.pk])
    )
    assert response.status_code == 200
    page = parse(response)
    text = page.plain_text
    assert "editor" in text  # who
    assert timezone.localdate().strftime("%Y") in text  # when
    assert f"Definition: {old} → A clearer definition." in text  # what
    # Editors cannot open the user admin, so the name is not a dead link.
    assert not [link for link in page.links if "/auth/user/" in link]
    record = condition.history.latest()
    assert record.history_user == editor
    assert record.history_type == "~"


def test_an_earlier_version_can_be_restored_from_the_admin(
    editor_client, client, condition
):
    original = condition.definition
    before_edit = condition.history.latest()
    save_in_admin(editor_client, condition, definition="A mistake, to be undone.")
    assert "A mistake" in client.get(condition.get_absolute_url()).content.decode()

    revert_url = reverse(
        "admin:conditions_condition_simple_history",
        args=[condition.pk, before_edit.history_id],
    )
    history_page = editor_client.get(
        reverse("admin:conditions_condition_history", args=[condition.pk])
    )
    assert revert_url in parse(history_page).links
    form_page = editor_client.get(revert_url)
    assert form_page.status_code == 200
    data = admin_form_data(form_page)
    assert data["definition"] == original
    response = editor_client.post(revert_url, data)
    assert response.status_code == 302

    page = client.get(condition.get_absolute_url()).content.decode()
    assert original in page
    assert "A mistake" not in page
    condition.refresh_from_db()
    assert condition.definition == original
    # The restore is itself a change in the history, undoable in turn.
    assert condition.history.latest().definition == original
    assert condition.history.count() >= 3


def test_inline_changes_and_clinic_settings_are_recorded_too(
    admin_client, admin_user, condition
):
    section = condition.sections.first()
    url = change_url(condition)
    data = admin_form_data(admin_client.get(url))
    data[inline_field(data, "sections", section, "heading")] = "A renamed question?"
    assert admin_client.post(url, data).status_code == 302
    record = section.history.latest()
    assert record.heading == "A renamed question?"
    assert record.history_user == admin_user

    settings_obj = ClinicSettings.load()
    save_in_admin(admin_client, settings_obj, tagline="Back care in Phoenix.")
    assert settings_obj.history.latest().tagline == "Back care in Phoenix."


# Renamed pages keep their old address -----------------------------------


def test_a_renamed_slug_answers_301_at_the_old_address(
    editor_client, client, condition
):
    old_url = condition.get_absolute_url()
    save_in_admin(editor_client, condition, slug="muscle-spasms-in-the-back")
    new_url = reverse("conditions:detail", args=["muscle-spasms-in-the-back"])
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_renaming_twice_never_chains_and_renaming_back_never_loops(client):
    treatment = Treatment.objects.get(slug="chiropractic")
    first = treatment.get_absolute_url()
    for slug in ("chiropractic-care", "chiropractic-adjustments"):
        treatment.slug = slug
        treatment.save()
    newest = treatment.get_absolute_url()
    second = reverse("treatments:detail", args=["chiropractic-care"])
    assert client.get(first)["Location"] == newest  # straight there, no chain
    assert client.get(second)["Location"] == newest

    treatment.slug = "chiropractic"
    treatment.save()
    assert client.get(first).status_code == 200  # live again, not redirected
    assert client.get(second)["Location"] == first
    assert client.get(newest)["Location"] == first
    assert not Redirect.objects.filter(old_path=first).exists()


def test_saving_without_renaming_adds_no_redirect(condition):
    condition.definition = "Same address."
    condition.save()
    assert not Redirect.objects.exists()


# Helpful forms -----------------------------------------------------------


def content_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ]


@pytest.mark.parametrize(
    "model,model_admin", content_admins(), ids=lambda x: getattr(x, "__name__", "")
)
def test_every_content_list_has_search_filters_and_the_review_filter(
    model, model_admin
):
    assert model_admin.search_fields
    assert "status" in model_admin.list_filter
    assert ReviewFilter in model_admin.list_filter
    assert model_admin.view_on_site
    for field in model._meta.fields:
        if field.editable and not field.auto_created:
            assert (
                field.help_text
                or field.name in {"id", "region"}
                or (field.verbose_name != field.name.replace("_", " "))
            ), f"{model.__name__}.{field.name} has no help text"


def test_pages_not_reviewed_for_a_year_are_listed(admin_client):
    today = timezone.localdate()
    conditions = list(Condition.objects.all()[:3])
    stale, fresh, never = conditions
    Condition.objects.filter(pk=stale.pk).update(
        last_reviewed=today - timedelta(days=400)
    )
    Condition.objects.filter(pk=fresh.pk).update(
        last_reviewed=today - timedelta(days=30)
    )
    Condition.objects.filter(pk=never.pk).update(last_reviewed=None)
    response = admin_client.get(changelist_url(Condition) + "?reviewed=overdue")
    listed = set(response.context["cl"].queryset)
    assert stale in listed and never in listed and fresh not in listed
    assert "Not in the last 12 months" in response.content.decode()


def test_relations_autocomplete_by_name(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "chiro",
            "app_label": "conditions",
            "model_name": "conditiontreatment",
            "field_name": "treatment",
        },
    )
    assert response.status_code == 200
    names = [r["text"] for r in response.json()["results"]]
    assert "Chiropractic" in names


def test_inlines_are_shown_in_page_order(admin_client, condition):
    response = admin_client.get(change_url(condition))
    formsets = {
        fs.formset.prefix: fs.formset
        for fs in response.context["inline_admin_formsets"]
    }
    positions = [f.instance.position for f in formsets["sections"].forms]
    assert positions == sorted(positions) and len(positions) > 1


def test_a_wrong_phone_number_gets_a_clear_error(editor_client, client):
    settings_obj = ClinicSettings.load()
    url = change_url(settings_obj)
    data = admin_form_data(editor_client.get(url))
    for bad in ("555-12", "call us", "+1 877 222 534"):
        data["phone"] = bad
        response = editor_client.post(url, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["phone"]
        assert "Enter a valid phone number" in errors[0]
    data["phone"] = "(480) 555-0134"
    # 555-01xx numbers are reserved for fiction, but formally valid.
    assert editor_client.post(url, data).status_code == 302
    page = parse(client.get("/"))
    assert "tel:+14805550134" in page.links


def test_a_section_edit_shows_on_the_page_history_and_can_be_undone(
    admin_client, client, condition
):
    section = condition.sections.get(position=condition.sections.first().position)
    original_heading = section.heading
    shipped = section.history.latest()
    url = change_url(condition)
    data = admin_form_data(admin_client.get(url))
    data[inline_field(data, "sections", section, "heading")] = "A heading by mistake?"
    assert admin_client.post(url, data).status_code == 302

    history = admin_client.get(
        reverse("admin:conditions_condition_history", args=[condition.pk])
    )
    text = parse(history).plain_text
    assert f"heading: {original_heading} → A heading by mistake?" in text
    part_history = reverse(
        "admin:conditions_conditionsection_history", args=[section.pk]
    )
    assert part_history in parse(history).links

    revert = reverse(
        "admin:conditions_conditionsection_simple_history",
        args=[section.pk, shipped.history_id],
    )
    assert revert in parse(admin_client.get(part_history)).links
    data = admin_form_data(admin_client.get(revert))
    assert admin_client.post(revert, data).status_code == 302
    page = parse(client.get(condition.get_absolute_url()))
    assert original_heading in page.main_text
    assert "A heading by mistake?" not in page.main_text


def test_a_deleted_section_can_be_restored(admin_client, client, condition):
    section = condition.sections.last()
    heading, pk = section.heading, section.pk
    section.delete()
    assert heading not in parse(client.get(condition.get_absolute_url())).main_text
    shipped = ConditionSection.history.get(id=pk, history_type="+")
    revert = reverse(
        "admin:conditions_conditionsection_simple_history",
        args=[pk, shipped.history_id],
    )
    history = admin_client.get(
        reverse("admin:conditions_conditionsection_history", args=[pk])
    )
    assert history.status_code == 200
    assert revert in parse(history).links
    data = admin_form_data(admin_client.get(revert))
    assert admin_client.post(revert, data).status_code == 302
    assert heading in parse(client.get(condition.get_absolute_url())).main_text


def test_restoring_a_version_restores_its_links_too(admin_client, client, condition):
    shipped = condition.history.latest()
    removed = condition.root_causes.first()
    assert removed is not None
    url = change_url(condition)
    data = admin_form_data(admin_client.get(url))
    link = condition.root_cause_links.get(root_cause=removed)
    data[inline_field(data, "root_cause_links", link, "DELETE")] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert removed.link_url() not in parse(client.get(url_of(condition))).links

    revert = reverse(
        "admin:conditions_condition_simple_history",
        args=[condition.pk, shipped.history_id],
    )
    data = admin_form_data(admin_client.get(revert))
    assert admin_client.post(revert, data).status_code == 302
    assert removed in condition.root_causes.all()
    assert removed.link_url() in parse(client.get(url_of(condition))).links


def url_of(obj):
    return obj.get_absolute_url()


def test_restore_and_rename_go_through_normal_saves(admin_client, condition):
    """The site's content version (and anything else listening) hears about
    every way staff change a page."""
    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance.pk)

    post_save.connect(record, sender=Condition)
    try:
        shipped = condition.history.latest()
        save_in_admin(admin_client, condition, slug="spasms")
        assert saved == [condition.pk]
        revert = reverse(
            "admin:conditions_condition_simple_history",
            args=[condition.pk, shipped.history_id],
        )
        data = admin_form_data(admin_client.get(revert))
        assert admin_client.post(revert, data).status_code == 302
        assert saved == [condition.pk, condition.pk]
    finally:
        post_save.disconnect(record, sender=Condition)
    condition.refresh_from_db()
    assert condition.slug == SLUG


def test_saving_unchanged_text_from_a_browser_records_no_change(
    admin_client, condition
):
    """Browsers send line breaks as CRLF; an unchanged paragraph must not show
    up in the history as changed."""
    section = condition.sections.exclude(body__exact="").first()
    assert "\n" in section.body
    before = section.history.count()
    url = change_url(condition)
    data = admin_form_data(admin_client.get(url))
    data = {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }
    data["definition"] = "Only this changed."
    assert admin_client.post(url, data).status_code == 302
    assert section.history.count() == before
    section.refresh_from_db()
    assert "\r" not in section.body
    latest = condition.history.latest()
    changed = [c.field for c in latest.diff_against(latest.prev_record).changes]
    assert changed == ["definition"]


@pytest.mark.parametrize(
    "query",
    [
        "appointment_requests__isnull=False",
        "appointment_requests__gt=0",
        "appointment_requests=1",
    ],
)
def test_an_editor_cannot_probe_appointment_requests_through_a_list(
    editor_client, query
):
    """Editors may not see appointment requests; a list's URL filters must
    not let them learn which clinic has any."""
    from appointments.models import AppointmentRequest
    from locations.models import Location

    AppointmentRequest.objects.create(
        name="Maria Lopez",
        phone="+14805550100",
        location=Location.objects.get(slug="desert-ridge"),
    )
    response = editor_client.get(f"/admin/locations/location/?{query}")
    assert response.status_code == 400
    assert "desert-ridge" not in response.content.decode()


def test_an_editor_can_still_filter_their_own_lists(editor_client):
    response = editor_client.get("/admin/locations/location/?status__exact=draft")
    assert response.status_code == 200
