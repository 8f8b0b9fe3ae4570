"""Old addresses of renamed pages keep working.

When a page's slug changes, a row in django.contrib.redirects' table sends the
old address to the new one with a 301 (RedirectFallbackMiddleware answers it
when nothing else does). Older redirects that pointed at the old address are
pointed straight at the new one, so a page renamed twice never sends visitors
through a chain of redirects, and a redirect away from an address that is live
again is removed, so it cannot loop.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect


def record_move(old_path, new_path):
    if not old_path or old_path == new_path:
        return
    site_id = settings.SITE_ID
    Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
    Redirect.objects.filter(site_id=site_id, new_path=old_path).update(
        new_path=new_path
    )
    Redirect.objects.update_or_create(
        site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
    )
