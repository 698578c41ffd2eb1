"""Where a line of Thai (mixed with Latin and digits) may break.

Public API
----------
``LineBreaker`` / ``line_breaker(office_words=()) -> LineBreaker``
    The break rules with one office's own words (its name, people's names, local place names)
    kept whole, on top of the shared dictionary: PyThaiNLP's word list plus the bundled ITA
    term list ``resources/data/ita_terms.txt``. A breaker never changes after it is made; each
    document gets the one for its office's words through its ``RenderContext``, so two
    documents with different words can be laid out at the same time. ``line_breaker`` keeps
    one breaker per word set (a cache of immutable values keyed by their content).
    Methods (each cached per text):
    ``break_opportunities(text) -> bytearray``: ``ok[i] == 1`` when a line may end before
    ``text[i]`` (``0 < i < len(text)``);
    ``is_protected(word)``: True for an ITA term or office word (kept whole whenever it fits
    on a line);
    ``is_soft_compound(token)``: True for a dictionary entry that is a phrase, not a word:
    PyThaiNLP's word list also holds phrases (the full name of the anti-corruption
    commission, ผลการวิเคราะห์), which may break between their own words rather than leave a
    half-empty line; so may the office's full name, after its kind
    (องค์การบริหารส่วนตำบล|หนองตัวอย่าง) or between the words of its kind. A word (สาธารณะ,
    ขั้นตอน, เจ้าหน้าที่) is never split when it fits on a line, even though it can be cut
    into dictionary entries (สา|ธารณะ);
    ``split_long(text)``: fallback break positions inside one token wider than a line, by
    level: sub-words first, then Thai character clusters (TCC), then grapheme boundaries;
    never inside a cluster.
``break_opportunities``, ``is_protected``, ``is_soft_compound``, ``split_long``
    The same, for the breaker with no office words.
``load_dictionary()``
    Load the shared dictionary and the word lists that tell words from phrases now (they
    otherwise load lazily, once per process, on the first Thai paragraph; a few milliseconds
    from the word-list cache, ``wordlists.py``).

Rules, in order:
1. PyThaiNLP ``word_tokenize(engine="newmm")`` with the dictionary above gives word boundaries;
   after white space a line may always break (the spaces hang at the line end).
2. Never before a combining mark (so no line starts with a vowel sign or tone mark), never
   inside a number (Thai or Arabic digits with , . : / - – inside, so a range ๑–๒ stays
   whole; digit groups of a phone number separated by single spaces), a code (O11, i16,
   A-12), an abbreviation (ป.ป.ช., พ.ศ.๒๕๖๙, พ.จ.อ.), a URL or an e-mail address, or a Latin
   word.
3. Glue (``GLUE_PATTERNS``): never inside "พ.ศ. ๒๕๖๖", "ข้อ ๑", "ข้อ O11", "ร้อยละ ๙๕",
   "ไตรมาส ๑–๒", "ประเด็นที่ ๑", "๓๑ มีนาคม ๒๕๖๙", "๑ ต.ค. ๖๘", "๑) จัดประชุม" (a list number
   and its first word), "อ.เมือง"; never at a no-break space (U+00A0, U+202F, U+2007) or a
   word joiner. A number and its unit ("๙๙.๖๖ คะแนน") may break at the space.
4. Never before closing punctuation, a dash (– —) or ๆ ฯ (not even at a space before ๆ),
   never after opening brackets or an opening quote.

State: nothing here changes after it is built. The module keeps only caches of immutable
values keyed by their content: the shared dictionary (loaded once), the word lists, and one
``LineBreaker`` per set of office words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from itadesk.documents import wordlists
from itadesk.documents.shaping import is_combining
from itadesk.documents.wordlists import SortedWords
from itadesk.domain.fiscal import THAI_MONTHS_ABBR, THAI_MONTHS_FULL
from itadesk.domain.office import OFFICE_KINDS

__all__ = [
    "GLUE_PATTERNS",
    "WORD_LEVELS",
    "LineBreaker",
    "break_opportunities",
    "is_protected",
    "is_soft_compound",
    "line_breaker",
    "load_dictionary",
    "split_long",
]


@dataclass(frozen=True)
class _Dictionary:
    """The shared segmentation dictionary: PyThaiNLP's words and the ITA terms."""

    words: SortedWords  # both, sorted: what the segmenter looks words up in
    ita_words: frozenset[str]


@cache
def _dictionary() -> _Dictionary:
    """Read once per process from the word-list cache (``wordlists``: a few milliseconds;
    ``functools.cache`` is thread-safe enough here: a race reads the same value twice)."""
    return _Dictionary(wordlists.base_words(), wordlists.ita_terms())


def load_dictionary() -> SortedWords:
    """Load the shared dictionary and the word-or-phrase list now; returns the dictionary."""
    wordlists.words_not_phrases()  # needed by the first line that overflows: load it too
    return _dictionary().words


class _LayeredWords:
    """The shared dictionary with an office's own words added, without copying it: answers
    ``prefixes`` (merged, shortest first) and ``in`` as one dictionary of both would."""

    def __init__(self, base: SortedWords, extra: SortedWords) -> None:
        self._base = base
        self._extra = extra

    def __len__(self) -> int:
        return len(self._base) + len(self._extra)

    def __contains__(self, word: object) -> bool:
        return word in self._extra or word in self._base

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        own = self._extra.prefixes(text, start)
        found = self._base.prefixes(text, start)
        if not own:
            return found
        return sorted(set(found).union(own), key=len)


class LineBreaker:
    """The break rules of the module docstring with ``office_words`` kept whole."""

    def __init__(self, office_words: Iterable[str] = ()) -> None:
        self.office_words = frozenset(w.strip() for w in office_words if w and w.strip())
        self._trie: SortedWords | _LayeredWords | None = None
        # per-breaker caches: results depend on the office words
        self._breaks_cached = lru_cache(maxsize=20_000)(self._breaks)
        self.split_long = lru_cache(maxsize=4096)(self._split_long)
        self.is_soft_compound = lru_cache(maxsize=4096)(self._is_soft_compound)

    def __repr__(self) -> str:
        return f"LineBreaker({len(self.office_words)} office words)"

    def clear_caches(self) -> None:
        """Forget the cached results (benchmarks time a cold layout with it)."""
        self._breaks_cached.cache_clear()
        self.split_long.cache_clear()
        self.is_soft_compound.cache_clear()

    def _segmenter_trie(self) -> SortedWords | _LayeredWords:
        if self._trie is None:
            words = _dictionary().words
            extra = [word for word in self.office_words if word not in words]
            # assigning a finished object is atomic: a race only builds it twice
            self._trie = _LayeredWords(words, SortedWords.of(extra)) if extra else words
        return self._trie

    def _known(self, word: str) -> bool:
        return word in _dictionary().words or word in self.office_words

    def break_opportunities(self, text: str) -> bytearray:
        """``ok[i] == 1`` when a line may break before ``text[i]``; see the module docstring."""
        return bytearray(self._breaks_cached(text))

    def is_protected(self, word: str) -> bool:
        """True for an ITA term or one of the office's own words: never broken when it fits."""
        word = word.strip()
        return word in _dictionary().ita_words or word in self.office_words

    def _is_soft_compound(self, token: str) -> bool:
        """True for a dictionary phrase that may break between its own words at a line end
        even when it would fit on the next line (so the line before is not left half empty).

        A phrase is an entry of Thai letters only, not an ITA term or office word, that no
        word list records as one word (``_words_not_phrases``) and that divides wholly into
        dictionary words: "ผลการวิเคราะห์" (ผล|การ|วิเคราะห์) or the commission's full name. A
        word is never a phrase, even one that divides into dictionary entries: "สาธารณะ"
        (สา|ธารณะ), "ขั้นตอน" and "เจ้าหน้าที่" are kept whole whenever they fit on a line."""
        word = token.strip()
        if self._office_kind(word):
            return True
        if not _THAI_WORD.fullmatch(word) or self.is_protected(word):
            return False
        if word in wordlists.words_not_phrases():
            return False
        cuts = dict(self.split_long(word)).get("words")
        if not cuts:
            return False
        parts = [word[a:b] for a, b in pairwise((0, *cuts, len(word)))]
        # every part must be a dictionary word: "ธรรมา|ภิ|บาล" is one word the segmenter
        # could only cut by leaving a fragment
        return all(self._known(w) for w in parts)

    def _breaks(self, text: str) -> bytes:
        ok = bytearray(_breaks_with_hard_breaks(text, self._segmenter_trie))
        if _THAI_LETTER.search(text):
            # the segmenter may still cut an ITA term or an office word where a longer
            # neighbour matched ("มาตร|การพัฒนา"): a protected word is never broken
            for start, end in self._protected_spans(text):
                ok[start + 1 : end] = bytes(end - start - 1)
        return bytes(ok)

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for word in _dictionary().ita_words | self.office_words:
            start = text.find(word)
            while start >= 0:
                spans.append((start, start + len(word)))
                start = text.find(word, start + 1)
        return spans

    def _split_long(self, text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
        return _compute_split_long(text, self._subwords)

    def _office_kind(self, word: str) -> int:
        """For the office's full name ("องค์การบริหารส่วนตำบลหนองตัวอย่าง"), the length of the
        kind it starts with; 0 for any other word. The name may break after its kind, and
        only there, rather than leave most of a line empty."""
        if word not in self.office_words:
            return 0
        for kind in OFFICE_KINDS:
            if word.startswith(kind) and len(word) > len(kind):
                return len(kind)
        return 0

    def _subwords(self, text: str) -> list[int]:
        """Word boundaries inside a dictionary compound, found with a small dictionary of the
        dictionary words it contains (the compound itself excluded); for the office's full
        name, the boundaries after its kind and between the words of its kind."""
        kind = self._office_kind(text)
        if kind:
            # after the kind, or between the words of the kind (องค์การบริหาร|ส่วนตำบล): the
            # line is filled from the right, so the kind stays whole whenever it fits
            return [*self._dictionary_cuts(text[:kind]), kind]
        return self._dictionary_cuts(text, protect=True)

    def _dictionary_cuts(self, text: str, *, protect: bool = False) -> list[int]:
        """Boundaries between the dictionary words ``text`` is made of; with ``protect``,
        never inside an ITA term or an office word it holds."""
        from pythainlp.tokenize import word_tokenize
        from pythainlp.util import Trie

        found = set()
        n = len(text)
        for a in range(n):
            for b in range(a + 2, min(n, a + 30) + 1):
                w = text[a:b]
                if w != text and self._known(w):
                    found.add(w)
        if not found:
            return []
        toks = word_tokenize(text, custom_dict=Trie(found), engine="newmm")
        out, pos = [], 0
        for t in toks[:-1]:
            pos += len(t)
            out.append(pos)
        if not protect:
            return out
        # never inside an ITA term or an office word the compound holds ("มาตร|การ")
        inside: set[int] = set()
        for start, end in self._protected_spans(text):
            if end - start < len(text):
                inside.update(range(start + 1, end))
        return [p for p in out if p not in inside]


@lru_cache(maxsize=16)
def _breaker_for(words: frozenset[str]) -> LineBreaker:
    return LineBreaker(words)


def line_breaker(office_words: Iterable[str] = ()) -> LineBreaker:
    """The breaker for this set of office words (one per distinct set, kept while in use)."""
    return _breaker_for(frozenset(w.strip() for w in office_words if w and w.strip()))


def break_opportunities(text: str) -> bytearray:
    """``LineBreaker.break_opportunities`` with no office words."""
    return line_breaker().break_opportunities(text)


def is_protected(word: str) -> bool:
    """``LineBreaker.is_protected`` with no office words."""
    return line_breaker().is_protected(word)


def is_soft_compound(token: str) -> bool:
    """``LineBreaker.is_soft_compound`` with no office words."""
    return line_breaker().is_soft_compound(token)


def split_long(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """``LineBreaker.split_long`` with no office words."""
    return line_breaker().split_long(text)


def _tokenize(text: str, trie: SortedWords | _LayeredWords) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    # SortedWords answers what newmm asks of its Trie (see wordlists.SortedWords)
    return word_tokenize(
        text,
        custom_dict=trie,  # type: ignore[arg-type]
        engine="newmm",
        keep_whitespace=True,
    )


_THAI = "\u0e00-\u0e7f"
_THAI_LETTER = re.compile("[\u0e01-\u0e4f]")
_THAI_WORD = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]+")  # letters and marks, no digits
_DIGIT = "0-9\u0e50-\u0e59"
#: A number: digit groups joined by , . : / - or an en dash (5,000; ๙๙.๖๖; 1/10/2568; ๑–๒).
_NUMBER = rf"[{_DIGIT}]+(?:[,.:/\-\u2013][{_DIGIT}]+)*"
#: A Thai abbreviation: one or more dotted parts (พ.ศ., ต.ค., ป.ป.ช., ม.).
_ABBREVIATION = r"(?:[เแโใไ]?[ก-ฮ][ก-ฮ\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{0,3}\.)+"
_PROTECTED = re.compile(
    "|".join(
        [
            r"(?:https?://|ftp://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]",  # URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
            # Thai abbreviations: two or more dotted parts (ป.ป.ช., พ.ศ., เม.ย., พ.จ.อ.)
            # with any digits glued to them (พ.ศ.๒๕๖๙).
            rf"(?:[เแโใไ]?[ก-ฮ][ก-ฮ\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{{0,3}}\.){{2,}}[{_DIGIT}]*",
            # numbers; phone-like groups with single spaces
            rf"{_NUMBER}(?: [{_DIGIT}]+(?:[\-][{_DIGIT}]+)*)*(?=[^{_DIGIT}]|$)",
            r"[A-Za-z][A-Za-z0-9'’_\-]*[A-Za-z0-9]|[A-Za-z]",  # Latin words and codes (O11)
            rf"[{_DIGIT}]+[A-Za-z]+[A-Za-z0-9]*",  # codes starting with digits (2A, 3G)
        ]
    )
)


def _either(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: Words that introduce a number and stay with it across a space ("ข้อ ๑", "ร้อยละ ๙๕").
#: "ที่" covers every ordinal: ประเด็นที่ ๑, ตัวชี้วัดที่ ๒, วันที่ ๓๐, ครั้งที่ ๒, หมู่ที่ ๕.
NUMBER_WORDS = ("ข้อ", "ที่", "ร้อยละ", "ไตรมาส", "รอบ", "ปี", "มาตรา", "ฉบับ", "หมู่", "ลำดับ", "หน้า")
#: What a number word or abbreviation keeps with it: a number or an item code (O11, i16).
_NUMBER_OR_CODE = rf"(?:{_NUMBER}|[A-Za-z]{{1,2}}[0-9]+)"

#: Glue: no line break inside a match (the match may start and end at a break).
GLUE_PATTERNS: tuple[str, ...] = (
    # an abbreviation and its number: พ.ศ. ๒๕๖๖, พ.ศ. 2566, ค.ศ. 2023, ต.ค. ๖๘, ม. ๓
    rf"{_ABBREVIATION} +{_NUMBER}",
    # a word that introduces a number: ข้อ ๑, ข้อ O11, ร้อยละ ๙๕, ไตรมาส ๑–๒, ประเด็นที่ ๑
    rf"(?:{_either(NUMBER_WORDS)}) +{_NUMBER_OR_CODE}",
    # ...and the ordinal ที่ stays with the word it numbers: ประเด็นที่ ๑, ครั้งที่ ๒
    rf"\Sที่ +{_NUMBER_OR_CODE}",
    # dates: the day with its month, the month with its year: ๓๑ มีนาคม ๒๕๖๙, ๑ ต.ค. ๖๘
    rf"(?<![{_DIGIT}])[{_DIGIT}]{{1,2}} +(?:{_either(THAI_MONTHS_FULL + THAI_MONTHS_ABBR)})",
    rf"(?:{_either(THAI_MONTHS_FULL)}) +{_NUMBER}",
    # a list number and the first word of its item: "๑) จัดประชุม", "(2) ...", "3. ..."
    rf"(?:^|(?<=\s))\(?[{_DIGIT}]{{1,3}}[.)] +\S",
    # an abbreviation and the name it shortens, written without a space: อ.เมือง, อบต.ท้ายหาด
    r"(?<=[ก-ฮ])\.[เแโใไ]?[ก-ฮ]",
)
# one regex each: matches of different patterns overlap ("๑ ต.ค." and "ต.ค. ๖๘")
_GLUE = tuple(re.compile(p) for p in GLUE_PATTERNS)

#: White space that is not a break opportunity: no-break space, narrow no-break space,
#: figure space; and the invisible joiners (word joiner, zero-width no-break space).
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")
_JOINERS = frozenset("\u2060\ufeff")
_NO_BREAK_BEFORE = frozenset(")]},.;:!?%ๆฯ’”»…\u2013\u2014\u0e2f\u0e46")
_NO_BREAK_AFTER = frozenset("([{‘“«")
_QUOTES = frozenset("\"'")


def _is_break_space(ch: str) -> bool:
    return ch.isspace() and ch not in NO_BREAK_SPACES


#: A run of more than this many characters with no white space (a pasted 100 KB word, a
#: runaway URL) is hard-broken into pieces of at most this many characters; each piece is
#: judged on its own and a line may break between pieces. Keeps the segmenter and the rules
#: linear in the length of such a run (they cost the square of it), and lets line filling
#: shape pieces instead of the whole run for every line.
HARD_BREAK_CHARS = 500
_LONG_RUN = re.compile(rf"\S{{{HARD_BREAK_CHARS + 1},}}")
_KEEP_WITH_NEXT_CHAR = frozenset("\u200d\u0e40\u0e41\u0e42\u0e43\u0e44")  # ZWJ, เ แ โ ใ ไ


def _breaks_with_hard_breaks(
    text: str, segmenter_trie: Callable[[], SortedWords | _LayeredWords]
) -> bytes:
    """``_compute_breaks`` of ``text``, with every run longer than :data:`HARD_BREAK_CHARS`
    and no white space cut into pieces first (never inside a cluster: not before a mark,
    not after a joiner or a leading vowel); a break is allowed at each cut."""
    cuts: list[int] = []
    for run in _LONG_RUN.finditer(text):
        position = run.start() + HARD_BREAK_CHARS
        while position < run.end():
            safe = next(
                (
                    p
                    for p in range(position, min(position + 32, run.end()))
                    if not is_combining(text[p]) and text[p - 1] not in _KEEP_WITH_NEXT_CHAR
                ),
                None,
            )
            if safe is None:
                break  # a run of marks: nothing to cut between
            cuts.append(safe)
            position = safe + HARD_BREAK_CHARS
    if not cuts:
        return _compute_breaks(text, segmenter_trie)
    ok = bytearray(len(text) + 1)
    for start, end in pairwise((0, *cuts, len(text))):
        piece = _compute_breaks(text[start:end], segmenter_trie)
        ok[start + 1 : end] = piece[1 : end - start]
    for cut in cuts:
        ok[cut] = 1  # the hard breaks
    return bytes(ok)


def _compute_breaks(text: str, segmenter_trie: Callable[[], SortedWords | _LayeredWords]) -> bytes:
    """Break opportunities of ``text``; ``segmenter_trie()`` gives the dictionary (asked only
    for text with Thai letters)."""
    n = len(text)
    ok = bytearray(n + 1)
    if n == 0:
        return bytes(ok)
    if _THAI_LETTER.search(text):
        trie = segmenter_trie()
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
        if c.isspace() or c in _JOINERS:
            ok[i] = 0  # break after the spaces, never before them
        elif p in NO_BREAK_SPACES or p in _JOINERS:
            ok[i] = 0  # the segmenter treats a no-break space as a space: undo that
        elif _is_break_space(p):
            ok[i] = 1
        if is_combining(c):
            ok[i] = 0
    for pattern in (_PROTECTED, *_GLUE):
        for m in pattern.finditer(text):
            ok[m.start() + 1 : m.end()] = bytes(m.end() - m.start() - 1)
    for i in range(1, n):
        c, p = text[i], text[i - 1]
        if c in _NO_BREAK_BEFORE or p in _NO_BREAK_AFTER:
            ok[i] = 0
        elif c in _QUOTES and (i + 1 >= n or _is_break_space(text[i + 1])):
            ok[i] = 0  # a closing quote stays with its word
        elif p in _QUOTES and (i - 2 < 0 or _is_break_space(text[i - 2])):
            ok[i] = 0  # an opening quote stays with its word
        elif c == "." and not _is_break_space(p):
            ok[i] = 0
        if p.isspace() and c in "ๆฯ":
            ok[i] = 0  # keep "อื่น ๆ" together: ๆ never starts a line
    ok[0] = 0
    return bytes(ok)


#: Levels of ``split_long`` that break between words (fine at the end of a filled line);
#: the others break inside a word and are used only for a token that starts its own line.
WORD_LEVELS = frozenset({"spaces", "words", "url"})


def _compute_split_long(
    text: str, subwords: Callable[[str], Iterable[int]]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Break positions inside a token too wide for a line, as ``(level, positions)`` in order
    of preference: "spaces" (inside a phone number), "words" (the words of a dictionary
    compound, from ``subwords(text)``), "tcc" (Thai character clusters), "url" (after / . - _
    ? & =), "any" (any grapheme boundary). Positions are sorted indices ``0 < i < len(text)``,
    never before a combining mark (nor, but in "any", before closing punctuation or a dash);
    empty levels are left out."""
    n = len(text)
    if n <= 1:
        return ()

    def clean(ps: Iterable[int], strict: bool = True) -> tuple[int, ...]:
        # strict levels also keep the punctuation rules: "๒๕๖๘ –" never leaves its dash
        # to start the next line
        return tuple(
            sorted(
                {
                    p
                    for p in ps
                    if 0 < p < n
                    and not is_combining(text[p])
                    and not (
                        strict and (text[p] in _NO_BREAK_BEFORE or text[p - 1] in _NO_BREAK_AFTER)
                    )
                }
            )
        )

    levels: list[tuple[str, tuple[int, ...]]] = []
    if " " in text.strip():
        levels.append(
            ("spaces", clean(i for i in range(1, n) if text[i - 1] == " " and text[i] != " "))
        )
    if _THAI_LETTER.search(text):
        from pythainlp.tokenize.tcc_p import tcc_pos

        levels.append(("words", clean(subwords(text))))
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
    levels.append(("any", clean(range(1, n), strict=False)))
    return tuple((name, ps) for name, ps in levels if ps)
