from django import forms
from django.contrib import admin
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from base.admin import HistoryMixin, PermittedLookupsMixin, PlainMessagesMixin

from . import search, searchwords
from .models import Promotion, Synonym

LANGUAGE_HELP = _(
    "The side of the site it is for: a Spanish one is used only by searches "
    "on the Spanish pages (/es/search/), an English one only on the English."
)


class TaughtForm(forms.ModelForm):
    """What the synonym and promotion forms share: the language says which
    side of the site's search uses the row, and the words are checked in
    that language (with its stemmer and its pages)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].help_text = LANGUAGE_HELP

    def in_language(self):
        """translation.override for the language chosen on the form."""
        language = self.cleaned_data.get("language") or "en"
        return translation.override(language)


class SynonymForm(TaughtForm):
    class Meta:
        model = Synonym
        fields = ["words", "means", "language"]

    def clean(self):
        cleaned = super().clean()
        means = (cleaned.get("means") or "").strip()
        if means and "means" not in self.errors:
            cleaned["means"] = means
            with self.in_language():
                hits, partial = search.find(searchwords.words_of(means))
            if not hits or partial:
                self.add_error(
                    "means",
                    gettext(
                        "A search for “%(words)s” finds no page on the site "
                        "yet: use the words a page itself uses."
                    )
                    % {"words": means},
                )
        return cleaned


class PromotionForm(TaughtForm):
    url = forms.ChoiceField(label=_("show this page first"), choices=())

    class Meta:
        model = Promotion
        fields = ["words", "url", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = searchwords.page_choices()
        current = self.initial.get("url")
        if current and current not in dict(choices):
            choices.append(
                (current, gettext("%(url)s (no longer published)") % {"url": current})
            )
        self.fields["url"].choices = [("", "---------"), *choices]
        self.fields["url"].help_text = Promotion._meta.get_field("url").help_text


class TaughtAdmin(
    PermittedLookupsMixin, PlainMessagesMixin, HistoryMixin, SimpleHistoryAdmin
):
    """What staff teach site search. A save is a content change: the next
    search (cached pages included) uses it. The add form takes its words
    and language from the address (?words=espamos&language=es), so "Add a
    synonym" on the admin home's "Searches that found nothing" is one click
    to a filled-in form in the right language."""

    list_filter = ["language"]
    search_fields = ["words"]
    save_on_top = True
    #: The column after "words": what the row makes search do.
    target = None

    def get_list_display(self, request):
        return ["words", self.target, "language"]

    def saved_message(self, request, obj):
        return gettext("Saved “%(obj)s”. Search uses it now.") % {"obj": obj}


@admin.register(Synonym)
class SynonymAdmin(TaughtAdmin):
    form = SynonymForm
    target = "means"
    search_fields = ["words", "means"]


@admin.register(Promotion)
class PromotionAdmin(TaughtAdmin):
    form = PromotionForm
    target = "url"
