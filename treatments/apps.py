from django.utils.translation import gettext_lazy as _

from base import registry


class TreatmentsConfig(registry.ContentAppConfig):
    name = "treatments"
    links = {"treatments": "treatments:list"}
    navigation = [
        (20, "main", _("Treatments"), "treatments"),
        (30, "footer", _("Treatments"), "treatments"),
    ]
    sitemaps = {
        "treatments": "treatments.sitemaps.TreatmentListSitemap",
        "treatment": "treatments.sitemaps.TreatmentSitemap",
    }
    search_documents = "treatments.search.documents"
    preview_views = {"treatment": "treatments.views.TreatmentDetailView"}
    home_blocks = [
        (30, "treatments/home_block.html", "treatments.views.home_treatments")
    ]
