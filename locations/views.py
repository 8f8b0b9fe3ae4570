from urllib.parse import urlencode

from django.core.validators import slug_re
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base import seo
from base.pagination import page_of, page_url, pagination_context
from base.views import PublishedDetailView, PublishedListView
from treatments.models import Treatment

from . import geo, structured_data
from .models import CLINIC_TIME_ZONE, DAY_NAMES, WEEKDAYS, Location

# "Open now" is worked out when the page is rendered, so a cached copy of a
# location page must not outlive the minute much (docs/architecture.md, "Open now").
LOCATION_PAGE_MAX_AGE = 60


# The home page's "Our clinics" shows this many; "Find the clinic nearest
# you" lists them all, this many to a page (nearest first when asked).
HOME_LOCATIONS = 6
LOCATIONS_PER_PAGE = 24
# What the finder reads besides `page`: every page link keeps them.
FINDER_PARAMS = ("treatment", "near", "lat", "lng")


def home_locations(request):
    return {"locations": Location.objects.published()[:HOME_LOCATIONS]}


class LocationListView(PublishedListView):
    """All clinics, LOCATIONS_PER_PAGE to a page; with ?near=<ZIP or city>
    or ?lat=&lng= (the browser's "use my location"), nearest first with the
    distance shown. Ranked first, then paged, so page 2 goes on where
    page 1 stopped."""

    section = (_("Locations"), "locations:list")
    model = Location

    def get_page_description(self, clinic):
        return gettext(
            "%(name)s clinics in the greater Phoenix, Arizona area: "
            "find the nearest by ZIP code or city."
        ) % {"name": clinic.name}

    def get_queryset(self):
        queryset = super().get_queryset()
        slug = self.request.GET.get("treatment", "")
        self.treatment = (
            Treatment.objects.published().filter(slug=slug[:120]).first()
            # Only a slug can match; anything else (a NUL byte, which
            # PostgreSQL refuses to compare) is no filter.
            if slug_re.fullmatch(slug)
            else None
        )
        if self.treatment is not None:
            queryset = queryset.filter(treatments=self.treatment)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(treatment=self.treatment, **kwargs)
        near = geo.normalize(self.request.GET.get("near", ""))
        place = None
        if "lat" in self.request.GET or "lng" in self.request.GET:
            place = geo.parse_position(
                self.request.GET.get("lat"), self.request.GET.get("lng")
            )
            context["bad_position"] = place is None
        elif near:
            place = geo.find_place(near)
            context["not_found"] = place is None
        clinics = context["object_list"]
        if place is not None:
            clinics = geo.by_distance(clinics, place)
            context["ranked"] = sum(c.distance_miles is not None for c in clinics)
            context["unranked"] = len(clinics) - context["ranked"]
        page = page_of(self.request, clinics, LOCATIONS_PER_PAGE)
        finder = urlencode(
            {
                name: value
                for name in FINDER_PARAMS
                if (value := self.request.GET.get(name))
            }
        )
        context.update(
            pagination_context(self.request, page, finder),
            object_list=page.object_list,
            near=near,
            place=place,
            # The finder's results are the clinic list in another order: each
            # page's canonical address is the list's own page.
            canonical_url=seo.absolute(
                self.request, page_url(self.request.path, page.number)
            ),
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        unknown_treatment = self.request.GET.get("treatment") and not self.treatment
        if context.get("bad_position") or context.get("not_found") or unknown_treatment:
            # What the finder does not know: rendered, never kept by the page
            # cache, so made-up places cannot fill it.
            patch_cache_control(response, private=True)
        return response


class LocationDetailView(PublishedDetailView):
    section = (_("Locations"), "locations:list")
    model = Location

    def get_page_description(self, clinic):
        location = self.object
        return gettext(
            "%(name)s in %(city)s, %(state)s: address, opening hours and treatments."
        ) % {"name": clinic.name, "city": location.locality, "state": location.region}

    def get_about(self, clinic, context):
        return structured_data.medical_clinic(self.request, self.object, clinic)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related("opening_hours")
            .with_published("treatments")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            opening_status=self.object.opening_status(),
            time_zone=CLINIC_TIME_ZONE.key,
            weekdays=WEEKDAYS,
            day_names=[str(day) for day in DAY_NAMES],
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_cache_control(response, max_age=LOCATION_PAGE_MAX_AGE)
        return response
