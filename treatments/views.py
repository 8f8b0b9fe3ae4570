from base.views import PublishedDetailView, PublishedListView

from . import structured_data
from .models import Treatment


def home_treatments(request):
    return {"treatments": Treatment.objects.published()}


class TreatmentListView(PublishedListView):
    section = ("Treatments", "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return f"Treatments offered at {clinic.name} clinics in the Phoenix area."


class TreatmentDetailView(PublishedDetailView):
    section = ("Treatments", "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return self.object.summary

    def get_page_image(self):
        return self.object.picture_url

    def get_about(self, clinic, context):
        return structured_data.medical_therapy(self.request, self.object)

    def get_queryset(self):
        # The conditions it helps and the clinics offering it: reverse
        # relations of other apps, so this app imports neither.
        return super().get_queryset().with_published("conditions", "locations")
