from django.db.models import Prefetch

from backfit.views import PublishedDetailView, PublishedListView
from treatments.models import Treatment

from .models import Location


class LocationListView(PublishedListView):
    section = ("Locations", "locations:list")
    model = Location


class LocationDetailView(PublishedDetailView):
    section = ("Locations", "locations:list")
    model = Location

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "opening_hours",
                Prefetch(
                    "treatments",
                    queryset=Treatment.objects.published(),
                ),
            )
        )
