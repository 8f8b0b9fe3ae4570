"""What search knows beyond the pages' own words: the synonyms and promoted
pages staff edit in the admin (pages/models.py), spelling suggestions made
from the site's own words, and the words that mean "get help now".

Everything here is per language: a search reads the synonyms and promotions
of its page's language only (Synonym.language, Promotion.language: /es/search/
the "es" rows, with the Spanish stemmer), and suggests only words of that
language (suggest())."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from base import registry

from . import search, spelling
from .models import Promotion, Synonym


def language():
    """The language of the page being made ("en" outside a request)."""
    return translation.get_language() or settings.LANGUAGE_CODE


# Searches that show the urgent-help block above every result: each entry is
# a set of words that must all be in the search, in any order, compared by
# stem ("chest pains", "my legs are numb"). A fixed list on purpose: what
# sends a patient to 911 is not for an editor to switch off by mistake. Add
# to it here (and to tests/test_search_words.py).
URGENT_WORDS = [
    "chest pain",
    "heart attack",
    "emergency",
    "urgent",
    "911",
    "cant pee",
    "cannot pee",
    "can not pee",
    "numb legs",
    "worst headache",
]

# Apostrophes patients type ("can't", "can’t") are dropped before words are
# read, so "can't" is the one word "cant".
APOSTROPHES = str.maketrans("", "", "'’‘`")


def words_of(query):
    """The query's stems, apostrophes dropped first."""
    return search.query_stems(query.translate(APOSTROPHES))


_URGENT = [frozenset(words_of(phrase)) for phrase in URGENT_WORDS]


def is_urgent(stems):
    asked = set(stems)
    return any(phrase <= asked for phrase in _URGENT)


def _taught():
    """(synonyms, promotions) of the page's language, as stems: kept per
    language until the next content change (saving one is a content
    change)."""
    synonyms = [
        (frozenset(words_of(row.words)), words_of(row.means), row.means)
        for row in Synonym.objects.filter(language=language())
    ]
    promotions = [
        (frozenset(words_of(row.words)), row.url)
        for row in Promotion.objects.filter(language=language())
    ]
    return [s for s in synonyms if s[0] and s[1]], [p for p in promotions if p[0]]


def taught():
    return registry.kept(taught, _taught)


@dataclass
class Outcome:
    """What a search found, ranked, not yet highlighted."""

    stems: list
    results: list  # search.Results, or [] for no query
    partial: bool = False
    urgent: bool = False
    also_searched: list = field(default_factory=list)  # synonyms used
    suggestion: str = ""  # "spasms" for "spams", when it finds something
    version: str = ""  # the content version of the index it came from


def run(query):
    """Search `query` with everything staff taught: synonyms add what their
    words find, a promoted page comes first, near-identical tags fold into
    one result, and a misspelled word gets a suggestion. Kept with the index
    until the next content change (a synonym or promotion saved is one):
    never change the answer. On a large site, possibly the previous
    version's answer while the new index builds (`version` says which)."""
    the_index = search.index(stale_ok=True)
    key = ("run", query.lower())
    outcome = the_index.found.get(key)
    if outcome is None:
        outcome = _run(query, the_index)
        if len(the_index.found) >= search.FOUND_KEPT:
            the_index.found.clear()
        the_index.found[key] = outcome
    return outcome


def _run(query, the_index):
    stems = words_of(query)
    outcome = Outcome(stems, [], urgent=is_urgent(stems), version=the_index.version)
    if not stems:
        return outcome
    hits, partial = search.find(stems, the_index)
    synonyms, promotions = taught()
    asked = set(stems)
    highlight_stems = list(stems)
    for words, means, means_text in synonyms:
        if not words <= asked:
            continue
        other = [s for s in stems if s not in words] + means
        more, more_partial = search.find(other, the_index)
        if more and not more_partial:
            outcome.also_searched.append(means_text)
            highlight_stems += [s for s in means if s not in highlight_stems]
            if partial or not hits:
                hits, partial = [], False
            hits = search.one_per_page(hits + more, the_index.pages)
    promoted = []
    for words, url in promotions:
        if words == asked:
            hits, number = _promote(hits, url, the_index)
            promoted += [] if number is None else [number]
    folded = search.fold_near_duplicates(hits, the_index.pages)
    outcome.stems = highlight_stems
    outcome.results = search.Results(folded, the_index, promoted)
    outcome.partial = partial
    if not hits or partial:
        outcome.suggestion = suggest(query, the_index)
    return outcome


def _promote(hits, url, the_index):
    """The hits with the page at `url` first, found or not; (hits, its page
    number), or (hits, None) if no published page has that address. A
    promotion names the English address (the admin's choices); on the
    Spanish pages it means the same page under /es/."""
    twin = f"/{language()}{url}"
    number = next(
        (n for n, page in enumerate(the_index.pages) if page.url in (url, twin)),
        None,
    )
    if number is None:
        return hits, None
    first = (-search.NAME_WEIGHT * 10, -1, 0, "", number)
    url = the_index.pages[number].url
    return [first] + [h for h in hits if the_index.pages[h[-1]].url != url], number


def suggest(query, the_index=None):
    """The query with each word the site never uses replaced by the closest
    word it does, in the page's language ("spams" -> "spasms"; on the
    Spanish pages "espamos" -> "espasmos", "mucsulo" -> "músculo"), if that
    finds pages; else ""."""
    the_index = the_index or search.index()
    typed = search.WORD_RE.findall(query.translate(APOSTROPHES).lower())
    changed, words = False, []
    for word in typed:
        if (
            word in search.STOP_WORDS
            or word.isdigit()
            or the_index.knows(search.stem(word))
        ):
            words.append(word)
            continue
        best = spelling.closest(word, the_index.words, language())
        words.append(best or word)
        changed = changed or bool(best)
    if not changed:
        return ""
    suggestion = " ".join(words)
    hits, partial = search.find(words_of(suggestion), the_index)
    return suggestion if hits and not partial else ""


def page_choices():
    """(url, "Kind: name") of every published page, for a promotion."""
    pages = sorted(search.index().pages, key=lambda p: (p.rank, p.kind, p.name))
    return [(p.url, f"{p.kind}: {p.name}") for p in pages]
