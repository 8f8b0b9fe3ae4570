"""The admin at its edges: the day a page falls due for review, what the
publish actions say and record when some pages were already published, a
page saved again with its web address left empty, how many rows the home
page lists. Each test here was written against a fault planted by hand that
the rest of the suite let through (docs/testing.md)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from base.models import SeedRecord, Status
from conditions.models import Condition, RootCause

from .editing import admin_form_data, change_url
from .test_admin_product import attention, names

pytestmark = pytest.mark.django_db


def reviewed(condition, days_ago):
    Condition.objects.filter(pk=condition.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=days_ago)
    )


def test_a_page_falls_due_for_review_the_day_after_twelve_months(editor_client):
    """Reviewed 365 days ago: still within the last 12 months. 366 days ago:
    due. The list's filter and the home page agree on that day."""
    for condition in Condition.objects.published():
        reviewed(condition, 10)
    on_the_day, a_day_later, recent = Condition.objects.published()[:3]
    reviewed(on_the_day, 365)
    reviewed(a_day_later, 366)
    reviewed(recent, 10)
    overdue = editor_client.get(
        reverse("admin:conditions_condition_changelist") + "?reviewed=overdue"
    )
    listed = set(overdue.context["cl"].queryset)
    assert a_day_later in listed
    assert on_the_day not in listed and recent not in listed
    due = names(attention(editor_client)["review"])
    assert a_day_later.name in due
    assert on_the_day.name not in due


def run_action(client, action, objects):
    return client.post(
        reverse("admin:conditions_condition_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def test_publishing_a_mix_counts_and_records_only_the_drafts(editor_client, editor):
    """Three pages selected, one of them a draft: "1 page published", and the
    two already live get no new line in their history."""
    draft, live, also_live = Condition.objects.published()[:3]
    draft.status = Status.DRAFT
    draft.save()
    history_before = {c.pk: c.history.count() for c in (live, also_live)}
    response = run_action(editor_client, "publish", [draft, live, also_live])
    assert "1 page published: live on the site now." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.history.latest().history_user == editor
    assert {c.pk: c.history.count() for c in (live, also_live)} == history_before


def test_saving_a_page_again_with_its_address_left_empty_keeps_its_address(
    editor_client,
):
    """The web address is made from the name when left empty: for a page
    that already has that address, it is its own, not "-2"."""
    cause = RootCause.objects.get(slug="bone-spurs")
    url = change_url(cause)
    data = admin_form_data(editor_client.get(url))
    data["slug"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.slug == "bone-spurs"


def test_the_home_page_lists_a_few_drafts_and_says_how_many_more(editor_client):
    Condition.objects.update(status=Status.DRAFT)
    total = Condition.objects.count()
    assert total > 6
    (group,) = [
        g
        for g in attention(editor_client)["drafts"]["groups"]
        if g["name"] == "Conditions"
    ]
    assert len(group["items"]) == 6
    assert group["count"] == total
    assert group["more"] == total - 6
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f"See all {total} conditions" in page


def test_the_pages_longest_without_a_review_come_first(editor_client):
    oldest, older, old, *rest = Condition.objects.published()
    for condition in rest:
        reviewed(condition, 20)  # recent: not due
    reviewed(old, 400)
    reviewed(older, 800)
    reviewed(oldest, 1200)
    (group,) = [
        g
        for g in attention(editor_client)["review"]["groups"]
        if g["name"] == "Conditions"
    ]
    assert [item["name"] for item in group["items"]] == [
        oldest.name,
        older.name,
        old.name,
    ]


def test_the_seed_ledger_can_be_read_but_not_changed(admin_client):
    """The seed step's memory of what it shipped: changing a line by hand
    would make the next seed bring back what staff deleted."""
    record = SeedRecord.objects.first()
    url = reverse("admin:backfit_seedrecord_change", args=[record.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="key"' not in page.content.decode()
    admin_client.post(url, {"model": record.model, "key": "changed", "seeded": ""})
    record.refresh_from_db()
    assert record.key != "changed"
