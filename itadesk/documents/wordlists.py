"""The word lists line breaking needs, ready in milliseconds.

PyThaiNLP keeps its dictionary as a list of about 62,000 words and builds a trie from it, one
``Trie.add`` per word: 0.6–1.0 s in every process before the first Thai line can be broken.
The lists that tell words from phrases (the Royal Institute list, the Thai National Corpus and
ICU's break dictionary) take another 0.15 s to parse. A clerk pays that on every
``itadesk render`` and on the first preview.

Here the lists are read once, sorted, and written to a cache file: one word per line, each
list in its own file. A sorted list answers the segmenter's one question — which dictionary
words start at this position of the text, shortest first — by bisection
(:class:`SortedWords`), so nothing has to be built when the file is read back. Reading the
file and splitting it into a list takes a few milliseconds.

The cache key is the identity (size and modification time) of every source file and a digest
of the bundled ITA term list (a new PyThaiNLP installs new files, so its version need not be
asked: reading package metadata alone costs more than the whole load). A changed dictionary
gets a new key, so it is picked up. The office's own words are not cached; they are layered on
at run time (``linebreak.LineBreaker``). The cache goes to ``<user cache>/wordlists`` (under
``ITADESK_DATA_DIR`` when that is set). When the folder cannot be written, the lists are built
in memory as before. The files are immutable once written: a process that finds one never
changes it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from itadesk.fileio import write_text_atomically
from itadesk.paths import APP_NAME, DATA_DIR_ENV, resource_path

log = logging.getLogger(__name__)

CACHE_FORMAT = "1"
# PyThaiNLP corpus files the lists come from (relative to pythainlp/corpus).
_SOURCES = {
    "base": ("words_th.txt",),
    "not_phrases": ("orst_words_th.txt", "tnc_freq.txt", "icubrk_th.txt"),
}


class SortedWords:
    """A dictionary as a sorted list: membership and "which words start here" by bisection.

    It answers what PyThaiNLP's newmm segmenter asks of its ``Trie`` — ``prefixes(text,
    start)``, ``in``, ``len`` — with the same answers (the words, shortest first), so
    segmenting with it gives the same tokens as with a trie of the same words."""

    __slots__ = ("_words",)

    def __init__(self, sorted_words: Sequence[str]) -> None:
        self._words = sorted_words

    @classmethod
    def of(cls, words: Iterable[str]) -> SortedWords:
        return cls(sorted({w.strip() for w in words if w and w.strip()}))

    def __len__(self) -> int:
        return len(self._words)

    def __bool__(self) -> bool:
        return bool(self._words)

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        index = bisect_left(self._words, word)
        return index < len(self._words) and self._words[index] == word

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that ``text`` has at ``start``, shortest first."""
        words = self._words
        count = len(words)
        found: list[str] = []
        low = 0
        end = start + 1
        limit = len(text)
        while end <= limit:
            prefix = text[start:end]
            index = bisect_left(words, prefix, low)
            if index == count or not words[index].startswith(prefix):
                break  # no word goes on with this prefix: no longer one either
            if words[index] == prefix:
                found.append(prefix)
            low = index
            end += 1
        return found


def base_words() -> SortedWords:
    """PyThaiNLP's segmentation word list and the bundled ITA terms, sorted."""
    return _load("base")


def words_not_phrases() -> SortedWords:
    """Entries the Royal Institute list, the Thai National Corpus and ICU's break dictionary
    record as single words (see ``linebreak.LineBreaker.is_soft_compound``)."""
    return _load("not_phrases")


def ita_terms() -> frozenset[str]:
    return _ita_terms()


@cache
def _ita_terms() -> frozenset[str]:
    words = set()
    for line in _ita_terms_path().read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


def _ita_terms_path() -> Path:
    return resource_path("data", "ita_terms.txt")


@cache
def _load(name: str) -> SortedWords:
    """The list ``name`` from the cache, or built from its sources (and then cached)."""
    corpus = _corpus_dir()
    sources = [corpus / file for file in _SOURCES[name]]
    if name == "base":
        sources.append(_ita_terms_path())
    key = _cache_key(name, sources)
    folder = cache_dir()
    cached = folder / f"{name}-{key}.txt" if folder is not None else None
    if cached is not None:
        try:
            return SortedWords(cached.read_text(encoding="utf-8").split("\n"))
        except (OSError, UnicodeDecodeError):
            pass  # not there yet (or unreadable): build it
    words = SortedWords.of(_BUILDERS[name]())
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(cached, "\n".join(words))
        except OSError as error:
            log.info("word list cache not written to %s: %s", cached, error)
    return words


def cache_dir() -> Path | None:
    """Where the word lists are cached: the app's data folder when ``ITADESK_DATA_DIR`` is
    set (tests, portable installs), else the user's cache folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "cache" / "wordlists"
    try:
        import platformdirs
    except ImportError:
        return None
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "wordlists"


def _corpus_dir() -> Path:
    """PyThaiNLP's corpus folder, found without importing PyThaiNLP (importing it costs about
    75 ms: only segmenting needs it)."""
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("PyThaiNLP is not installed; the installation is incomplete")
    return Path(next(iter(spec.submodule_search_locations))) / "corpus"


def _cache_key(name: str, sources: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{name}".encode())
    for path in sources:
        try:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{path.name}:missing".encode())
    digest.update(_ita_terms_path().read_bytes() if name == "base" else b"")
    return digest.hexdigest()[:16]


def _build_base() -> Iterable[str]:
    from pythainlp.corpus import thai_words

    return set(thai_words()) | _ita_terms()


def _build_not_phrases() -> Iterable[str]:
    from pythainlp.corpus import get_corpus, tnc
    from pythainlp.corpus.common import thai_orst_words

    words = set(thai_orst_words())
    words.update(word for word, _freq in tnc.word_freqs())
    words.update(w for w in get_corpus("icubrk_th.txt") if not w.startswith("#"))
    return words


_BUILDERS: dict[str, Callable[[], Iterable[str]]] = {
    "base": _build_base,
    "not_phrases": _build_not_phrases,
}
