"""What a shared cache in front of the app hosts may keep: nginx's one-second
edge cache (deploy/nginx-backfit.conf) or a CDN.

Just below the page cache in MIDDLEWARE, so the page cache stores (and its
fast path serves) these headers with the page. A page anyone may see
(an anonymous GET/HEAD answered 200, no cookie set, not private) gets
`s-maxage=EDGE_CACHE_SECONDS` and a `stale-while-revalidate` of the same
length: a shared cache keeps it that long at most and may hand out the copy
one period older only while it fetches the page again, so an edit is out
within twice that (2 s by default). Browsers still revalidate every time
(the page cache's `max-age=0`). Everything else says so: `private` (a
signed-in editor's pages, errors, redirects), and `no-store` too when it
sets a cookie (forms with a CSRF token, messages).
"""

from django.conf import settings
from django.utils.cache import get_max_age, patch_cache_control


class SharedCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return response
        if response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        elif _shareable(request, response):
            seconds = settings.EDGE_CACHE_SECONDS
            own = get_max_age(response)
            if own is not None:
                seconds = min(seconds, own)
            if seconds > 0:
                patch_cache_control(
                    response, s_maxage=seconds, stale_while_revalidate=seconds
                )
        elif "public" not in cache_control:
            patch_cache_control(response, private=True)
        return response


def _shareable(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    # Files (static, uploads) stream, and keep their own long lifetime.
    if response.streaming or request.path.startswith("/" + settings.ADMIN_URL):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)
