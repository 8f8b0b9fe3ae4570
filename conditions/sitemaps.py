from base.models import Status
from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import BodyArea, Condition, RiskFactor, RootCause, Symptom


class ConditionSitemap(ContentSitemap):
    model = Condition


class BodyAreaSitemap(ContentSitemap):
    model = BodyArea


class TagSitemap(ContentSitemap):
    """Tags, except those that stand for a condition with its own page (every
    link goes to the condition page instead)."""

    def items(self):
        return super().items().exclude(see_condition__status=Status.PUBLISHED)


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
    }
