from django.contrib import admin

from base.admin import ContentAdmin, ReviewFilter

from .models import Clinician, Profession


@admin.register(Profession)
class ProfessionAdmin(ContentAdmin):
    list_display = ["name", "plural_name", "position", "status", "last_reviewed"]
    list_editable = ["position"]
    list_filter = ["status", ReviewFilter, "treatments"]
    search_fields = ["name", "plural_name", "slug", "description"]
    autocomplete_fields = ["treatments"]
    fieldsets = [
        (None, {"fields": ["name", "plural_name", "slug", "status", "position"]}),
        ("On the team page", {"fields": ["description", "treatments"]}),
        (None, {"fields": ["last_reviewed"]}),
    ]


@admin.register(Clinician)
class ClinicianAdmin(ContentAdmin):
    list_display = ["name", "credentials", "profession", "status", "updated"]
    list_filter = ["status", ReviewFilter, "profession", "clinics"]
    search_fields = ["name", "slug", "credentials"]
    autocomplete_fields = ["profession", "clinics"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "last_reviewed"]}),
        ("Who they are", {"fields": ["credentials", "profession", "clinics"]}),
        ("Photo", {"fields": ["photo", "photo_alt"]}),
    ]
