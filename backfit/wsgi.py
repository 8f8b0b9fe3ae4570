import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backfit.settings")

application = get_wsgi_application()

# Cached pages are answered before Django builds a request (backfit/pagecache.py).
from backfit.pagecache import CachedPagesApp  # noqa: E402

application = CachedPagesApp(application)
