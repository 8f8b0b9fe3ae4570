from base.models import Status
from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import (
    THIN_TAGS,
    BodyArea,
    Condition,
    RiskFactor,
    RootCause,
    Symptom,
    UrgentHelp,
    with_condition_count,
)


class ConditionSitemap(ContentSitemap):
    """Conditions written up; one without a definition stays out (its page
    says `noindex`) until staff write it."""

    model = Condition

    def items(self):
        return super().items().exclude(definition="")


class BodyAreaSitemap(ContentSitemap):
    model = BodyArea


class TagSitemap(ContentSitemap):
    """Tags, except those that stand for a condition with its own page (every
    link goes to the condition page instead) and thin ones (no description,
    one condition: their pages are `noindex`)."""

    def items(self):
        tags = super().items().exclude(see_condition__status=Status.PUBLISHED)
        return with_condition_count(tags).exclude(THIN_TAGS)


class RootCauseSitemap(TagSitemap):
    model = RootCause


class RiskFactorSitemap(TagSitemap):
    model = RiskFactor


class SymptomSitemap(TagSitemap):
    model = Symptom


class ConditionListsSitemap(ListPagesSitemap):
    pages = {
        "conditions:list": (Condition,),
        "conditions:body_areas": (BodyArea, Condition),
        "conditions:urgent_help": (UrgentHelp,),
    }
