"""The root URLs: the site-wide pages and each app's URLs in English and,
under /es/, in Spanish (same slugs: backfit/language.py); the admin, uploads
and the files for machines (sitemap.xml, robots.txt) once."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pages import urls as pages_urls
from pages import views as pages_views

admin.site.site_header = "BackFit website"
admin.site.site_title = "BackFit website admin"
admin.site.index_title = "Edit the website"

urlpatterns = i18n_patterns(
    path("", include(pages_urls.urlpatterns)),
    path("", include("conditions.urls")),
    path("treatments/", include("treatments.urls")),
    path("locations/", include("locations.urls")),
    path("appointments/", include("appointments.urls")),
    path("team/", include("team.urls")),
    path("health-library/", include("articles.urls")),
    prefix_default_language=False,
) + [
    *pages_urls.site_files,
    path(settings.ADMIN_URL, admin.site.urls),
    # Staff uploads, served so that nothing uploaded can run. A busy
    # production site puts these behind the web server or object storage
    # instead, with the same headers (see docs/operations.md).
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        pages_views.media,
        name="media",
    ),
]

handler404 = pages_views.page_not_found
handler500 = pages_views.server_error
