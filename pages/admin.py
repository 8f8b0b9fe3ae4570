from django import forms
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from base.admin import HistoryMixin, PermittedLookupsMixin, PlainMessagesMixin

from . import search, searchwords
from .models import Promotion, Synonym


def _finds_something(words):
    hits, partial = search.find(searchwords.words_of(words))
    if not hits or partial:
        raise forms.ValidationError(
            gettext(
                "A search for “%(words)s” finds no page on the site yet: use "
                "the words a page itself uses."
            )
            % {"words": words}
        )


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["words", "means", "language"]

    def clean_means(self):
        means = self.cleaned_data["means"].strip()
        _finds_something(means)
        return means


class PromotionForm(forms.ModelForm):
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
    from the address (?words=spams), so "Add a synonym" on the admin home's
    "Searches that found nothing" is one click to a filled-in form."""

    list_filter = ["language"]
    search_fields = ["words"]
    save_on_top = True

    def saved_message(self, request, obj):
        return gettext("Saved “%(obj)s”. Search uses it now.") % {"obj": obj}


@admin.register(Synonym)
class SynonymAdmin(TaughtAdmin):
    form = SynonymForm
    list_display = ["words", "means", "language"]
    search_fields = ["words", "means"]


@admin.register(Promotion)
class PromotionAdmin(TaughtAdmin):
    form = PromotionForm
    list_display = ["words", "url", "language"]
