from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.models import Status, published_prefetch
from base.views import PublishedListView

from .models import Clinician, Profession


def home_team(request):
    professions = Profession.objects.published()
    return {"professions": professions} if professions else None


class TeamView(PublishedListView):
    """Who treats patients at BackFit: each profession, what it does here,
    the treatments it performs, and the clinicians staff have published.

    Every profession and clinician is a part of this one page (at its own
    anchor), so the staff preview of one shows this page with that record
    included, draft or not."""

    section = (_("Our team"), "team:list")
    title = _("Our team")
    model = Profession
    template_name = "team/team.html"

    def get(self, request, *args, **kwargs):
        if self.preview:
            self.object = get_object_or_404(self.model, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def shown(self, model):
        """Published records of `model`, and the one being previewed."""
        shown = Q(status=Status.PUBLISHED)
        if self.preview and self.model is model:
            shown |= Q(pk=self.object.pk)
        return model.objects.filter(shown)

    def get_queryset(self):
        clinicians = self.shown(Clinician).prefetch_related(
            published_prefetch(Clinician, "clinics")
        )
        return (
            self.shown(Profession)
            .with_published("treatments")
            .prefetch_related(Prefetch("clinicians", queryset=clinicians))
        )

    def get_page_title(self):
        return self.title

    def get_crumbs(self):
        return [(self.title, None)]

    def get_page_description(self, clinic):
        return gettext(
            "Who treats patients at %(name)s: medical doctors, physical "
            "therapists, chiropractors, massage therapists and the treatments "
            "each gives."
        ) % {"name": clinic.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page changed when staff last changed one of its professions;
        # with none changed yet, the last reviewed one says when it was.
        records = context["object_list"]
        changed = [record for record in records if record.changed]
        reviewed = [record for record in records if record.last_reviewed]
        context["latest"] = max(
            changed, key=lambda record: record.changed, default=None
        ) or max(reviewed, key=lambda record: record.last_reviewed, default=None)
        return context


class ClinicianPreviewView(TeamView):
    model = Clinician
