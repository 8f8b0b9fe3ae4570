from django.db.models import Prefetch

from backfit.views import PublishedDetailView, PublishedListView
from conditions.models import Condition
from locations.models import Location

from .models import Treatment


class TreatmentListView(PublishedListView):
    section = ("Treatments", "treatments:list")
    model = Treatment

    def get_queryset(self):
        return super().get_queryset()


class TreatmentDetailView(PublishedDetailView):
    section = ("Treatments", "treatments:list")
    model = Treatment

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
