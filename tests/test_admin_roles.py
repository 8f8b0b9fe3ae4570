"""Who may open what in the admin, and who may run which action, by role:
a signed-in account that is not staff, a Content editor and the Front desk
against an explicit list of what each opens (not read from the group's
rights, so a right given to a group by mistake is seen), the admin's home
and a page's forms and history for every kind of account, a staff account
allowed only to *view* (it is offered no publish or mark action and cannot
post one), the drag-to-reorder endpoint and the autocomplete.
`tests/test_permission_edges.py` holds the rest of the table: every admin
list for anonymous visitors and staff in no group, the staff preview, and
the request and publish actions for staff in no group and editors.

What each answer is, as the site gives it today: an anonymous or non-staff
visitor is sent to the admin's sign-in page (302); a staff account without
the right is refused (403) and nothing changes; the staff preview answers
"not found" to anyone who is not staff, so it never shows where the admin
lives."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from appointments.models import AppointmentRequest
from base.models import ClinicSettings, Status
from conditions.models import BodyArea, Condition

from .editing import make_editor
from .test_front_desk import front_desk_group

# What a Content editor may open, written out rather than read from the
# group, so a permission added to or dropped from the group by mistake is
# seen here (app label, model name).
EDITOR_OPENS = {
    ("conditions", "condition"),
    ("conditions", "rootcause"),
    ("conditions", "riskfactor"),
    ("conditions", "symptom"),
    ("conditions", "bodyarea"),
    ("conditions", "conditionsection"),
    ("conditions", "conditiontreatment"),
    ("conditions", "conditionrootcause"),
    ("conditions", "conditionriskfactor"),
    ("conditions", "conditionsymptom"),
    ("conditions", "conditionbodyarea"),
    ("conditions", "urgenthelp"),
    ("treatments", "treatment"),
    ("treatments", "treatmentsection"),
    ("locations", "location"),
    ("locations", "openinghours"),
    ("team", "profession"),
    ("team", "clinician"),
    ("articles", "article"),
    ("pages", "synonym"),
    ("pages", "promotion"),
    ("backfit", "clinicsettings"),
    ("redirects", "redirect"),  # to look at only
}
# Every other list in the admin (staff accounts, groups, appointment
# requests, sign-in records, the seed ledger, sites) is refused to editors.
FRONT_DESK_OPENS = {("appointments", "appointmentrequest")}
OPENS = {"editor": EDITOR_OPENS, "front desk": FRONT_DESK_OPENS}
MENU = {
    "editor": {"condition", "treatment", "location", "article", "clinicsettings"},
    "front desk": {"appointmentrequest"},
}

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "not staff", "staff, no group", "editor", "front desk"]


@pytest.fixture
def as_role(client, db):
    def sign_in(role):
        users = get_user_model().objects
        if role == "not staff":
            client.force_login(users.create_user("patient", password="p" * 20))
        elif role == "staff, no group":
            client.force_login(
                users.create_user("newhire", password="p" * 20, is_staff=True)
            )
        elif role == "editor":
            client.force_login(make_editor())
        elif role == "front desk":
            user = users.create_user("reception", password="p" * 20, is_staff=True)
            user.groups.add(front_desk_group())
            client.force_login(user)
        elif role == "view only":
            user = users.create_user("reviewer", password="p" * 20, is_staff=True)
            user.user_permissions.add(
                *Permission.objects.filter(
                    codename__in=[
                        "view_condition",
                        "view_bodyarea",
                        "view_appointmentrequest",
                    ],
                )
            )
            client.force_login(user)
        return client

    return sign_in


def admin_lists():
    return sorted(
        (model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
    )


def sent_to_sign_in(response):
    return response.status_code == 302 and response["Location"].startswith(
        reverse("admin:login")
    )


@pytest.mark.parametrize("role", ["not staff", "editor", "front desk"])
def test_every_admin_list_answers_each_kind_of_account_as_it_should(as_role, role):
    client = as_role(role)
    wrong = []
    for app_label, model_name in admin_lists():
        url = reverse(f"admin:{app_label}_{model_name}_changelist")
        response = client.get(url)
        if response.status_code == 302 and not sent_to_sign_in(response):
            # The clinic settings' entry opens its one form.
            response = client.get(response["Location"])
        if role in ("anonymous", "not staff"):
            ok = sent_to_sign_in(response)
        elif role == "staff, no group":
            ok = response.status_code == 403
        elif (app_label, model_name) in OPENS[role]:
            ok = response.status_code == 200
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append(f"{url}: {response.status_code}")
    assert not wrong, f"{role} got the wrong answer from: {wrong}"


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_home_answers_each_kind_of_account(as_role, role):
    response = as_role(role).get(reverse("admin:index"))
    if role in ("anonymous", "not staff"):
        assert sent_to_sign_in(response)
        return
    assert response.status_code == 200
    shown = {
        (app["app_label"], model["object_name"].lower())
        for app in response.context["app_list"]
        for model in app["models"]
    }
    if role == "staff, no group":
        assert shown == set()
        assert all(not item.get("groups") for item in response.context["attention"])
    else:
        # The menu lists what they may open (a page's parts are edited on
        # the page's own form, so they need no entry).
        names = {name for _, name in shown}
        assert names <= {name for _, name in OPENS[role]}
        assert names >= MENU[role]


@pytest.mark.parametrize("role", ROLES)
def test_forms_and_history_of_a_page_answer_each_kind_of_account(as_role, role):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    urls = [
        reverse("admin:conditions_condition_change", args=[condition.pk]),
        reverse("admin:conditions_condition_history", args=[condition.pk]),
        reverse("admin:conditions_condition_add"),
        reverse("admin:conditions_condition_delete", args=[condition.pk]),
        reverse("admin:backfit_clinicsettings_change", args=[ClinicSettings.load().pk]),
    ]
    client = as_role(role)
    for url in urls:
        response = client.get(url)
        if role in ("anonymous", "not staff"):
            assert sent_to_sign_in(response), url
        elif role in ("staff, no group", "front desk"):
            assert response.status_code == 403, url
        else:
            assert response.status_code == 200, url


def publish(client, model, *objects, action="publish"):
    opts = model._meta
    return client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
    )


@pytest.mark.parametrize("role", ["anonymous", "not staff", "front desk"])
def test_who_may_not_see_a_list_cannot_publish_from_it(as_role, role):
    draft = Condition.objects.get(slug="back-muscle-spasms")
    draft.status = Status.DRAFT
    draft.save()
    response = publish(as_role(role), Condition, draft)
    assert response.status_code in (302, 403)
    if role in ("anonymous", "not staff"):
        assert sent_to_sign_in(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_who_may_only_look_is_not_offered_publish_and_cannot_post_it(as_role):
    """A staff account allowed to view conditions but not change them (a
    clinician asked to review pages, say) sees the list without the publish
    actions, and a hand-made publish request changes nothing."""
    client = as_role("view only")
    changelist = client.get(reverse("admin:conditions_condition_changelist"))
    assert changelist.status_code == 200
    assert "Publish the selected pages" not in changelist.content.decode()
    published = Condition.objects.get(slug="back-muscle-spasms")
    publish(client, Condition, published, action="unpublish")
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


MARKED = {
    "mark_contacted": AppointmentRequest.Status.CONTACTED,
    "mark_booked": AppointmentRequest.Status.BOOKED,
    "mark_closed": AppointmentRequest.Status.CLOSED,
}


@pytest.mark.parametrize("role", ["anonymous", "not staff", "front desk"])
@pytest.mark.parametrize("action", list(MARKED))
def test_only_the_front_desk_marks_call_back_requests(as_role, role, action):
    """Patients' names and numbers: an editor or a staff account in no group
    neither sees the requests nor changes their status; the Front desk marks
    them."""
    request = AppointmentRequest.objects.create(name="Pat Doe", phone="+14805550100")
    client = as_role(role)
    response = client.post(
        reverse("admin:appointments_appointmentrequest_changelist"),
        {"action": action, "_selected_action": [request.pk]},
    )
    request.refresh_from_db()
    if role == "front desk":
        assert response.status_code == 302
        assert request.status == MARKED[action]
        return
    if role in ("anonymous", "not staff"):
        assert sent_to_sign_in(response)
    else:
        assert response.status_code == 403
    assert "Pat Doe" not in response.content.decode()
    assert request.status == AppointmentRequest.Status.NEW


def test_who_may_only_read_call_back_requests_cannot_mark_them(as_role):
    """A staff account given "view" on the requests but not "change" (a
    manager who checks the list, say) is not offered the actions, and a
    hand-made action request changes nothing."""
    request = AppointmentRequest.objects.create(name="Pat Doe", phone="+14805550100")
    client = as_role("view only")
    url = reverse("admin:appointments_appointmentrequest_changelist")
    assert client.get(url).status_code == 200
    assert "Mark selected as booked" not in client.get(url).content.decode()
    client.post(url, {"action": "mark_booked", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.NEW


def test_a_superuser_marks_appointment_requests(admin_client):
    request = AppointmentRequest.objects.create(name="Pat Doe", phone="+14805550100")
    response = admin_client.post(
        reverse("admin:appointments_appointmentrequest_changelist"),
        {"action": "mark_booked", "_selected_action": [request.pk]},
        follow=True,
    )
    assert "1 request marked “Booked”." in response.content.decode()
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.BOOKED


def reorder(client):
    """Drag the first body area below the second, as the list's script does."""
    first, second = BodyArea.objects.order_by("position", "name")[:2]
    return client.post(
        reverse("admin:conditions_bodyarea_sortable_update"),
        json.dumps(
            {"updatedItems": [[first.pk, second.position], [second.pk, first.position]]}
        ),
        content_type="application/json",
    ), (first, first.position)


@pytest.mark.parametrize(
    "role", ["anonymous", "staff, no group", "front desk", "view only"]
)
def test_who_may_not_change_body_areas_cannot_reorder_them(as_role, role):
    response, (first, position) = reorder(as_role(role))
    assert response.status_code in (302, 403)
    first.refresh_from_db()
    assert first.position == position


def test_an_editor_reorders_body_areas(as_role):
    response, (first, position) = reorder(as_role("editor"))
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.position != position


@pytest.mark.parametrize("role", ROLES)
def test_the_autocomplete_names_pages_only_to_who_may_see_them(as_role, role):
    response = as_role(role).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "conditions",
            "term": "spasm",
        },
    )
    if role == "editor":
        assert response.status_code == 200
        assert "Back + Muscle Spasms" in response.content.decode()
    else:
        assert response.status_code in (302, 403)
        assert "Spasms" not in response.content.decode()
