"""Who may do what on the staff side, checked edge by edge (issue 21, item 1):
each staff-only view and admin action, for each kind of account: anonymous,
a staff account in no group, a Content editor (and any other group the
site ships). Each was seen failing with the fault it guards against
planted by hand (the preview without its view-right check, an admin that
lets any staff account see or change appointment requests)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from appointments.models import AppointmentRequest
from base import registry
from base.models import Status

from .editing import editor_group, make_editor

pytestmark = pytest.mark.django_db

#: Models no editor may see: patients' requests, accounts and sign-in
#: records (whatever else a group is given).
NEVER_FOR_EDITORS = {
    "appointments.appointmentrequest",
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


def label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def admin_models():
    return sorted(admin.site._registry, key=label)


def previewable():
    """Each model with a public page, as the staff preview shows it."""
    return [
        model
        for model in apps.get_models()
        if registry.preview_view(model._meta.app_label, model._meta.model_name)
    ]


@pytest.fixture
def nobody(client):
    """A staff account in no group: it may sign in, and see nothing."""
    user = get_user_model().objects.create_user(
        "newhire", "newhire@example.com", "a long test password 2", is_staff=True
    )
    client.force_login(user)
    return user


def changelist(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def draft_of(model):
    obj = model.objects.exclude(slug="").first()
    if obj is None and label(model) == "team.clinician":
        # No clinician ships (only known people do): a made-up test one.
        from team.models import Profession

        obj = model.objects.create(
            name="Pat Example",
            slug="pat-example",
            profession=Profession.objects.get(slug="chiropractor"),
        )
    assert obj is not None, f"no {label(model)} in the seed"
    model.objects.filter(pk=obj.pk).update(status=Status.DRAFT)
    obj.refresh_from_db()
    return obj


def preview_url(obj):
    opts = obj._meta
    return reverse("preview", args=[opts.app_label, opts.model_name, obj.pk])


# The staff preview ---------------------------------------------------------


@pytest.mark.parametrize("model", previewable(), ids=label)
def test_a_staff_account_without_the_view_right_never_sees_a_draft(
    client, nobody, model
):
    """The survivor of the outside review: the preview without the model's
    view-permission check showed any staff account any draft."""
    obj = draft_of(model)
    response = client.get(preview_url(obj))
    assert response.status_code == 403
    assert str(obj) not in response.content.decode()


@pytest.mark.parametrize("model", previewable(), ids=label)
def test_an_account_with_the_view_right_previews_the_draft(client, model):
    obj = draft_of(model)
    user = make_editor()
    codename = f"{obj._meta.app_label}.view_{obj._meta.model_name}"
    assert user.has_perm(codename), codename
    client.force_login(user)
    response = client.get(preview_url(obj))
    assert response.status_code == 200


@pytest.mark.parametrize("model", previewable(), ids=label)
def test_anonymous_visitors_get_not_found_for_a_preview(client, model):
    response = client.get(preview_url(draft_of(model)))
    assert response.status_code == 404
    assert "Location" not in response


# Every admin list, for every kind of account -------------------------------


@pytest.mark.parametrize("model", admin_models(), ids=label)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_admin_list(client, model):
    response = client.get(changelist(model))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", admin_models(), ids=label)
def test_a_staff_account_in_no_group_sees_no_admin_list(client, nobody, model):
    # Clinic settings' list goes straight to its one record's form.
    assert client.get(changelist(model), follow=True).status_code == 403


def groups():
    """Every group the site ships (migrations make them)."""
    editor_group()
    return list(Group.objects.order_by("name"))


@pytest.mark.parametrize("model", admin_models(), ids=label)
def test_each_group_sees_exactly_the_lists_its_rights_name(client, model):
    for group in groups():
        user = get_user_model().objects.create_user(
            f"in-{group.pk}-{model._meta.model_name}",
            password="a long test password 3",
            is_staff=True,
        )
        user.groups.add(group)
        client.force_login(user)
        opts = model._meta
        may = any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("view", "change")
        )
        status = client.get(changelist(model), follow=True).status_code
        assert status == (200 if may else 403), (group.name, label(model))
        if group.name == "Content editor":
            assert not (may and label(model) in NEVER_FOR_EDITORS), label(model)


# Admin actions -------------------------------------------------------------


def test_a_staff_account_in_no_group_cannot_run_the_request_actions(client, nobody):
    request = AppointmentRequest.objects.create(name="Maria", phone="+14805550100")
    response = client.post(
        changelist(AppointmentRequest),
        {"action": "mark_contacted", "_selected_action": [request.pk]},
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.NEW


def test_a_content_editor_cannot_run_the_request_actions(client):
    request = AppointmentRequest.objects.create(name="Maria", phone="+14805550100")
    client.force_login(make_editor())
    response = client.post(
        changelist(AppointmentRequest),
        {"action": "mark_booked", "_selected_action": [request.pk]},
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.NEW


@pytest.mark.parametrize("model", previewable(), ids=label)
def test_publish_is_offered_only_to_accounts_that_may_change(client, nobody, model):
    obj = draft_of(model)
    response = client.post(
        changelist(model), {"action": "publish", "_selected_action": [obj.pk]}
    )
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT
    client.force_login(make_editor())
    response = client.post(
        changelist(model), {"action": "publish", "_selected_action": [obj.pk]}
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == Status.PUBLISHED
