from django.contrib import admin

from base.admin import ContentAdmin, ReviewFilter

from .models import Article


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = ["name", "published_date", "status", "last_reviewed", "updated"]
    list_filter = ["status", ReviewFilter, "conditions", "treatments"]
    search_fields = ["name", "slug", "summary", "body"]
    date_hierarchy = "published_date"
    autocomplete_fields = ["conditions", "treatments"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "published_date"]}),
        ("The article", {"fields": ["summary", "body"]}),
        ("Shown under 'Read more' on", {"fields": ["conditions", "treatments"]}),
        (None, {"fields": ["last_reviewed"]}),
    ]
