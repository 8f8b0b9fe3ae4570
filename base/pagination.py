"""Long lists in pages of a bounded size, with plain `?page=N` links a
crawler follows and a screen reader announces. Page 1 is the list's own
address (no `?page=1` twin); a page number that is not a page is a 404.
`page` is one of the query parameters the page cache keys on
(settings.PAGE_CACHE_QUERY_PARAMS), so each page is cached on its own.
A list that reads other parameters (the clinic finder's place) names them,
and every page link keeps them."""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext

from . import seo

PAGE_PARAM = "page"


def page_url(path, number, query=None):
    """Page `number` of the list at `path`; `query`, the other parameters
    the list reads, comes first and is kept on every page."""
    params = dict(query or {})
    if number != 1:
        params[PAGE_PARAM] = number
    return f"{path}?{urlencode(params)}" if params else path


def page_of(request, object_list, per_page):
    """The page of `object_list` the request asks for, or Http404 (the
    branded 404 page) for a page number that is not one."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(gettext("There is no such page of this list.")) from error


def pagination_context(request, page, keep=()):
    """What includes/pagination.html shows, and the page's canonical URL
    (each page of a list is its own page for search engines). `keep`: the
    query parameters the list reads besides `page`; the page links keep
    those the request has (the canonical URL, as for the list's first page,
    leaves them out)."""
    path = request.path
    query = {name: request.GET[name] for name in keep if request.GET.get(name)}
    previous = page.previous_page_number() if page.has_previous() else None
    following = page.next_page_number() if page.has_next() else None
    numbers = [
        (
            number,
            None
            if number == page.paginator.ELLIPSIS
            else page_url(path, number, query),
        )
        for number in page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
    ]
    return {
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "page_links": {
            "previous": previous and page_url(path, previous, query),
            "next": following and page_url(path, following, query),
            "numbers": numbers,
        },
        "canonical_url": seo.absolute(request, page_url(path, page.number)),
    }
