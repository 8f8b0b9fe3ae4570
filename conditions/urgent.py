"""When to get help now: the urgent-help block, said once.

`templates/includes/urgent_help.html` draws the block (an "Emergency: call
911" callout and an "Urgent: see a doctor today" callout, each with its
sources) from a `Block` made here. Any page may show it:

    from conditions import urgent
    context["urgent_help"] = urgent.for_condition(condition)   # a page
    context["urgent_help"] = urgent.block(urgent.published())  # all of it
    context["urgent_help"] = urgent.block(urgent.published(["chest"]))

    {% include "includes/urgent_help.html" with urgent=urgent_help %}

The include takes `level` (2, the default, or 3: the heading level of each
callout) and `prefix` (for the ids, when a page shows more than one block).
A Block is falsy when no published guidance applies; the include then
draws nothing."""

import re
from typing import NamedTuple

from django.db.models import Q

from base.models import Status

from .models import BodyArea, UrgentHelp


class Part(NamedTuple):
    """One guidance record's signs in one callout: its first line and list."""

    slug: str
    lead: str
    signs: list


class Block(NamedTuple):
    emergency: list  # [Part]
    emergency_sources: list  # [str], each once
    urgent: list
    urgent_sources: list

    def __bool__(self):
        return bool(self.emergency or self.urgent)


def published(slugs=None):
    """Published guidance, most urgent first; only the given slugs if any."""
    guidance = UrgentHelp.objects.published()
    if slugs is not None:
        guidance = guidance.filter(slug__in=slugs)
    return guidance


def block(guidance):
    """The Block for these guidance records, in their order."""
    emergency, urgent, emergency_sources, urgent_sources = [], [], [], []
    for record in guidance:
        for parts, sources, lead, signs in (
            (
                emergency,
                emergency_sources,
                record.emergency_lead,
                record.emergency_signs,
            ),
            (urgent, urgent_sources, record.urgent_lead, record.urgent_signs),
        ):
            if signs:
                parts.append(Part(record.slug, lead, signs))
                if record.source not in sources:
                    sources.append(record.source)
    return Block(emergency, emergency_sources, urgent, urgent_sources)


def for_condition(condition):
    """The Block a condition page shows: guidance staff gave the condition,
    then that of its published body areas."""
    return block(
        published()
        .filter(
            Q(conditions=condition)
            | Q(body_areas__in=condition.body_areas.filter(status=Status.PUBLISHED))
        )
        .distinct()
    )


def for_body_area(area):
    """The Block a body-area page opens with (Chest and Ribs)."""
    return block(published().filter(body_areas=area))


def without_guidance(conditions):
    """The conditions (a queryset) whose page would show no guidance."""
    guided = published()
    guided_areas = BodyArea.objects.published().filter(urgent_help__in=guided)
    return conditions.exclude(urgent_help__in=guided).exclude(
        body_areas__in=guided_areas
    )


#: Words too common to choose guidance by ("pain" is in all of it).
COMMON = {"pain", "and", "the", "with", "any", "for", "can", "not", "emergency"}


def for_search(query):
    """The Block a search for emergency words shows above its results: the
    guidance whose words the search shares ("chest pain": the heart attack
    signs; "can't pee": back pain), or all of it ("911", "emergency")."""
    guidance = list(published())
    words = {w for w in re.findall(r"[a-z]+", query.lower()) if len(w) > 2} - COMMON
    chosen = [
        record
        for record in guidance
        if any(
            word in " ".join((record.name, record.emergency, record.urgent)).lower()
            for word in words
        )
    ]
    return block(chosen or guidance)
