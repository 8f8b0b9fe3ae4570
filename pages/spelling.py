"""“Did you mean …?”: the closest word the site's pages use, in the page's
language.

Words are compared with their accents dropped ("ñ" kept), so "musclo" and
"mucsulo" are close to "músculo", and the suggestion keeps the accents the
pages use. Until a page has its Spanish text it shows its English one on the
Spanish side (docs/spanish.md), so the Spanish index holds English words
too: there, a word more common in English than in Spanish (by the
word-frequency lists pyspellchecker ships, read on the first Spanish
suggestion of a process) is never suggested, so the Spanish pages never
offer "spasms" (nor an English place name such as "Chandler": spelled right,
it is still found). A word in neither list (a clinic's own word) may be
offered. The English pages hold only English text, so every word of theirs
may be suggested there ("Mesa" included).
"""

import difflib
import functools
import unicodedata

from django.conf import settings

CUTOFF = 0.75
LENGTH_SLACK = 2  # a suggestion is at most this many letters longer or shorter


@functools.lru_cache(maxsize=50_000)
def folded(word):
    """`word` without the accents of its letters, "ñ" kept: "músculo" ->
    "musculo", "año" -> "año"."""
    kept = []
    for ch in word:
        if ch in "ñÑ":
            kept.append(ch)
            continue
        kept.append(
            "".join(
                c
                for c in unicodedata.normalize("NFD", ch)
                if not unicodedata.combining(c)
            )
        )
    return "".join(kept)


@functools.cache
def _counts(language):
    """(word counts, total) of `language`'s list ({} without one): about
    24 MB for English and Spanish together, read once per process (a
    fraction of a second) on its first Spanish suggestion."""
    from spellchecker import SpellChecker

    try:
        counts = SpellChecker(language=language, distance=1).word_frequency
    except ValueError:  # no list for this language
        return {}, 1
    return counts.dictionary, counts.total_words or 1


def _share(word, language):
    counts, total = _counts(language)
    return counts.get(word, 0) / total


def foreign(word, language):
    """Whether `word` is more a word of the site's main language than of
    `language` ("spasms" on the Spanish pages); never on the main
    language's own pages."""
    if language == settings.LANGUAGE_CODE:
        return False
    return _share(word, settings.LANGUAGE_CODE) > _share(word, language)


def closest(word, words, language):
    """Of `words` ({word: how often the site uses it}), the one closest to
    `word` in `language`, or "" if none is close. Of equally close words,
    the one the site uses most."""
    typed = folded(word)
    by_folded = {}
    for known, uses in words.items():
        if abs(len(known) - len(word)) > LENGTH_SLACK:
            continue
        key = folded(known)
        if key not in by_folded or uses > words[by_folded[key]]:
            by_folded[key] = known
    close = difflib.get_close_matches(typed, list(by_folded), n=8, cutoff=CUTOFF)
    close = [key for key in close if not foreign(by_folded[key], language)]
    if not close:
        return ""
    best = max(
        close,
        key=lambda key: (
            round(difflib.SequenceMatcher(None, typed, key).ratio(), 2),
            words[by_folded[key]],
        ),
    )
    return by_folded[best]
