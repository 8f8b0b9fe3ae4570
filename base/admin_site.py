"""The clinic's admin site: Django's own, with three changes staff notice.

- Its home page starts with what needs attention (drafts, pages due for a
  clinical review, pages without a description, pictures without a
  description, recent changes by other staff), each row a link to the page's
  form.
- The menu lists the content first and keeps the technical records (the seed
  ledger, sign-in lockouts, sites, redirects) together under "System".
- A mistyped admin address is a "page not found" in the admin's own look,
  never an error page.

Permissions are Django's: a person sees only the rows and menu entries of
the models they may view.
"""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.functional import wraps
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import registry, two_step

#: Models staff never edit as content, shown under "System" for superusers:
#: (app label, model name); a whole app when the model name is "*".
SYSTEM_MODELS = {
    ("backfit", "seedrecord"),
    ("axes", "*"),
    ("sites", "*"),
    ("redirects", "*"),
    ("otp_totp", "*"),
}
#: How many rows each list of the home page shows before "See all".
ROWS = 6


def is_system(app_label, model_name):
    return (app_label, model_name) in SYSTEM_MODELS or (
        app_label,
        "*",
    ) in SYSTEM_MODELS


class BackfitAdminSite(admin.AdminSite):
    site_header = "BackFit website"
    site_title = "BackFit website admin"
    index_title = "Edit the website"
    index_template = "admin/backfit_index.html"
    # Two-step sign-in (base/two_step.py): the code field on the sign-in
    # page, and a session without the code refused where it is on.
    login_form = two_step.TwoStepAuthenticationForm
    login_template = "admin/backfit_login.html"

    def has_permission(self, request):
        return super().has_permission(request) and two_step.signed_in_fully(request)

    def get_urls(self):
        return [
            path(
                "two-step/",
                self.admin_view(lambda request: two_step.two_step_view(self, request)),
                name="two_step",
            ),
            *super().get_urls(),
        ]

    # ------------------------------------------------------------------
    # The menu: content first, "System" last.
    # ------------------------------------------------------------------
    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        content_labels = [
            c.label
            for c in sorted(registry.content_apps(), key=lambda c: c.admin_order)
            if c.label != "backfit"
        ]
        system = {
            "name": "System",
            "app_label": "system",
            "app_url": reverse("admin:index", current_app=self.name),
            "has_module_perms": True,
            "models": [],
        }
        content, settings_apps, others, people = [], [], [], []
        for app in app_list:
            kept = []
            for model in app["models"]:
                menu_url = getattr(
                    self._registry.get(model.get("model")), "menu_url", None
                )
                if menu_url is not None and model.get("admin_url"):
                    model["admin_url"] = menu_url(request) or model["admin_url"]
                if self.is_part(model.get("model")):
                    # Edited inside its page; superusers keep the list (for
                    # a deleted part's history) under System.
                    if request.user.is_superuser:
                        system["models"].append(model)
                elif is_system(app["app_label"], model["object_name"].lower()):
                    system["models"].append(model)
                else:
                    kept.append(model)
            if not kept:
                continue
            app["models"] = kept
            if app["app_label"] in content_labels:
                content.append(app)
            elif app["app_label"] == "backfit":
                if len(kept) == 1 and kept[0].get("admin_url"):
                    # One record (the clinic settings): the heading opens it.
                    app["app_url"] = kept[0]["admin_url"]
                settings_apps.append(app)
            elif app["app_label"] == "auth":
                app["name"] = "Staff accounts"
                people.append(app)
            else:
                others.append(app)
        content.sort(key=lambda app: content_labels.index(app["app_label"]))
        result = content + settings_apps + others + people
        if system["models"]:
            system["models"].sort(key=lambda m: m["name"])
            result.append(system)
        return result

    def is_part(self, model):
        """A part of a page (sections, a condition's treatments, opening
        hours): registered for its history, edited inside its page."""
        from .admin import PartAdmin

        return model is not None and isinstance(self._registry.get(model), PartAdmin)

    # ------------------------------------------------------------------
    # Home page: what needs attention.
    # ------------------------------------------------------------------
    def index(self, request, extra_context=None):
        context = {
            "attention": self.attention(request),
            "app_blocks": registry.admin_home_blocks(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context=context)

    def content_admins(self, request):
        """(model, model_admin) for every page of content this person may see."""
        from .admin import ContentAdmin

        for model, model_admin in self._registry.items():
            if isinstance(model_admin, ContentAdmin) and (
                model_admin.has_view_or_change_permission(request)
            ):
                yield model, model_admin

    def attention(self, request):
        """The content lists, for people who may see content (the front
        desk sees its own box instead, from appointments)."""
        if not any(True for _ in self.content_admins(request)):
            return []
        from .models import PictureMixin, Status

        cutoff = timezone.localdate() - timedelta(days=365)
        overdue = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        drafts, review, undescribed, no_alt = [], [], [], []
        # What a content app asks staff to fix (ContentAdmin.needs_attention):
        # {id: (title, help, [groups])}, in the order first seen.
        asked = {}
        for model, model_admin in self.content_admins(request):
            objects = model._default_manager.all()
            for key, title, help_text, queryset in model_admin.needs_attention(objects):
                group = self.rows(model, queryset, "name")
                asked.setdefault(key, (title, help_text, []))[2].append(group)
            drafts.append(
                self.rows(model, objects.filter(status=Status.DRAFT), "-updated")
            )
            review.append(
                self.rows(
                    model,
                    objects.filter(status=Status.PUBLISHED).filter(overdue),
                    "last_reviewed",
                    query="reviewed=overdue&status__exact=published",
                    limit=3,
                )
            )
            field = getattr(model_admin, "description_field", None)
            if field:
                group = self.rows(model, objects.filter(**{field: ""}), "name")
                # Named by the field's label, as staff see it on the form.
                group["name"] = _("%(pages)s with “%(field)s” empty") % {
                    "pages": capfirst(model._meta.verbose_name_plural),
                    "field": capfirst(model._meta.get_field(field).verbose_name),
                }
                undescribed.append(group)
            if issubclass(model, PictureMixin):
                picture, alt = model.picture_field, model.picture_alt_field
                without_alt = objects.exclude(**{picture: ""}).filter(
                    Q(**{alt: ""}) | Q(**{f"{alt}__isnull": True})
                )
                no_alt.append(self.rows(model, without_alt, "name"))
        return [
            *(
                {
                    "id": key,
                    "title": title,
                    "help": help_text,
                    "groups": [g for g in groups if g["count"]],
                }
                for key, (title, help_text, groups) in asked.items()
            ),
            {
                "id": "drafts",
                "title": "Drafts waiting",
                "help": "Hidden from the public until someone publishes them.",
                "groups": [g for g in drafts if g["count"]],
            },
            {
                "id": "review",
                "title": "Due for a clinical review",
                "help": "Published pages never reviewed, or not in the last "
                "12 months. Set “Last reviewed” once a clinician has checked one.",
                "groups": [g for g in review if g["count"]],
            },
            {
                "id": "undescribed",
                "title": _("Pages that do not yet say what they are about"),
                "help": _(
                    "The field named below is empty on these pages; fill it in "
                    "on each page's form."
                ),
                "groups": [g for g in undescribed if g["count"]],
            },
            {
                "id": "no-alt",
                "title": "Pictures without a description",
                "help": "People who cannot see a picture hear its description.",
                "groups": [g for g in no_alt if g["count"]],
            },
            {
                "id": "recent",
                "title": "Recent changes by other staff",
                "help": "",
                "changes": self.recent_changes(request),
            },
        ]

    def rows(self, model, queryset, order, query="", limit=ROWS):
        opts = model._meta
        changelist = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.name,
        )
        count = queryset.count()
        items = [
            {
                "name": str(obj),
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[obj.pk],
                    current_app=self.name,
                ),
                "updated": getattr(obj, "updated", None),
                "last_reviewed": getattr(obj, "last_reviewed", None),
            }
            for obj in queryset.order_by(order, "name")[:limit]
        ]
        return {
            "name": opts.verbose_name_plural.capitalize(),
            "count": count,
            "items": items,
            "more": count - len(items),
            "changelist": f"{changelist}?{query}" if query else changelist,
        }

    def recent_changes(self, request):
        """The last changes made in the admin by anyone else, to models this
        person may see, newest first."""
        visible = []
        for model, model_admin in self._registry.items():
            if model_admin.has_view_or_change_permission(request):
                visible.append(model)
        from django.contrib.contenttypes.models import ContentType

        types = ContentType.objects.get_for_models(*visible).values()
        entries = (
            LogEntry.objects.exclude(user=request.user)
            .filter(content_type__in=list(types))
            .select_related("user", "content_type")
            .order_by("-action_time")[:8]
        )
        changes = []
        for entry in entries:
            try:
                url = entry.get_admin_url() if not entry.is_deletion() else ""
            except NoReverseMatch:
                url = ""
            changes.append(
                {
                    "who": staff_name(entry.user),
                    "what": entry.get_change_message() if entry.is_change() else "",
                    "action": (
                        "added"
                        if entry.is_addition()
                        else "deleted"
                        if entry.is_deletion()
                        else "changed"
                    ),
                    "kind": entry.content_type.name if entry.content_type else "",
                    "name": entry.object_repr,
                    "url": url,
                    "when": entry.action_time,
                }
            )
        return changes

    # ------------------------------------------------------------------
    # A mistyped address: "not found" in the admin's look.
    # ------------------------------------------------------------------
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            match = request.resolver_match
            if (
                match is not None
                and match.url_name not in two_step.OPEN_BEFORE_SET_UP
                and two_step.must_set_up(request)
            ):
                return redirect("admin:two_step")
            try:
                return inner(request, *args, **kwargs)
            except Http404:
                return self.not_found(request)

        return wrapper

    def catch_all_view(self, request, url):
        try:
            return super().catch_all_view(request, url)
        except Http404:
            return self.not_found(request)

    def not_found(self, request):
        context = {
            **self.each_context(request),
            "title": "Page not found",
        }
        response = TemplateResponse(request, "admin/404.html", context, status=404)
        return response.render()


def staff_name(user):
    """A person's name as staff know it: full name, else user name; a change
    with no account (the seed step, or an account since removed) says so."""
    if user is None:
        return "No staff account (set-up or removed account)"
    return user.get_full_name() or user.get_username()
