"""Site search without a search engine.

The site has tens of pages, not millions, so search reads the published
pages each content app offers (its `search_documents`, base/registry.py) and
scores them in Python: the same results on SQLite and PostgreSQL, no
full-text index to keep in step, and the query never goes near SQL.

Words are compared by their stem (snowballstemmer's English stemmer:
"spasms" and "spasm" are one word), so "spasm", "spasms", "muscle spasm" and
"back spasm" all find "Back + Muscle Spasms". A match in a page's name ranks
above a match in its text.

On a Spanish page (/es/search/) words are stemmed by snowballstemmer's
Spanish stemmer, which also drops the accents of the vowels ("musculo"
finds "músculo", "espasmo" and "espasmos" are one word; "ñ" stays, so "año"
is never "ano"); the index is built per language
(base.registry.kept), and its pages link to the same language.
"""

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from base import registry

MAX_QUERY = 100
MAX_WORDS = 10
SNIPPET = 160
WORD_RE = re.compile(r"\w+")
STOP_WORDS = {
    "a", "an", "and", "are", "at", "for", "from", "how", "i", "in", "is", "it",
    "my", "near", "of", "on", "or", "the", "to", "what", "with",
    # Spanish
    "con", "de", "del", "el", "en", "la", "las", "los", "me", "mi", "para",
    "por", "que", "un", "una", "y",
}  # fmt: skip

# name match, text match: a name match always outranks any text matches
NAME_WEIGHT = 100
TEXT_WEIGHT = 1
TEXT_CAP = 20


def clean_query(raw):
    """The query as typed, made safe to work with: normalized unicode, no
    control characters, no runs of spaces, at most MAX_QUERY characters.
    Returns (query, was_truncated)."""
    text = unicodedata.normalize("NFKC", str(raw))
    text = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in text
    )
    text = " ".join(text.split())
    return text[:MAX_QUERY].strip(), len(text) > MAX_QUERY


_stemmers = {
    "en": snowballstemmer.stemmer("english"),
    "es": snowballstemmer.stemmer("spanish"),
}
# The stemmer keeps its work in the object: one thread at a time.
_stemmer_lock = threading.Lock()


def stem(word):
    """The stem in the page's language: "spasms" and "spasm" are one word,
    and on a Spanish page "espasmos", "espasmo" and "músculo"/"musculo" too."""
    return _stem(translation.get_language() or "en", word)


@functools.lru_cache(maxsize=50_000)
def _stem(language, word):
    """Remembered per word: the site's pages use a few thousand words, and
    stemming them all again for every search was most of its cost."""
    stemmer = _stemmers.get(language, _stemmers["en"])
    with _stemmer_lock:
        return stemmer.stemWord(word.lower())


def query_stems(query):
    stems = []
    for word in WORD_RE.findall(query.lower()):
        if word in STOP_WORDS:
            continue
        s = stem(word)
        if s not in stems:
            stems.append(s)
    return stems[:MAX_WORDS]


def _word_matches(word_stem, stems):
    """A word matches a query stem when they are equal, or when the query
    stem is a start of the word (a query of at least 4 letters: "spas")."""
    return any(
        word_stem == s or (len(s) >= 4 and word_stem.startswith(s)) for s in stems
    )


def _matched(text, stems):
    """The query stems that some word of `text` matches."""
    words = {stem(w) for w in WORD_RE.findall(text)}
    return {s for s in stems if any(_word_matches(w, [s]) for w in words)}


def highlight(text, stems):
    """`text` escaped, with the words that match wrapped in <mark>.

    Each piece is escaped on its own before any markup is added, so nothing
    from the page or the query can become HTML."""
    pieces = []
    for piece in re.split(r"(\w+)", text):
        if piece and WORD_RE.fullmatch(piece) and _word_matches(stem(piece), stems):
            pieces.append(f"<mark>{escape(piece)}</mark>")
        else:
            pieces.append(escape(piece))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)


def snippet(text, stems, length=SNIPPET):
    """A window of `text` around its first match, on word boundaries."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    start = 0
    for match in WORD_RE.finditer(text):
        if _word_matches(stem(match.group()), stems):
            start = max(0, match.start() - length // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


@dataclass
class Indexed:
    """A page as search reads it, its words stemmed once per content
    version rather than on every search."""

    kind: str
    name: str
    url: str
    texts: list
    rank: int
    name_stems: frozenset
    text_stems: dict  # stem -> how many words of the text have it
    name_query_stems: list  # the name read as a query


def _indexed(document):
    kind, name, url, texts, rank = document
    texts = [t for t in texts if t]
    counts = {}
    for text in texts:
        for word in WORD_RE.findall(text):
            word_stem = stem(word)
            counts[word_stem] = counts.get(word_stem, 0) + 1
    return Indexed(
        kind,
        name,
        url,
        texts,
        rank,
        frozenset(stem(w) for w in WORD_RE.findall(name)),
        counts,
        query_stems(name),
    )


def index():
    """Every published page, stemmed: kept while the content version stays
    the same, rebuilt after any save (base.registry.kept)."""
    return registry.kept(index, _build_index)


def _build_index():
    return [_indexed(document) for document in registry.search_documents()]


def _matched_stems(word_stems, stems):
    """The query stems that one of `word_stems` matches."""
    return {s for s in stems if any(_word_matches(w, [s]) for w in word_stems)}


@dataclass
class Result:
    kind: str
    name: str
    url: str
    texts: list
    rank: int  # kind order, for ties
    score: int = 0
    matched: set = field(default_factory=set)
    name_html: str = ""
    snippet_html: str = ""


def search(query):
    """Ranked results for `query` and whether they are partial matches.

    Every word must match (in the name or the text); when no page has every
    word, pages with the most words matched are shown instead, as near
    misses. Returns (results, partial)."""
    stems = query_stems(query)
    if not stems:
        return [], False
    results = []
    for page in index():
        in_name = _matched_stems(page.name_stems, stems)
        in_text = _matched_stems(page.text_stems, stems)
        matched = in_name | in_text
        if not matched:
            continue
        text_hits = sum(
            count
            for word_stem, count in page.text_stems.items()
            if _word_matches(word_stem, stems)
        )
        score = NAME_WEIGHT * len(in_name) + TEXT_WEIGHT * min(text_hits, TEXT_CAP)
        if page.name_query_stems == stems:
            score += NAME_WEIGHT  # the name is exactly what was asked for
        results.append(
            Result(
                page.kind, page.name, page.url, page.texts, page.rank, score, matched
            )
        )
    # A tag that is itself a condition links to that condition's page: one
    # result per page, the best-scoring one.
    best = {}
    for result in results:
        kept = best.get(result.url)
        if kept is None or (result.score, -result.rank) > (kept.score, -kept.rank):
            best[result.url] = result
    results = list(best.values())
    complete = [r for r in results if len(r.matched) == len(stems)]
    partial = not complete and bool(results)
    if partial:
        most = max(len(r.matched) for r in results)
        complete = [r for r in results if len(r.matched) == most]
    complete.sort(key=lambda r: (-r.score, r.rank, r.name))
    for result in complete:
        result.name_html = highlight(result.name, stems)
        # The text that matches most of the query, a longer one on a tie.
        text = max(
            result.texts,
            key=lambda t: (len(_matched(t, stems)), len(t) > 60),
            default="",
        )
        text = text if _matched(text, stems) else ""
        result.snippet_html = highlight(snippet(text, stems), stems) if text else ""
    return complete, partial
