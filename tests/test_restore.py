"""A restore restores: reverting to a version from a page's History brings
back the page as it was then, its links (both ends of a two-way link) and its
ordered parts included, says what it changed, and says what it could not
bring back instead of dropping it silently."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.urls import reverse

from conditions.models import Condition, ConditionTreatment
from treatments.models import Treatment

from .conftest import parse
from .editing import admin_form_data, change_url, inline_field


def restore(client, obj, record):
    url = reverse(
        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, admin_form_data(form), follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    return form, [(m.level, m.message) for m in response.context["messages"]]


def section_of(client, obj, section_id):
    page = parse(client.get(obj.get_absolute_url()))
    return page


def test_restoring_chiropractic_brings_back_its_complementary_link_both_ways(
    editor_client, client
):
    chiro = Treatment.objects.get(slug="chiropractic")
    pt = Treatment.objects.get(slug="physical-therapy")
    shipped = chiro.history.get(history_type="+")
    # Unpublish from the list, as docs/editing.md says.
    editor_client.post(
        reverse("admin:treatments_treatment_changelist"),
        {"action": "unpublish", helpers.ACTION_CHECKBOX_NAME: [str(chiro.pk)]},
    )
    assert client.get(chiro.get_absolute_url()).status_code == 404
    assert (
        chiro.get_absolute_url() not in parse(client.get(pt.get_absolute_url())).links
    )

    _form, said = restore(editor_client, chiro, shipped)

    assert client.get(chiro.get_absolute_url()).status_code == 200
    chiro_page = parse(client.get(chiro.get_absolute_url()))
    assert pt.get_absolute_url() in chiro_page.links
    pt_page = parse(client.get(pt.get_absolute_url()))
    assert chiro.get_absolute_url() in pt_page.links
    message = " ".join(text for _level, text in said)
    assert "Restored the version of" in message
    assert "no longer linked" not in message


def test_restoring_a_condition_restores_its_lists_and_their_order(admin_client, client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    shipped = condition.history.get(history_type="+")
    rows = list(condition.condition_treatments.order_by("position", "id"))
    assert len(rows) >= 3
    names = [row.display_label for row in rows]
    sections = [s.heading for s in condition.sections.order_by("position", "id")]
    symptoms = set(condition.symptoms.values_list("pk", flat=True))
    causes = list(condition.root_cause_links.order_by("position", "id"))
    cause_names = [str(link) for link in causes]

    # An editor reorders the treatments (last first) and the root causes
    # (reversed), drops a treatment, renames a section and unlinks the
    # symptoms.
    url = change_url(condition)
    data = admin_form_data(admin_client.get(url))
    for position, row in enumerate([rows[-1], *rows[:-1]]):
        data[inline_field(data, "condition_treatments", row, "position")] = position
    data[inline_field(data, "condition_treatments", rows[1], "DELETE")] = "on"
    first_section = condition.sections.order_by("position", "id").first()
    data[inline_field(data, "sections", first_section, "heading")] = "Renamed?"
    for link in condition.symptom_links.all():
        data[inline_field(data, "symptom_links", link, "DELETE")] = "on"
    for position, link in enumerate(reversed(causes)):
        data[inline_field(data, "root_cause_links", link, "position")] = position
    response = admin_client.post(url, data)
    assert response.status_code == 302
    condition.refresh_from_db()
    assert not condition.symptoms.exists()
    assert [str(link) for link in condition.root_cause_links.all()] == cause_names[::-1]

    _form, said = restore(admin_client, condition, shipped)

    condition.refresh_from_db()
    assert [
        row.display_label
        for row in condition.condition_treatments.order_by("position", "id")
    ] == names
    assert [
        s.heading for s in condition.sections.order_by("position", "id")
    ] == sections
    assert set(condition.symptoms.values_list("pk", flat=True)) == symptoms
    assert [str(link) for link in condition.root_cause_links.all()] == cause_names
    text = parse(client.get(condition.get_absolute_url())).main_text
    assert text.index(names[0]) < text.index(names[-1])
    assert text.index(cause_names[0]) < text.index(cause_names[-1])
    message = " ".join(text for _level, text in said)
    assert "of its symptoms put back as" in message
    assert "of its root causes put back as" in message


def test_restoring_after_a_linked_page_was_deleted_says_so(admin_client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    shipped = condition.history.get(history_type="+")
    root_cause = condition.root_causes.first()
    row = condition.condition_treatments.order_by("position").first()
    gone_treatment = row.treatment
    gone_name, gone_cause = str(gone_treatment), str(root_cause)
    root_cause.delete()
    gone_treatment.delete()  # takes its row on this condition with it
    assert not ConditionTreatment.objects.filter(pk=row.pk).exists()

    form, said = restore(admin_client, condition, shipped)

    before = parse(form).main_text
    assert f"“{gone_cause}” has been deleted since" in before
    assert f"“{gone_name}” has been deleted since" in before
    levels = {level for level, _text in said}
    assert messages.WARNING in levels
    message = " ".join(text for _level, text in said)
    assert f"“{gone_cause}” has been deleted since" in message
    assert f"“{gone_name}” has been deleted since" in message
    # Everything else came back; nothing failed.
    condition.refresh_from_db()
    assert condition.condition_treatments.count() >= 1
