"""Where a line of Thai (mixed with Latin and digits) may break.

Public API
----------
``set_user_words(words)``
    Office-specific words (the office's name, people's names, local place names) that the
    segmenter must keep whole, on top of the bundled ITA term list
    ``resources/data/ita_terms.txt``. Replaces the previous user words.
``load_dictionary()``
    Load the segmentation dictionary now (it otherwise loads lazily, once per process, on the
    first Thai paragraph; loading takes about half a second).
``break_opportunities(text) -> bytearray``
    ``ok[i] == 1`` when a line may end before ``text[i]`` (``0 < i < len(text)``).
``is_protected(word)``
    True for an ITA term or office word (kept whole whenever it fits on a line). Other long
    dictionary compounds (PyThaiNLP lists the full name of the anti-corruption commission as
    one word) may break between their own words rather than leave a half-empty line.
``split_long(text)``
    Fallback break positions inside one token wider than a line, by level: sub-words first,
    then Thai character clusters (TCC), then grapheme boundaries; never inside a cluster.

Rules, in order:
1. PyThaiNLP ``word_tokenize(engine="newmm")`` with the dictionary above gives word boundaries;
   after white space a line may always break (the spaces hang at the line end).
2. Never before a combining mark (so no line starts with a vowel sign or tone mark), never
   inside a number (Thai or Arabic digits with , . : / - inside, digit groups of a phone
   number separated by single spaces), a code (O11, i16, A-12), an abbreviation (ป.ป.ช.,
   พ.ศ.๒๕๖๙, พ.จ.อ.), a URL or an e-mail address, or a Latin word.
3. Never before closing punctuation or ๆ ฯ (not even at a space before ๆ), never after
   opening brackets or an opening quote.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache

from itadesk.documents.shaping import is_combining
from itadesk.paths import resource_path

__all__ = [
    "WORD_LEVELS",
    "break_opportunities",
    "is_protected",
    "load_dictionary",
    "set_user_words",
    "split_long",
]

_lock = threading.RLock()
_trie = None  # pythainlp.util.Trie, built on first use
_base_words: frozenset[str] | None = None
_ita_words: set[str] = set()
_user_words: set[str] = set()


def _read_ita_terms() -> set[str]:
    path = resource_path("data", "ita_terms.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return words


def load_dictionary():
    """Build the segmentation dictionary (PyThaiNLP words + ITA terms + user words) once."""
    global _trie, _base_words, _ita_words
    if _trie is not None:
        return _trie
    with _lock:
        if _trie is None:
            from pythainlp.corpus import thai_words
            from pythainlp.util import Trie

            _base_words = thai_words()
            _ita_words = _read_ita_terms()
            _trie = Trie(set(_base_words) | _ita_words | _user_words)
            _cached_breaks.cache_clear()
        return _trie


def is_protected(word: str) -> bool:
    """True for an ITA term or one of the office's own words: never broken when it fits."""
    word = word.strip()
    return word in _ita_words or word in _user_words


def set_user_words(words: Iterable[str]) -> None:
    """Replace the office's own words (names, place names, extra terms) kept whole."""
    global _user_words
    new = {w.strip() for w in words if w and w.strip()}
    with _lock:
        if _trie is not None:
            keep = (_base_words or frozenset()) | _ita_words
            for w in _user_words - new:
                if w not in keep:
                    _trie.remove(w)
            for w in new - _user_words:
                _trie.add(w)
        _user_words = new
        _cached_breaks.cache_clear()


def _tokenize(text: str, trie) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)


_THAI = "\u0e00-\u0e7f"
_THAI_LETTER = re.compile("[\u0e01-\u0e4f]")
_DIGIT = "0-9\u0e50-\u0e59"
_PROTECTED = re.compile(
    "|".join(
        [
            r"(?:https?://|ftp://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]",  # URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
            # Thai abbreviations: two or more dotted parts (ป.ป.ช., พ.ศ., เม.ย., พ.จ.อ.)
            # with any digits glued to them (พ.ศ.๒๕๖๙).
            rf"(?:[เแโใไ]?[ก-ฮ][ก-ฮ\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{{0,3}}\.){{2,}}[{_DIGIT}]*",
            # numbers: digit groups with , . : / - inside; phone-like groups with single spaces
            rf"[{_DIGIT}]+(?:[,.:/\-][{_DIGIT}]+)*(?: [{_DIGIT}]+(?:[\-][{_DIGIT}]+)*)*"
            rf"(?=[^{_DIGIT}]|$)",
            r"[A-Za-z][A-Za-z0-9'’_\-]*[A-Za-z0-9]|[A-Za-z]",  # Latin words and codes (O11)
            rf"[{_DIGIT}]+[A-Za-z]+[A-Za-z0-9]*",  # codes starting with digits (2A, 3G)
        ]
    )
)
_NO_BREAK_BEFORE = set(")]},.;:!?%ๆฯ’”»…") | {"\u0e2f", "\u0e46"}
_NO_BREAK_AFTER = set("([{‘“«")
_QUOTES = set("\"'")


def break_opportunities(text: str) -> bytearray:
    """``ok[i] == 1`` when a line may break before ``text[i]``; see the module docstring."""
    return bytearray(_cached_breaks(text))


@lru_cache(maxsize=20_000)
def _cached_breaks(text: str) -> bytes:
    n = len(text)
    ok = bytearray(n + 1)
    if n == 0:
        return bytes(ok)
    if _THAI_LETTER.search(text):
        trie = load_dictionary()
        pos = 0
        for tok in _tokenize(text, trie):
            pos += len(tok)
            if pos < n:
                ok[pos] = 1
    else:
        for m in re.finditer(r"\S+", text):
            if m.start() > 0:
                ok[m.start()] = 1
    for i in range(1, n):
        c, p = text[i], text[i - 1]
        if c.isspace():
            ok[i] = 0  # break after the spaces, never before them
        elif p.isspace():
            ok[i] = 1
        if is_combining(c):
            ok[i] = 0
    for m in _PROTECTED.finditer(text):
        ok[m.start() + 1 : m.end()] = bytes(m.end() - m.start() - 1)
    for i in range(1, n):
        c, p = text[i], text[i - 1]
        if c in _NO_BREAK_BEFORE or p in _NO_BREAK_AFTER:
            ok[i] = 0
        elif c in _QUOTES and (i + 1 >= n or text[i + 1].isspace()):
            ok[i] = 0  # a closing quote stays with its word
        elif p in _QUOTES and (i - 2 < 0 or text[i - 2].isspace()):
            ok[i] = 0  # an opening quote stays with its word
        elif c == "." and not p.isspace():
            ok[i] = 0
        if p.isspace() and c in "ๆฯ":
            ok[i] = 0  # keep "อื่น ๆ" together: ๆ never starts a line
    ok[0] = 0
    return bytes(ok)


#: Levels of ``split_long`` that break between words (fine at the end of a filled line);
#: the others break inside a word and are used only for a token that starts its own line.
WORD_LEVELS = frozenset({"spaces", "words", "url"})


@lru_cache(maxsize=4096)
def split_long(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Break positions inside a token too wide for a line, as ``(level, positions)`` in order
    of preference: "spaces" (inside a phone number), "words" (the words of a dictionary
    compound), "tcc" (Thai character clusters), "url" (after / . - _ ? & =), "any" (any
    grapheme boundary). Positions are sorted indices ``0 < i < len(text)``, never before a
    combining mark; empty levels are left out."""
    n = len(text)
    if n <= 1:
        return ()

    def clean(ps) -> tuple[int, ...]:
        return tuple(sorted({p for p in ps if 0 < p < n and not is_combining(text[p])}))

    levels: list[tuple[str, tuple[int, ...]]] = []
    if " " in text.strip():
        levels.append(
            ("spaces", clean(i for i in range(1, n) if text[i - 1] == " " and text[i] != " "))
        )
    if _THAI_LETTER.search(text):
        from pythainlp.tokenize.tcc_p import tcc_pos

        levels.append(("words", clean(_subwords(text))))
        levels.append(("tcc", clean(tcc_pos(text))))
    else:
        levels.append(
            (
                "url",
                clean(
                    i + 1
                    for i, c in enumerate(text[:-1])
                    if c in "/.-_?&=" and not (c == "/" and text[i + 1] == "/")
                ),
            )
        )
    levels.append(("any", clean(range(1, n))))
    return tuple((name, ps) for name, ps in levels if ps)


def _subwords(text: str) -> list[int]:
    """Word boundaries inside a dictionary compound, found with a small dictionary of the
    dictionary words it contains (the compound itself excluded)."""
    load_dictionary()
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    words = _base_words or frozenset()
    extra = _ita_words | _user_words
    found = set()
    n = len(text)
    for a in range(n):
        for b in range(a + 2, min(n, a + 30) + 1):
            w = text[a:b]
            if w != text and (w in words or w in extra):
                found.add(w)
    if not found:
        return []
    toks = word_tokenize(text, custom_dict=Trie(found), engine="newmm")
    out, pos = [], 0
    for t in toks[:-1]:
        pos += len(t)
        out.append(pos)
    return out
