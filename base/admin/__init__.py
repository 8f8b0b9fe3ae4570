"""The admin bases every content app builds on, by what they hold:

- `content`: ContentAdmin (every page: drafts, preview, publish, review) and
  PartAdmin (a part of a page, listed on its own for its history);
- `forms`: text boxes, help texts and the page form;
- `ordering`: ordered parts of a page and ordered lists;
- `history`: versions, restoring one with its links, plain messages;
- `site`: the clinic settings and the seed ledger (registered here).
"""

from . import site  # noqa: F401  (registers the site-wide records)
from .content import (
    ContentAdmin,
    PartAdmin,
    PermittedLookupsMixin,
    ReviewFilter,
    preview_url,
)
from .forms import SECTION_HELP, ContentForm, FormsMixin, TextMixin
from .history import HistoryMixin, PlainMessagesMixin
from .ordering import OrderedListMixin, OrderedStackedInline, PageSectionInline

__all__ = [
    "SECTION_HELP",
    "ContentAdmin",
    "ContentForm",
    "FormsMixin",
    "HistoryMixin",
    "OrderedListMixin",
    "OrderedStackedInline",
    "PageSectionInline",
    "PartAdmin",
    "PermittedLookupsMixin",
    "PlainMessagesMixin",
    "ReviewFilter",
    "TextMixin",
    "preview_url",
]
