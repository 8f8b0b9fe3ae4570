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

On a Spanish page (/es/search/) words are stemmed by snowballstemmer's
Spanish stemmer, which also drops the accents of the vowels ("musculo"
finds "músculo", "espasmo" and "espasmos" are one word; "ñ" stays, so "año"
is never "ano"); the index is built per language
(base.memory.kept), and its pages link to the same language.
"""

import bisect
import functools
import gc
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import snowballstemmer
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from base import registry

from . import searchindex

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


def query_stems(query, stems_of=None):
    """The stems of a query's words, stop words left out, each once.
    `stems_of`: an index build's own table (_Stems) rather than stem()."""
    stems = []
    for word in WORD_RE.findall(query.lower()):
        if word in STOP_WORDS:
            continue
        s = stems_of[word] if stems_of is not None else stem(word)
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
    return _matched_stems({stem(w) for w in WORD_RE.findall(text)}, stems)


def _matched_stems(word_stems, stems):
    """The query stems that one of `word_stems` matches."""
    return {
        s
        for s in stems
        if s in word_stems or (len(s) >= 4 and any(w.startswith(s) for w in word_stems))
    }


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
    text_sets: list = field(default_factory=list)  # each text's stems


class _Stems(dict):
    """word (lower case) -> its stem in one language, for one index build:
    a plain dict lookup per word, where stem() would look up the active
    language (a context-local read) for each of a grown site's ~900,000
    words, most of the build's time."""

    def __init__(self, language):
        super().__init__()
        self.language = language

    def __missing__(self, word):
        self[word] = found = _stem(self.language, word)
        return found


def _indexed(document, stems_of, words):
    """A page as search reads it; the words of its name and texts (lower
    case) are counted into `words`."""
    kind, name, url, texts, rank, summary = document
    texts = [t for t in texts if t]
    counts, text_sets = Counter(), []
    for text in texts:
        found = WORD_RE.findall(text.lower())
        words.update(found)
        stems = [stems_of[word] for word in found]
        counts.update(stems)
        text_sets.append(frozenset(stems))
    found = WORD_RE.findall(name.lower())
    words.update(found)
    name_stems = frozenset(stems_of[word] for word in found)
    name_query = query_stems(name, stems_of)
    return Indexed(
        kind,
        name,
        url,
        texts,
        rank,
        name_stems,
        counts,
        name_query,
        frozenset(name_query),
        summary,
        text_sets,
    )


class Index:
    """Every published page, and for each stem the pages that use it."""

    def __init__(self, documents):
        stems_of = _Stems(translation.get_language() or "en")
        words = Counter()
        # In (kind rank, name) order, so a page's number breaks ties by name.
        self.pages = sorted(
            (_indexed(document, stems_of, words) for document in documents),
            key=lambda page: (page.rank, page.name),
        )
        self.in_names = {}  # stem -> [page number]
        self.in_texts = {}  # stem -> [(page number, count)]
        for number, page in enumerate(self.pages):
            for word_stem in page.name_stems:
                self.in_names.setdefault(word_stem, []).append(number)
            for word_stem, count in page.text_stems.items():
                self.in_texts.setdefault(word_stem, []).append((number, count))
        # Every word the pages use (lower case) -> how often; numbers aside.
        self.words = {word: n for word, n in words.items() if not word.isdigit()}
        self.vocabulary = sorted(set(self.in_names) | set(self.in_texts))
        self.found = {}  # (query stems) -> find()'s answer
        self.version = None  # the content version it was built for

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


def index(stale_ok=False):
    """Every published page, stemmed: kept while the content version stays
    the same, rebuilt after any save. With `stale_ok`, a large site's
    previous index while a thread builds the new one (pages/searchindex.py):
    its `version` is then not the current one."""
    return searchindex.kept(_build_index, stale_ok)


def _build_index():
    built = Index(registry.search_documents())
    # The index is hundreds of thousands of long-lived objects (a grown
    # site's): the cyclic garbage collector would walk them all on every
    # full collection, a search's worth of time. They hold no cycles (an old
    # index is freed by reference counting), so they are moved out of its
    # sight (docs/performance.md).
    gc.freeze()
    return built


@dataclass
class Result:
    """One result as the page shows it, made only for the page of results
    shown (Results)."""

    kind: str
    name: str
    url: str
    texts: list
    rank: int  # kind order, for ties
    score: int = 0
    summary: str = ""
    promoted: bool = False
    also: list = field(default_factory=list)  # near-identical pages: [(name, url)]
    text_sets: list = field(default_factory=list)
    name_html: str = ""
    snippet_html: str = ""
    snippet_source: str = ""  # the text cut (English shown in its place: marked)


def find(query_stems_, the_index=None):
    """Every page matching `query_stems_` as sorted hits, one per page
    address, not yet folded nor made into Results. A hit is a tuple cheap to
    sort: (-name score, kind rank, -text score, page number): name matches
    first; among equals, conditions before treatments, body areas and tags;
    then how much of the text matches; then the name (Index keeps the pages
    in name order). The list is kept for the next search of the same words:
    never change it.

    Every word must match (in the name or the text); when no page has every
    word, pages with the most words matched are returned instead, as near
    misses. Returns (hits, partial)."""
    stems = query_stems_
    if not stems:
        return [], False
    the_index = the_index or index()
    key = tuple(stems)
    found = the_index.found.get(key)
    if found is None:
        found = _find(stems, the_index)
        if len(the_index.found) >= FOUND_KEPT:
            the_index.found.clear()
        the_index.found[key] = found
    return found


# How many searches' hits an index keeps (until the next content change):
# a common word searched again costs only its page of results.
FOUND_KEPT = 500


def _find(stems, the_index):
    pages = the_index.pages
    name_bits, text_hits, bits = {}, {}, {}
    for position, query_stem in enumerate(stems):
        bit = 1 << position
        for word_stem in the_index.expand(query_stem):
            for number in the_index.in_names.get(word_stem, ()):
                name_bits[number] = name_bits.get(number, 0) | bit
            for number, count in the_index.in_texts.get(word_stem, ()):
                text_hits[number] = text_hits.get(number, 0) + count
                bits[number] = bits.get(number, 0) | bit
    for number, found in name_bits.items():
        bits[number] = bits.get(number, 0) | found
    wanted = (1 << len(stems)) - 1
    chosen = [number for number, found in bits.items() if found == wanted]
    partial = not chosen and bool(bits)
    if partial:
        most = max(found.bit_count() for found in bits.values())
        chosen = [n for n, found in bits.items() if found.bit_count() == most]
    hits = []
    for number in chosen:
        page = pages[number]
        score = name_bits.get(number)
        score = NAME_WEIGHT * score.bit_count() if score else 0
        if page.name_query_stems == stems:
            score += NAME_WEIGHT  # the name is exactly what was asked for
        text = text_hits.get(number, 0)
        hits.append(
            (-score, page.rank, -text if text < TEXT_CAP else -TEXT_CAP, number)
        )
    return one_per_page(hits, pages), partial


def one_per_page(hits, pages):
    """Sorted, and one hit per address: a tag that is itself a condition
    links to that condition's page, which is one result."""
    hits.sort()
    seen, kept = set(), []
    for hit in hits:
        url = pages[hit[-1]].url
        if url not in seen:
            seen.add(url)
            kept.append(hit)
    return kept


# The ranks of the tag pages (root causes, risk factors, symptoms:
# conditions/search.py), which staff name freely and so near-duplicate.
TAG_RANKS = range(3, 6)


def fold_near_duplicates(hits, pages):
    """Tags with the same meaning ("Numbness", "Numbness + Tingling",
    "Numbness or Tingling"): one result, the best ranked, naming the others
    under it, rather than three near-identical pages in a row. Two tags are
    near-duplicates when the words of one name are all in the other's.
    Returns [(hit, [page numbers folded into it])]."""
    kept, tags = [], []
    for hit in hits:
        page = pages[hit[-1]]
        if page.rank in TAG_RANKS and page.name_key:
            for earlier_key, also in tags:
                if page.name_key <= earlier_key or earlier_key <= page.name_key:
                    also.append(hit[-1])
                    break
            else:
                also = []
                tags.append((page.name_key, also))
                kept.append((hit, also))
        else:
            kept.append((hit, []))
    return kept


class Results:
    """The ranked results as a sequence: its length is every match, and a
    Result is made only for the ones read (the page of results shown)."""

    def __init__(self, folded, the_index, promoted=()):
        self.folded = folded
        self.pages = the_index.pages
        self.promoted = set(promoted)

    def __len__(self):
        return len(self.folded)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self._result(entry) for entry in self.folded[item]]
        return self._result(self.folded[item])

    def _result(self, entry):
        hit, also = entry
        number = hit[-1]
        page = self.pages[number]
        return Result(
            page.kind,
            page.name,
            page.url,
            page.texts,
            page.rank,
            -hit[0],
            page.summary,
            number in self.promoted,
            [(self.pages[n].name, self.pages[n].url) for n in also],
            page.text_sets,
        )


def decorate(results, stems):
    """Highlight the names and cut the snippets of `results` (only the page
    of results shown). Every result gets a snippet: the text that matches
    most of the query, else the page's summary or first text."""
    for result in results:
        result.name_html = highlight(result.name, stems)
        text, most = "", 0
        sets = result.text_sets or [None] * len(result.texts)
        for piece, piece_stems in zip(result.texts, sets, strict=True):
            found = len(
                _matched_stems(piece_stems, stems)
                if piece_stems is not None
                else _matched(piece, stems)
            )
            if (found, len(piece) > 60) > (most, len(text) > 60):
                text, most = piece, found
        if not most:
            text = result.summary or (result.texts[0] if result.texts else "")
        result.snippet_html = highlight(snippet(text, stems), stems) if text else ""
        result.snippet_source = text
    return results


def search(query):
    """Ranked and highlighted results for `query` and whether they are
    partial matches: (results, partial). The view pages them (pages/views.py);
    this whole list is for scripts and tests."""
    stems = query_stems(query)
    the_index = index()
    hits, partial = find(stems, the_index)
    folded = fold_near_duplicates(hits, the_index.pages)
    return decorate(Results(folded, the_index)[:], stems), partial
