"""Site search without a search engine.

The site has tens of pages, not millions, so search reads the published
pages each content app offers (its `search_documents`, base/registry.py) and
scores them in Python: the same results on SQLite and PostgreSQL, no
full-text index to keep in step, and the query never goes near SQL.

The index is inverted (stem -> the pages that use it), built once per content
version, so a search costs what its matches cost, not what the site holds;
and only the page of results shown is highlighted and cut into snippets
(docs/performance.md has the numbers on a site grown by 3,300 pages).

Ranking: a match in a page's name first; then conditions before treatments,
body areas and tags (a symptom or body word is first a condition's word);
then how often the text uses the words. Staff teach it synonyms and promoted
pages (pages/searchwords.py).

Words are compared by their stem (snowballstemmer's English stemmer:
"spasms" and "spasm" are one word), so "spasm", "spasms", "muscle spasm" and
"back spasm" all find "Back + Muscle Spasms". A match in a page's name ranks
above a match in its text.
"""

import bisect
import functools
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
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


_stemmer = snowballstemmer.stemmer("english")
# The stemmer keeps its work in the object: one thread at a time.
_stemmer_lock = threading.Lock()


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """The English (Porter 2) stem: "spasms" and "spasm" are one word.
    Remembered per word: the site's pages use a few thousand words, and
    stemming them all again for every search was most of its cost."""
    with _stemmer_lock:
        return _stemmer.stemWord(word.lower())


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
    name_key: frozenset = frozenset()  # the name's words, for near-duplicates
    summary: str = ""


def _indexed(document):
    kind, name, url, texts, rank, summary = document
    texts = [t for t in texts if t]
    counts = {}
    for text in texts:
        for word in WORD_RE.findall(text):
            word_stem = stem(word)
            counts[word_stem] = counts.get(word_stem, 0) + 1
    name_stems = frozenset(stem(w) for w in WORD_RE.findall(name))
    return Indexed(
        kind,
        name,
        url,
        texts,
        rank,
        name_stems,
        counts,
        query_stems(name),
        frozenset(query_stems(name)),
        summary,
    )


class Index:
    """Every published page, and for each stem the pages that use it."""

    def __init__(self, documents):
        self.pages = [_indexed(document) for document in documents]
        self.in_names = {}  # stem -> [page number]
        self.in_texts = {}  # stem -> [(page number, count)]
        self.words = {}  # every word the pages use (lower case) -> how often
        for number, page in enumerate(self.pages):
            for word_stem in page.name_stems:
                self.in_names.setdefault(word_stem, []).append(number)
            for word_stem, count in page.text_stems.items():
                self.in_texts.setdefault(word_stem, []).append((number, count))
            for text in (page.name, *page.texts):
                for word in WORD_RE.findall(text.lower()):
                    if not word.isdigit():
                        self.words[word] = self.words.get(word, 0) + 1
        self.vocabulary = sorted(set(self.in_names) | set(self.in_texts))

    def expand(self, query_stem):
        """The stems of the site's words that `query_stem` matches: itself,
        and (4 letters or more) every stem it starts: "spas" -> "spasm"."""
        if len(query_stem) < 4:
            return (
                [query_stem]
                if query_stem in self.in_names or (query_stem in self.in_texts)
                else []
            )
        start = bisect.bisect_left(self.vocabulary, query_stem)
        found = []
        for word_stem in self.vocabulary[start:]:
            if not word_stem.startswith(query_stem):
                break
            found.append(word_stem)
        return found

    def knows(self, query_stem):
        return bool(self.expand(query_stem))


def index():
    """Every published page, stemmed: kept while the content version stays
    the same, rebuilt after any save (base.registry.kept)."""
    return registry.kept(index, _build_index)


def _build_index():
    return Index(registry.search_documents())


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
    text_score: int = 0
    name_key: frozenset = frozenset()
    promoted: bool = False
    also: list = field(default_factory=list)  # near-identical pages: [(name, url)]
    summary: str = ""


def rank_key(result):
    """Name matches first; among equals, conditions before treatments, body
    areas and tags; then how much of the text matches."""
    return (-result.score, result.rank, -result.text_score, result.name)


def find(query_stems_, the_index=None):
    """Every page matching `query_stems_`, ranked but not yet highlighted
    nor folded (fold_near_duplicates).

    Every word must match (in the name or the text); when no page has every
    word, pages with the most words matched are returned instead, as near
    misses. Returns (results, partial)."""
    stems = query_stems_
    if not stems:
        return [], False
    the_index = the_index or index()
    pages = the_index.pages
    name_hits, text_hits, matched = {}, {}, {}
    for query_stem in stems:
        for word_stem in the_index.expand(query_stem):
            for number in the_index.in_names.get(word_stem, ()):
                name_hits.setdefault(number, set()).add(query_stem)
                matched.setdefault(number, set()).add(query_stem)
            for number, count in the_index.in_texts.get(word_stem, ()):
                text_hits[number] = text_hits.get(number, 0) + count
                matched.setdefault(number, set()).add(query_stem)
    results = []
    for number, words in matched.items():
        page = pages[number]
        score = NAME_WEIGHT * len(name_hits.get(number, ()))
        if page.name_query_stems == stems:
            score += NAME_WEIGHT  # the name is exactly what was asked for
        results.append(
            Result(
                page.kind,
                page.name,
                page.url,
                page.texts,
                page.rank,
                score,
                words,
                text_score=TEXT_WEIGHT * min(text_hits.get(number, 0), TEXT_CAP),
                name_key=page.name_key,
                summary=page.summary,
            )
        )
    # A tag that is itself a condition links to that condition's page: one
    # result per page, the best-scoring one.
    best = {}
    for result in results:
        kept = best.get(result.url)
        if kept is None or rank_key(result) < rank_key(kept):
            best[result.url] = result
    results = list(best.values())
    complete = [r for r in results if len(r.matched) == len(stems)]
    partial = not complete and bool(results)
    if partial:
        most = max(len(r.matched) for r in results)
        complete = [r for r in results if len(r.matched) == most]
    complete.sort(key=rank_key)
    return complete, partial


# The ranks of the tag pages (root causes, risk factors, symptoms:
# conditions/search.py), which staff name freely and so near-duplicate.
TAG_RANKS = range(3, 6)


def fold_near_duplicates(results):
    """Tags with the same meaning ("Numbness", "Numbness + Tingling",
    "Numbness or Tingling"): one result, the best ranked, naming the others
    under it, rather than three near-identical pages in a row. Two tags are
    near-duplicates when the words of one name are all in the other's."""
    kept = []
    for result in results:
        if result.rank in TAG_RANKS and result.name_key:
            for earlier in kept:
                if earlier.rank in TAG_RANKS and (
                    result.name_key <= earlier.name_key
                    or earlier.name_key <= result.name_key
                ):
                    earlier.also.append((result.name, result.url))
                    break
            else:
                kept.append(result)
        else:
            kept.append(result)
    return kept


def decorate(results, stems):
    """Highlight the names and cut the snippets of `results` (only the page
    of results shown). Every result gets a snippet: the text that matches
    most of the query, else the page's summary or first text."""
    for result in results:
        result.name_html = highlight(result.name, stems)
        text = max(
            result.texts,
            key=lambda t: (len(_matched(t, stems)), len(t) > 60),
            default="",
        )
        if not _matched(text, stems):
            text = result.summary or (result.texts[0] if result.texts else "")
        result.snippet_html = highlight(snippet(text, stems), stems) if text else ""
    return results


def search(query):
    """Ranked and highlighted results for `query` and whether they are
    partial matches: (results, partial). The view pages them (pages/views.py);
    this whole list is for scripts and tests."""
    stems = query_stems(query)
    results, partial = find(stems)
    return decorate(fold_near_duplicates(results), stems), partial
