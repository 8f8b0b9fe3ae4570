"""Template tags for the body drawing (conditions/illustration.py) and the
condition cards."""

from django import template

from conditions import illustration

register = template.Library()


@register.simple_tag
def body_illustration(condition):
    """The condition's body areas lit on the figure, or "" if none can be
    drawn. Reads the areas the view prefetched (published ones only)."""
    return illustration.illustration(condition.body_areas.all()) or ""


@register.simple_tag
def body_outline():
    """The figure with nothing lit, as decoration."""
    return illustration.outline()


@register.simple_tag
def body_map(areas):
    """The "Where does it hurt?" map: a list of {view, label, svg}."""
    return illustration.body_map(areas)


@register.inclusion_tag("includes/condition_cards.html")
def condition_cards(conditions):
    """Cards for conditions, each with a line that is never empty: the
    definition, or else that the page is not written up yet (never a
    sentence made of its fields)."""
    return {"conditions": conditions}


@register.simple_tag
def callouts(condition):
    """The statistic and the self-care tip as call-outs, each only when the
    page's own text does not already say it: a patient reads it once."""
    said = " ".join(
        " ".join((section.body, section.list_intro, section.body_after))
        for section in condition.sections.all()
    )
    said = " ".join(said.split())
    shown = {}
    for name in ("statistic", "self_care_tip"):
        value = getattr(condition, name)
        text = " ".join(value.split())
        if text and text not in said:
            # Still marked English when it is the English of a missing Spanish.
            shown[name] = type(value)(text)
    return shown
