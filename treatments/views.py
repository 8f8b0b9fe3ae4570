from django.db.models import Prefetch

from backfit import seo
from backfit.views import PublishedDetailView, PublishedListView
from conditions.models import Condition
from locations.models import Location

from .models import Treatment


class TreatmentListView(PublishedListView):
    section = ("Treatments", "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return f"Treatments offered at {clinic.name} clinics in the Phoenix area."

    def get_queryset(self):
        return super().get_queryset()


class TreatmentDetailView(PublishedDetailView):
    section = ("Treatments", "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return self.object.summary

    def get_page_image(self):
        return self.object.image.url if self.object.image else None

    def get_about(self, clinic, context):
        return seo.medical_therapy(self.request, self.object)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "conditions",
                    queryset=Condition.objects.published(),
                ),
                Prefetch(
                    "locations",
                    queryset=Location.objects.published(),
                ),
            )
        )
