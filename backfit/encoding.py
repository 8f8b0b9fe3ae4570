"""Accept-Encoding read as RFC 9110 says: a coding with `q=0` is refused.

Django's GZipMiddleware pattern (used by the page cache) and WhiteNoise both
look for the word "gzip" or "br" anywhere in the header, so `gzip;q=0` (the
client saying "never gzip") got gzip. `AcceptEncodingMiddleware` rewrites the
header to the codings the client accepts before anything reads it; the page
cache's WSGI fast path, which runs before any middleware, asks `accepts`.
"""

META_KEY = "HTTP_ACCEPT_ENCODING"


def accepted(header):
    """The codings the header accepts (q above 0), lower-case, in order."""
    codings = []
    for part in (header or "").split(","):
        coding, _, params = part.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0  # unreadable: not an acceptance
        if q > 0:
            codings.append(coding)
    return codings


def accepts(meta, coding):
    return coding in accepted(meta.get(META_KEY, ""))


class AcceptEncodingMiddleware:
    """First in MIDDLEWARE: Accept-Encoding holds only what the client
    accepts, for WhiteNoise and everything else below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if META_KEY in request.META:
            request.META[META_KEY] = ", ".join(accepted(request.META[META_KEY]))
        return self.get_response(request)
