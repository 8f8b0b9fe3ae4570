"""Whether a request may get a page every anonymous visitor shares: the page
cache's question (backfit/pagecache.py), and the form pages' (base/formpage.py)."""

from importlib import import_module

from django.conf import settings


def is_anonymous(request):
    """No signed-in staff session and no real pending message. A cookie of
    any other value (made up, expired, a patient's short-lived session) does
    not skip the cache, so a made-up cookie cannot make every request render
    afresh. Costs a session lookup only for requests that carry one."""
    cookies = request.COOKIES
    if "messages" in cookies:
        from django.contrib.messages.storage.cookie import CookieStorage

        if CookieStorage(request)._decode(cookies["messages"]):
            return False
    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    if session_key:
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        data = store.load()
        if "_auth_user_id" in data or "_messages" in data:
            return False
    return True
