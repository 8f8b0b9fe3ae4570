import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backfit.settings")

application = get_wsgi_application()

# Cached pages are answered before Django builds a request (backfit/pagecache.py).
from backfit.pagecache import CachedPagesApp, release  # noqa: E402

application = CachedPagesApp(application)
# Searches the fast path answers are counted too (pages/searchlog.py).
from pages.searchlog import SearchCountApp  # noqa: E402

application = SearchCountApp(application)
# The release digest walks the code's files: once here, so that with
# gunicorn's preload_app every worker is forked already knowing it.
release()
