from django.utils.translation import gettext_lazy as _

from base import registry


class ConditionsConfig(registry.ContentAppConfig):
    name = "conditions"
    links = {
        "conditions": "conditions:list",
        "body_areas": "conditions:body_areas",
        "urgent_help": "conditions:urgent_help",
    }
    navigation = [
        (10, "main", _("Conditions"), "conditions"),
        (10, "footer", _("Conditions A to Z"), "conditions"),
        (20, "footer", _("Where does it hurt?"), "body_areas"),
    ]
    sitemaps = {
        "conditions": "conditions.sitemaps.ConditionListsSitemap",
        "condition": "conditions.sitemaps.ConditionSitemap",
        "bodyarea": "conditions.sitemaps.BodyAreaSitemap",
        "rootcause": "conditions.sitemaps.RootCauseSitemap",
        "riskfactor": "conditions.sitemaps.RiskFactorSitemap",
        "symptom": "conditions.sitemaps.SymptomSitemap",
    }
    search_documents = "conditions.search.documents"
    urgent_help = "conditions.urgent.for_search"
    preview_views = {
        "condition": "conditions.views.ConditionDetailView",
        "rootcause": "conditions.views.RootCauseView",
        "riskfactor": "conditions.views.RiskFactorView",
        "symptom": "conditions.views.SymptomView",
        "bodyarea": "conditions.views.BodyAreaView",
        "urgenthelp": "conditions.views.UrgentHelpPreview",
    }
    home_blocks = [
        (10, "conditions/home_block.html", "conditions.views.home_conditions"),
        (20, "conditions/home_body_areas.html", "conditions.views.home_body_areas"),
    ]
