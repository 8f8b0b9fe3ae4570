"""The lists a condition page shows (root causes, risk factors, symptoms,
body areas), each entry at the place staff gave it: a through model per list
with a position, edited as a sortable inline like the condition's
treatments. The models are made here and named in conditions/models.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ListLinkManager(models.Manager):
    def get_by_natural_key(self, condition_slug, tag_slug):
        return self.get(
            condition__slug=condition_slug,
            **{f"{self.model.tag_field}__slug": tag_slug},
        )


class ListLink(models.Model):
    """One entry of a condition's list (a root cause, risk factor, symptom
    or body area) at its place in the list. The table is the one Django made
    for the plain many-to-many link before the lists had an order."""

    tag_field = None

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ListLinkManager()

    class Meta:
        abstract = True
        ordering = ["condition", "position", "id"]

    def __str__(self):
        return str(self.tag)

    def get_absolute_url(self):
        """The condition page that lists it ("view on site")."""
        return self.condition.get_absolute_url()

    @property
    def tag(self):
        return getattr(self, self.tag_field)

    def natural_key(self):
        return (*self.condition.natural_key(), *self.tag.natural_key())


def list_link(
    condition, name, tag_model, tag_field, column, related_name, verbose, plural
):
    """A ListLink model: `condition` and the tag, in the old link table."""
    meta = type(
        "Meta",
        (ListLink.Meta,),
        {
            "db_table": f"conditions_condition_{plural[1]}",
            "unique_together": [("condition", tag_field)],
            "verbose_name": verbose,
            "verbose_name_plural": plural[0],
        },
    )
    model = type(
        name,
        (ListLink,),
        {
            "__module__": "conditions.models",
            "__doc__": f"A {tag_field.replace('_', ' ')} at its place in a "
            "condition's list.",
            "tag_field": tag_field,
            "condition": models.ForeignKey(
                condition, on_delete=models.CASCADE, related_name=related_name
            ),
            tag_field: models.ForeignKey(
                tag_model,
                on_delete=models.CASCADE,
                db_column=column,
                related_name="condition_links",
                verbose_name=verbose,
            ),
            "history": HistoricalRecords(),
            "Meta": meta,
        },
    )
    model.natural_key.dependencies = [
        "conditions.condition",
        tag_model._meta.label_lower,
    ]
    return model
