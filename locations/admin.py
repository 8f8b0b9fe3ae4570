from django.contrib import admin

from base.admin import ContentAdmin, PartAdmin, ReviewFilter

from .models import Location, OpeningHours


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    max_num = 7
    ordering = ["weekday"]


@admin.register(Location)
class LocationAdmin(ContentAdmin):
    list_display = ["name", "locality", "postal_code", "is_demo", "status", "updated"]
    list_filter = ["status", ReviewFilter, "is_demo", "locality", "treatments"]
    search_fields = ["name", "slug", "street_address", "locality", "postal_code"]
    autocomplete_fields = ["treatments"]
    inlines = [OpeningHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "is_demo", "last_reviewed"]}),
        (
            "Address",
            {
                "fields": [
                    "street_address",
                    "locality",
                    "region",
                    "postal_code",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        ("Contact and services", {"fields": ["phone", "treatments"]}),
    ]


@admin.register(OpeningHours)
class OpeningHoursAdmin(PartAdmin):
    list_display = ["location", "weekday", "opens", "closes"]
    list_filter = ["location", "weekday"]
    search_fields = ["location__name"]
    autocomplete_fields = ["location"]
    ordering = ["location__name", "weekday"]
