from django.contrib import admin

from base.admin import ContentAdmin, ReviewFilter

from .models import Treatment


@admin.register(Treatment)
class TreatmentAdmin(ContentAdmin):
    list_display = ["name", "summary", "status", "last_reviewed", "updated"]
    list_filter = ["status", ReviewFilter, "conditions", "locations"]
    search_fields = ["name", "slug", "summary", "description"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "last_reviewed", "reviewed_by"]}),
        ("Content", {"fields": ["summary", "description", "image", "image_alt"]}),
    ]
