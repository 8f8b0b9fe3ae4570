"""Long lists in pages of a bounded size, with plain `?page=N` links a
crawler follows and a screen reader announces. Page 1 is the list's own
address (no `?page=1` twin); a page number that is not a page is a 404.
`page` is one of the query parameters the page cache keys on
(settings.PAGE_CACHE_QUERY_PARAMS), so each page is cached on its own."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext

from . import seo

PAGE_PARAM = "page"


def page_url(path, number, query=""):
    """The address of page `number` of the list at `path`; `query` holds the
    list's other parameters, already encoded (search's `q=pain`)."""
    params = [query] if query else []
    if number != 1:
        params.append(f"{PAGE_PARAM}={number}")
    return f"{path}?{'&'.join(params)}" if params else path


def page_of(request, object_list, per_page):
    """The page of `object_list` the request asks for, or Http404 (the
    branded 404 page) for a page number that is not one. `object_list` may
    be any sequence with a length (search's Results), and only the page
    shown is read from it."""
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage as error:
        raise Http404(gettext("There is no such page of this list.")) from error


def pagination_context(request, page, query=""):
    """What includes/pagination.html shows, and the page's canonical URL
    (each page of a list is its own page for search engines). `query`: the
    list's other parameters, encoded, kept in every link (search's words)."""
    path = request.path
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
        "canonical_url": seo.absolute(request, page_url(path, page.number, query)),
    }
