"""The front desk: no call-back request unseen.

A "Front desk" group ships with the site (requests only); the admin home
shows waiting requests to whoever may see them and to no one else; a missing
notification address is warned about by `check --deploy` and, to
superusers, on the admin home; `remind_waiting_requests` emails a reminder
once requests have waited too long (tested with its clock passed in); the
request list speaks staff words; deleting a clinic keeps what patients
chose."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from appointments.models import AppointmentRequest
from backfit.checks import appointment_email_is_set
from locations.models import Location

from .conftest import parse

pytestmark = pytest.mark.django_db

REQUESTS = reverse("admin:appointments_appointmentrequest_changelist")
MIGRATION = "appointments.migrations.0003_front_desk_group"


@pytest.fixture(autouse=True)
def staff_address(settings):
    settings.APPOINTMENT_NOTIFY_EMAIL = ["frontdesk@example.com"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # rate-limit counters from other tests


def front_desk_group():
    """The group the migration made (made again the same way after a
    transactional test emptied the database)."""
    migration = import_module(MIGRATION)
    group, created = Group.objects.get_or_create(name=migration.GROUP)
    if created:
        migration.make_group(_LiveApps(), None)
    return group


class _LiveApps:
    """The migration's `apps` argument, answered by the live registry."""

    def get_model(self, app_label, model_name):
        from django.apps import apps

        return apps.get_model(app_label, model_name)

    def get_app_config(self, app_label):
        from django.apps import apps

        return apps.get_app_config(app_label)


@pytest.fixture
def front_desk_client(client):
    user = get_user_model().objects.create_user(
        "reception",
        "reception@example.com",
        "a receptionist's password 9",
        is_staff=True,
    )
    user.groups.add(front_desk_group())
    client.force_login(user)
    return client


def ask_for_a_call_back(client, location="desert-ridge"):
    response = client.post(
        "/appointments/request/",
        {
            "name": "Maria Lopez",
            "phone": "(480) 555-0100",
            "location": Location.objects.get(slug=location).pk,
            "time_of_day": "morning",
            "message": "",
            "website": "",
        },
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    return AppointmentRequest.objects.latest("created")


def test_the_front_desk_group_works_requests_and_nothing_else():
    group = front_desk_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"view_appointmentrequest", "change_appointmentrequest"}
    assert not Permission.objects.filter(
        group=group, content_type__app_label__in=["auth", "conditions", "treatments"]
    ).exists()


def test_the_front_desk_sees_a_new_request_on_the_admin_home(front_desk_client, client):
    ask_for_a_call_back(client)
    home = front_desk_client.get(reverse("admin:index"))
    notice = parse(home)
    text = notice.plain_text
    assert "Call-back requests waiting (1)" in text
    assert "1 patient is waiting for a call back." in text
    assert "The oldest has waited" in text
    assert f"{REQUESTS}?status__exact=new" in notice.links
    assert "Drafts waiting" not in text  # content lists are not theirs
    assert "Everything you can edit Call-back requests" in " ".join(text.split())
    page = front_desk_client.get(f"{REQUESTS}?status__exact=new")
    assert page.status_code == 200
    assert "Maria Lopez" in page.content.decode()
    # Content and accounts stay closed to the front desk.
    assert (
        front_desk_client.get(
            reverse("admin:conditions_condition_changelist")
        ).status_code
        == 403
    )
    assert (
        front_desk_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    )


def test_a_content_editor_never_sees_the_requests(editor_client, client):
    ask_for_a_call_back(client)
    home = parse(editor_client.get(reverse("admin:index")))
    assert "Call-back" not in home.plain_text
    assert REQUESTS not in " ".join(home.links)
    assert editor_client.get(REQUESTS).status_code == 403


def test_a_request_called_back_leaves_the_waiting_count(front_desk_client, client):
    request = ask_for_a_call_back(client)
    change = reverse("admin:appointments_appointmentrequest_change", args=[request.pk])
    response = front_desk_client.post(change, {"status": "contacted"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "contacted"
    assert request.name == "Maria Lopez"  # what the patient sent is kept
    text = parse(front_desk_client.get(reverse("admin:index"))).plain_text
    assert "No one is waiting for a call back." in text


def test_check_deploy_warns_without_a_notification_address(settings):
    settings.APPOINTMENT_NOTIFY_EMAIL = []
    assert [w.id for w in appointment_email_is_set(None)] == ["backfit.W004"]
    settings.APPOINTMENT_NOTIFY_EMAIL = ["frontdesk@example.com"]
    assert appointment_email_is_set(None) == []


def test_the_admin_home_tells_superusers_only_that_no_one_is_emailed(
    settings, admin_client, client, django_user_model
):
    line = "No one is emailed about new call-back requests"
    settings.APPOINTMENT_NOTIFY_EMAIL = []
    assert line in parse(admin_client.get(reverse("admin:index"))).plain_text
    other = django_user_model.objects.create_user(
        "desk2", "d2@example.com", "a receptionist's password 9", is_staff=True
    )
    other.groups.add(front_desk_group())
    client.force_login(other)
    assert line not in parse(client.get(reverse("admin:index"))).plain_text
    settings.APPOINTMENT_NOTIFY_EMAIL = ["frontdesk@example.com"]
    assert line not in parse(admin_client.get(reverse("admin:index"))).plain_text


def request_received(when, **fields):
    request = AppointmentRequest.objects.create(
        name="Sam Patient", phone="+14805550100", **fields
    )
    AppointmentRequest.objects.filter(pk=request.pk).update(created=when)
    return request


def test_the_reminder_waits_for_the_threshold_and_never_repeats_itself():
    start = timezone.now()
    request_received(start)
    call_command("remind_waiting_requests", hours=4, now=start + timedelta(hours=3))
    assert mail.outbox == []

    call_command("remind_waiting_requests", hours=4, now=start + timedelta(hours=4))
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["frontdesk@example.com"]
    assert email.subject == "1 call-back request still waiting"
    assert f"{REQUESTS}?status__exact=new" in email.body
    assert "Sam Patient" not in email.body  # a link, never the patient

    # The next hourly run has nothing new to say...
    call_command("remind_waiting_requests", hours=4, now=start + timedelta(hours=5))
    assert len(mail.outbox) == 1
    # ...until another request passes the threshold; both are counted.
    request_received(start + timedelta(hours=2))
    call_command("remind_waiting_requests", hours=4, now=start + timedelta(hours=6))
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "2 call-back requests still waiting"


def test_the_reminder_skips_requests_already_called_back():
    start = timezone.now()
    request_received(start, status=AppointmentRequest.Status.CONTACTED)
    call_command("remind_waiting_requests", hours=1, now=start + timedelta(hours=9))
    assert mail.outbox == []


def test_the_reminder_refuses_to_run_with_no_one_to_remind(settings):
    settings.APPOINTMENT_NOTIFY_EMAIL = []
    with pytest.raises(CommandError, match="APPOINTMENT_NOTIFY_EMAIL"):
        call_command("remind_waiting_requests")


def test_the_request_list_speaks_staff_words(front_desk_client, client):
    ask_for_a_call_back(client)
    page = front_desk_client.get(REQUESTS)
    headers = [" ".join(th.split()) for th in parse(page).plain_text.split("\n")]
    text = " ".join(headers)
    assert "Patient's name" in text
    assert "Clinic chosen" in text
    assert "Your name" not in text
    assert "Desert Ridge" in page.content.decode()


def test_deleting_a_clinic_patients_chose_says_so_and_keeps_their_choice(
    admin_client, client
):
    request = ask_for_a_call_back(client)
    clinic = Location.objects.get(slug="desert-ridge")
    name = clinic.name
    delete = reverse("admin:locations_location_delete", args=[clinic.pk])
    confirm = parse(admin_client.get(delete)).plain_text
    assert "1 call-back request chose this" in confirm
    assert "They are kept, and still show its name." in confirm
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    request.refresh_from_db()
    assert request.location is None
    page = admin_client.get(
        reverse("admin:appointments_appointmentrequest_change", args=[request.pk])
    ).content.decode()
    assert f"{name} (deleted since)" in page
