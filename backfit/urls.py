from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import views
from .sitemaps import sitemaps

admin.site.site_header = "BackFit website"
admin.site.site_title = "BackFit website admin"
admin.site.index_title = "Edit the website"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("", include("conditions.urls")),
    path("treatments/", include("treatments.urls")),
    path("locations/", include("locations.urls")),
    path("search/", views.SearchView.as_view(), name="search"),
    path("new-patients/", views.NewPatientsView.as_view(), name="new_patients"),
    path("appointments/", include("appointments.urls")),
    path(
        "preview/<str:app_label>/<str:model_name>/<int:pk>/",
        views.preview,
        name="preview",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path(settings.ADMIN_URL, admin.site.urls),
    # Staff uploads, served so that nothing uploaded can run. A busy
    # production site puts these behind the web server or object storage
    # instead, with the same headers (see README).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]

handler500 = views.server_error
