from django.urls import path

from . import sitemaps, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("new-patients/", views.NewPatientsView.as_view(), name="new_patients"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "preview/<str:app_label>/<str:model_name>/<int:pk>/",
        views.preview,
        name="preview",
    ),
]

# Files for machines, in no language: outside the /es/ prefix.
site_files = [
    path(
        "sitemap.xml",
        sitemaps.sitemap_xml,
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemaps.section_xml, name=sitemaps.SECTION),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
