from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import Treatment


class TreatmentSitemap(ContentSitemap):
    """Treatments written up; one with its lists only stays out until staff
    write it (its page says `noindex` too)."""

    model = Treatment

    def items(self):
        return sorted(Treatment.objects.written_up(), key=lambda t: t.pk)


class TreatmentListSitemap(ListPagesSitemap):
    pages = {"treatments:list": (Treatment,)}
