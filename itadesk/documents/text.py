"""The Thai paragraph engine on ReportLab: shaped text, word-aware line breaks, exact copy-out.

Public API
----------
``ThaiStyle``
    Paragraph style (sizes in points; use ``reportlab.lib.units.cm``): ``font_size`` (16),
    ``leading`` (``None`` → ``font_size * LEADING_FACTOR``), ``alignment`` ("left", "center",
    "right", "justify"), ``first_line_indent``, ``left_indent``, ``right_indent``,
    ``hanging_indent`` (lines after the first start this much further right, for numbered
    steps), ``space_before``, ``space_after``, ``bold``, ``italic``, ``underline``,
    ``text_color``, ``font_set`` (``None`` → the bundled Sarabun), ``breaker`` (the
    ``LineBreaker`` with the office's words; ``None`` → none), ``keep_with_next``,
    ``justification`` (how a justified line spreads its spare width, see below),
    ``keep_whole`` (a list item — a step, a check line — that a page or a table row never
    splits, unless it is taller than half a page) and ``row_label`` (a table cell's first
    paragraph that names its row, a measure's title: the row never starts on a page
    without it). A document gets its styles from its
    ``RenderContext.style()``, so both come from the context.
``ThaiParagraph(text, style, markup=True)``
    A flowable. With ``markup`` the text may use ``<b>…</b>``, ``<u>…</u>``, ``<br/>`` and the
    entities ``&lt; &gt; &amp; &quot; &#39;``; anything else, including unknown or unbalanced
    tags, prints literally and never raises. ``"\\n"`` is a line break in both modes.
``escape_markup(text)``
    Escape clerk text before putting it into a markup template.
``thai_table(rows, col_widths, header_rows=1, ..., width=None)``
    A ReportLab ``Table`` whose cells are ``ThaiParagraph``s: cells wrap, header rows repeat on
    every page, and a row taller than the space left splits across pages, only between the
    list items of a cell and never leaving one line alone. ``col_widths=None`` sizes the
    columns from their content over ``width`` (``auto_column_widths``, HTML's automatic
    table layout).
``auto_column_widths(rows, width, ...)`` / ``content_widths(cell)``
    Column widths from each column's least and preferred content width.
``draw_text(canvas, x, y, text, ...)``
    One line of shaped text at a baseline (page numbers, headers).
``LEADING_FACTOR``
    Scale on the font's own line height that matches LibreOffice Writer's single spacing.
``single_line_height(font_size, font_set=None)``
    Single spacing for a size in the given family (the bundled one when ``None``).

Justification (``alignment="justify"``; the last line of a paragraph is never stretched):
``Justification.THAI_DISTRIBUTED`` (the default, Word's "Thai Distributed") spreads the spare
width evenly over the gaps between the Thai character clusters of the line (``tcc_pos``) and
its spaces; Latin words and numbers keep their own letter spacing and spaces never shrink. A
gap inside a word gets at most 0.7 of the font's space (``INNER_GAP_CAP``) when the line has
word gaps to take the rest, and never more than a space: a line of one word that would need
more is letter-spaced that far and ends short of the margin. ``Justification.WORD_GAPS``
gives word gaps ``WORD_GAP_WEIGHT`` times the share of a gap between clusters (the engine's
earlier look). Both only move glyphs: the text a
reader copies is the source, with no spaces added.

How text is drawn (why it extracts exactly): every run is shaped by HarfBuzz (``shaping.py``);
each cluster (consonant + vowels + tone marks) becomes one PDF text glyph whose ToUnicode text
is the whole cluster and whose PDF width is the cluster's advance; the cluster's other glyphs
(marks, the nikhahit and sara aa of ำ, …) are drawn as vector outlines from a form XObject per
glyph, at the positions HarfBuzz gave (mark-to-base, mark-to-mark). Text extractors therefore
see one box per cluster in reading order; each word is also wrapped in a ``/Span`` with
``/ActualText`` for viewers that prefer it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable, Table, TableStyle

from itadesk.documents.fonts import FontSet, bundled_fonts, engine_font
from itadesk.documents.linebreak import WORD_LEVELS, LineBreaker, line_breaker
from itadesk.documents.shaping import Unit, font_metrics, glyph_path, shape
from itadesk.domain.documents import Justification
from itadesk.domain.validation import strip_bidi

__all__ = [
    "LEADING_FACTOR",
    "ThaiParagraph",
    "ThaiStyle",
    "ThaiTable",
    "auto_column_widths",
    "content_widths",
    "draw_text",
    "escape_markup",
    "mark_for_contents",
    "parse_markup",
    "single_line_height",
    "thai_table",
]

#: Single line spacing = font size x the font's own line height (hhea ascender + descender +
#: line gap, 1.3 em for Sarabun) x this factor. Calibrated with benchmarks/calibrate_leading.py
#: against LibreOffice Writer 7.4 (Debian 12), 16 pt, single spacing, A4 with the memo margins:
#: Sarabun: LibreOffice pitch 20.80 pt, ours 20.80 pt, 34 lines per page for both; TLWG
#: Laksaman (TH SarabunPSK metrics, checked as a clerk's own font) also matches. Using the
#: font's metrics keeps a clerk's TH Sarabun New as tight as it is in Word or Writer.
LEADING_FACTOR = 1.0

#: Whether each line also carries /ActualText with its exact source text (PDFium and poppler
#: then copy the line exactly even where justification widened a gap between Thai words).
ACTUAL_TEXT = True

#: In justified lines a gap between words stretches this many times as much as a gap between
#: two Thai clusters inside a word.
WORD_GAP_WEIGHT = 4.0

#: Thai distributed justification: a gap inside a word gets at most this share of the font's
#: space. Much wider, the clusters of a word read as separate syllables ("แจ้ ง ผ ล"), and
#: at 16 pt it stays under 3 pt, the gap pdfminer (pdfplumber) would copy out as a space; a
#: line with more room than that gives the rest to its word gaps.
INNER_GAP_CAP = 0.7

#: A paragraph styled ``keep_whole`` (a list item) splits only when it is taller than this,
#: about half a landscape page: waiting for a page with room would then waste most of one.
KEEP_WHOLE_MAX = 240.0

#: A canvas with this attribute set is a layout pass (``page.count_pages``): text is laid
#: out and its pages noted, but not drawn.
DRY_RUN = "_itadesk_dry_run"

#: In a table's least column width a phrase or a URL up to this many em counts whole; a
#: longer one counts by its widest word or piece (a column may be narrower than it).
LONG_TOKEN_EM = 6.0
_URL_LIKE = re.compile(r"(?:https?://|ftp://|www\.)|[\w.+-]+@", re.IGNORECASE)

#: A table column whose widest entry on one line is under this share of the table's width
#: gets its entries on one line when the columns are sized by their content.
SHORT_COLUMN = 0.15

#: A dictionary phrase (``linebreak.is_soft_compound``: the commission's full name,
#: ผลการวิเคราะห์) wider than this share of the line may break between its own words at a line
#: end instead of leaving a half-empty line. A word never does: one that fits on a line is
#: never split (สาธารณะ is not สา|ธารณะ); only a token wider than a whole line is cut.
SOFT_COMPOUND = 0.5

Alignment = Literal["left", "center", "right", "justify"]
_ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass(frozen=True)
class ThaiStyle:
    """Paragraph style; lengths in points."""

    font_size: float = 16.0
    leading: float | None = None
    alignment: Alignment = "left"
    first_line_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    hanging_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    text_color: Any = colors.black
    font_set: FontSet | None = None
    keep_with_next: bool = False
    breaker: LineBreaker | None = None
    justification: Justification = Justification.THAI_DISTRIBUTED
    keep_whole: bool = False
    row_label: bool = False

    def __post_init__(self) -> None:
        if self.alignment not in _ALIGNMENTS:
            raise ValueError(f"alignment must be one of {_ALIGNMENTS}, not {self.alignment!r}")

    @property
    def line_height(self) -> float:
        if self.leading is not None:
            return self.leading
        return single_line_height(self.font_size, self.font_set)

    def fonts(self) -> FontSet:
        return self.font_set or bundled_fonts()

    def line_breaker(self) -> LineBreaker:
        return self.breaker or line_breaker()

    def replace(self, **changes: Any) -> ThaiStyle:
        return dataclasses.replace(self, **changes)


def single_line_height(font_size: float, font_set: FontSet | None = None) -> float:
    """Single line spacing in points, as LibreOffice/Word set it for this family."""
    asc, desc, gap = font_metrics((font_set or bundled_fonts()).regular)
    return font_size * (asc + desc + gap) / 1000.0 * LEADING_FACTOR


# --------------------------------------------------------------------------- markup


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    bold: bool = False
    underline: bool = False


_MARKUP = re.compile(
    r"<(?P<close>/?)(?P<tag>[bBuU])\s*>|<[bB][rR]\s*/?\s*>|&(?P<ent>lt|gt|amp|quot|apos|#39);"
)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'", "#39": "'"}


def escape_markup(text: str) -> str:
    """Escape ``& < >`` so that ``text`` prints literally inside a markup template."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_markup(text: str, *, markup: bool = True) -> list[Span]:
    """Split ``text`` into styled spans; a line break is a span ``"\\n"``. Never raises."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    if not markup:
        return [Span(text)] if text else []
    out: list[Span] = []
    bold = under = 0
    # Closing tags only count when a matching tag is open; compute which opening tags close.
    pos = 0
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Span("".join(buf), bold > 0, under > 0))
            buf.clear()

    opens = _balanced_opens(text)
    for m in _MARKUP.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        if m.group("ent"):
            buf.append(_ENTITIES[m.group("ent")])
            continue
        tag = m.group("tag")
        if tag is None:  # <br/>
            flush()
            out.append(Span("\n"))
            continue
        tag = tag.lower()
        closing = bool(m.group("close"))
        if not closing and m.start() not in opens:
            buf.append(m.group(0))  # never closed: literal
            continue
        if closing and m.start() not in opens:
            buf.append(m.group(0))  # closes nothing: literal
            continue
        flush()
        delta = -1 if closing else 1
        if tag == "b":
            bold += delta
        else:
            under += delta
    buf.append(text[pos:])
    flush()
    return [s for s in out if s.text]


def _balanced_opens(text: str) -> set[int]:
    """Start offsets of the <b>/<u> tags (opening and closing) that form matched pairs."""
    stacks: dict[str, list[int]] = {"b": [], "u": []}
    matched: set[int] = set()
    for m in _MARKUP.finditer(text):
        tag = m.group("tag")
        if tag is None:
            continue
        tag = tag.lower()
        if m.group("close"):
            if stacks[tag]:
                matched.add(stacks[tag].pop())
                matched.add(m.start())
        else:
            stacks[tag].append(m.start())
    return matched


# --------------------------------------------------------------------------- layout model


@dataclass(slots=True)
class _Piece:
    """Shaped units of one style within a token."""

    font: str
    size: float
    underline: bool
    units: tuple[Unit, ...]
    text: str

    @property
    def width(self) -> float:
        return sum(u.advance for u in self.units) * self.size / 1000.0


@dataclass(slots=True)
class _Token:
    start: int
    text: str
    pieces: list[_Piece]
    width: float  # without trailing spaces
    trail: float  # trailing spaces


@dataclass(slots=True)
class _Line:
    tokens: list[_Token]
    last: bool = False  # last line of a paragraph or before a forced break
    start: int = 0  # char offset of the line in the paragraph text
    end: int = 0

    @property
    def width(self) -> float:
        if not self.tokens:
            return 0.0
        return sum(t.width + t.trail for t in self.tokens) - self.tokens[-1].trail


@dataclass(slots=True)
class _Chars:
    """The paragraph's text with one style per character."""

    text: str
    bold: list[bool] = field(default_factory=list)
    under: list[bool] = field(default_factory=list)

    @classmethod
    def from_spans(cls, spans: Sequence[Span], style: ThaiStyle) -> _Chars:
        parts, bold, under = [], [], []
        for s in spans:
            parts.append(s.text)
            bold.extend([s.bold or style.bold] * len(s.text))
            under.extend([s.underline or style.underline] * len(s.text))
        return cls("".join(parts), bold, under)

    def slice(self, a: int, b: int) -> _Chars:
        return _Chars(self.text[a:b], self.bold[a:b], self.under[a:b])


def _make_token(chars: _Chars, a: int, b: int, style: ThaiStyle, fonts: FontSet) -> _Token:
    text = chars.text[a:b]
    pieces: list[_Piece] = []
    i = a
    while i < b:
        j = i + 1
        while j < b and chars.bold[j] == chars.bold[i] and chars.under[j] == chars.under[i]:
            j += 1
        font = fonts.name_for(bold=chars.bold[i], italic=style.italic)
        seg = chars.text[i:j]
        pieces.append(_Piece(font, style.font_size, chars.under[i], shape(font, seg), seg))
        i = j
    trail = 0.0
    # trailing spaces hang at the end of a line
    for p in reversed(pieces):
        k = len(p.units)
        while k and p.units[k - 1].is_space:
            k -= 1
        trail += sum(u.advance for u in p.units[k:]) * p.size / 1000.0
        if k:
            break
    width = sum(p.width for p in pieces) - trail
    return _Token(a, text, pieces, width, trail)


#: A paragraph's text cut at its break opportunities and shaped: per hard-break segment, its
#: start, end and tokens. It depends on the text and the style, never on the width, so a
#: paragraph computes it once however many widths it is laid out at (a table balancing its
#: columns tries dozens).
_Segments = list[tuple[int, int, list[_Token]]]


def _tokenize(chars: _Chars, style: ThaiStyle) -> _Segments:
    fonts = style.fonts()
    breaker = style.line_breaker()
    text = chars.text
    # hard line breaks split the paragraph into independent segments
    seg_start = 0
    bounds: list[tuple[int, int]] = []
    for m in re.finditer("\n", text):
        bounds.append((seg_start, m.start()))
        seg_start = m.end()
    bounds.append((seg_start, len(text)))
    segments: _Segments = []
    for a, b in bounds:
        ok = breaker.break_opportunities(text[a:b])
        cuts = [0] + [i for i in range(1, b - a) if ok[i]] + [b - a]
        tokens = [
            _make_token(chars, a + x, a + y, style, fonts)
            for x, y in itertools.pairwise(cuts)
            if y > x
        ]
        segments.append((a, b, tokens))
    return segments


def _layout(
    chars: _Chars,
    style: ThaiStyle,
    first_width: float,
    rest_width: float,
    segments: _Segments | None = None,
) -> list[_Line]:
    """Greedy line filling over break opportunities with shaped widths (``segments``: the
    paragraph's tokens when already made)."""
    fonts = style.fonts()
    breaker = style.line_breaker()
    if segments is None:
        segments = _tokenize(chars, style)
    lines: list[_Line] = []

    def width_for(n: int) -> float:
        return first_width if n == 0 else rest_width

    eps = 0.01
    for a, b, tokens in segments:
        line = _Line([], start=a)
        used = 0.0
        queue = list(tokens)
        while queue:
            tok = queue.pop(0)
            cap = width_for(len(lines))
            need = tok.width if not line.tokens else used + tok.width
            if need <= cap + eps:
                line.tokens.append(tok)
                used = need + tok.trail
                continue
            room = cap - used if line.tokens else cap
            if (
                tok.width > width_for(len(lines) + 1) + eps
                or not line.tokens
                or (tok.width > SOFT_COMPOUND * cap and breaker.is_soft_compound(tok.text))
            ):
                # Too wide for any line: split it at sub-word / cluster boundaries, filling
                # the current line first.
                head, tail = _split_token(chars, tok, room, style, fonts, force=not line.tokens)
                if head is not None:
                    line.tokens.append(head)
                    queue.insert(0, tail)
                    line.end = head.start + len(head.text)
                    lines.append(line)
                    line = _Line([], start=tail.start)
                    used = 0.0
                    continue
            if not line.tokens:
                # a single cluster wider than the line: it cannot be broken, let it overflow
                line.tokens.append(tok)
                used = tok.width + tok.trail
                continue
            # start a new line with this token
            line.end = line.tokens[-1].start + len(line.tokens[-1].text) if line.tokens else a
            lines.append(line)
            line = _Line([], start=tok.start)
            used = 0.0
            queue.insert(0, tok)
        line.last = True
        line.end = b
        lines.append(line)
    return lines


def _split_token(
    chars: _Chars, tok: _Token, room: float, style: ThaiStyle, fonts: FontSet, force: bool
) -> tuple[_Token | None, _Token]:
    """Split ``tok`` so the head fits in ``room``; with ``force`` a head of at least one
    cluster is returned even when it does not fit (a cluster cannot be broken)."""
    best: _Token | None = None
    best_p = 0
    levels = style.line_breaker().split_long(tok.text.rstrip())
    # Filling the rest of a line, only break between the words of a compound; a token that
    # starts its own line may also break between character clusters.
    usable = [ps for name, ps in levels if force or name in WORD_LEVELS]
    for positions in usable:
        lo, hi = 0, len(positions) - 1
        # widths grow with the position: binary search the last position that fits
        while lo <= hi:
            mid = (lo + hi) // 2
            p = positions[mid]
            head = _make_token(chars, tok.start, tok.start + p, style, fonts)
            if head.width <= room + 0.01:
                best, best_p = head, p
                lo = mid + 1
            else:
                hi = mid - 1
        if best is not None:
            break
    if best is None:
        if not force or not levels:
            return None, tok
        best_p = levels[-1][1][0]
        best = _make_token(chars, tok.start, tok.start + best_p, style, fonts)
    tail = _make_token(chars, tok.start + best_p, tok.start + len(tok.text), style, fonts)
    return best, tail


# --------------------------------------------------------------------------- drawing


def _is_thai_unit(u: Unit) -> bool:
    return "\u0e00" <= u.text[0] <= "\u0e7f"


def _is_thai_letter(u: Unit) -> bool:
    """A Thai consonant or vowel cluster (not a Thai digit, ฯ or ๆ)."""
    c = u.text[0]
    return "\u0e01" <= c <= "\u0e2e" or "\u0e30" <= c <= "\u0e45"


def _fill_op(color: Any) -> str:
    c = colors.toColor(color)
    r, g, b = c.red, c.green, c.blue
    return f"{r:.3f} {g:.3f} {b:.3f} rg {r:.3f} {g:.3f} {b:.3f} RG"


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _glyph_form(canv, font: str, gid: int) -> str:
    """Name of the form XObject drawing glyph ``gid`` of ``font`` (defined once per PDF)."""
    doc = canv._doc
    forms = doc.__dict__.setdefault("_itadesk_glyph_forms", set())
    name = f"G{gid}-{font}"  # stable across runs (invariant PDFs)
    if name not in forms:
        path, (x0, y0, x1, y1) = glyph_path(font, gid)
        form = pdfdoc.PDFFormXObject(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
        form.setStreamList([path])
        form.compression = canv._pageCompression
        doc.addForm(name, form)
        forms.add(name)
    return name


def _fmt(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


class _Emitter:
    """Writes shaped runs as PDF operators into a canvas's content stream."""

    def __init__(self, canv) -> None:
        self.canv = canv
        self.doc = canv._doc
        self.text_ops: list[str] = []
        self.after: list[str] = []
        self.tj: list[str] = []
        self.cur_font: tuple[str, int, float] | None = None
        self.pen_x = 0.0
        self.line_y = 0.0
        self.rise = 0.0
        self.positioned = False

    def _flush_tj(self) -> None:
        if self.tj:
            self.text_ops.append("[" + " ".join(self.tj) + "] TJ")
            self.tj = []

    def run(
        self,
        font_name: str,
        size: float,
        units: Sequence[Unit],
        xs: Sequence[float],
        y: float,
        actual_text: str | None,
    ) -> None:
        """Draw ``units`` with unit origins at ``xs`` on baseline ``y``."""
        if not units:
            return
        font = engine_font(font_name)
        carriers = "".join(font.carrier(u.glyphs[0].gid, u.text, u.advance) for u in units)
        k = size / 1000.0
        if actual_text is not None:
            self._flush_tj()
            self.text_ops.append(f"/Span <</ActualText {_actual_text(actual_text)}>> BDC")
        i = 0
        for subset, data in font.splitString(carriers, self.doc):
            key = (font_name, subset, size)
            if key != self.cur_font:
                self._flush_tj()
                name = font.getSubsetInternalName(subset, self.doc)
                self.text_ops.append(f"{name} {_fmt(size)} Tf")
                self.cur_font = key
            for byte in data:
                u = units[i]
                g = u.glyphs[0]
                tx = xs[i] + g.x * k
                if not self.positioned or y != self.line_y:
                    # a new line (or the first glyph): set the text matrix at the glyph
                    self._flush_tj()
                    self.text_ops.append(f"1 0 0 1 {_fmt(tx)} {_fmt(y)} Tm")
                    self.pen_x, self.line_y, self.positioned = tx, y, True
                rise = g.y * k
                if rise != self.rise:
                    self._flush_tj()
                    self.text_ops.append(f"{_fmt(rise)} Ts")
                    self.rise = rise
                dx = tx - self.pen_x
                if abs(dx) > 0.0005:
                    self.tj.append(_fmt(-dx * 1000.0 / size))
                self.tj.append(f"<{byte:02X}>")
                self.pen_x = tx + round(u.advance) * k
                for mg in u.glyphs[1:]:
                    name = _glyph_form(self.canv, font_name, mg.gid)
                    xname = self.doc.getXObjectName(name)
                    self.canv._formsinuse.append(name)
                    self.after.append(
                        f"q {_fmt(k)} 0 0 {_fmt(k)} {_fmt(xs[i] + mg.x * k)} "
                        f"{_fmt(y + mg.y * k)} cm /{xname} Do Q"
                    )
                i += 1
        if actual_text is not None:
            self._flush_tj()
            self.text_ops.append("EMC")

    def begin_span(self, actual_text: str) -> None:
        self._flush_tj()
        self.text_ops.append(f"/Span <</ActualText {_actual_text(actual_text)}>> BDC")

    def end_span(self) -> None:
        self._flush_tj()
        self.text_ops.append("EMC")

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.after.append(f"{_fmt(x)} {_fmt(y)} {_fmt(w)} {_fmt(h)} re f")

    def finish(self, color: Any) -> None:
        self._flush_tj()
        if self.rise:
            self.text_ops.append("0 Ts")
        if not self.text_ops and not self.after:
            return
        out = ["q", _fill_op(color)]
        if self.text_ops:
            out += ["BT", *self.text_ops, "ET"]
        out += self.after
        out.append("Q")
        self.canv._code.append("\n".join(out))


def _underline_geometry(font_name: str, size: float) -> tuple[float, float]:
    face = engine_font(font_name).face
    upm = float(getattr(face, "unitsPerEm", 1000) or 1000)  # post table values are raw
    pos = getattr(face, "underlinePosition", -75) or -75
    thick = getattr(face, "underlineThickness", 50) or 50
    return pos * size / upm, max(thick * size / upm, 0.5)


def _spread_word_gaps(
    units: Sequence[tuple[_Piece, Unit, int]], slack: float, extra: list[float]
) -> float:
    """``Justification.WORD_GAPS``: word gaps take WORD_GAP_WEIGHT shares, gaps between Thai
    clusters of a word one share each. Writes ``extra``; returns the width given out."""
    word_gaps = [i for i in range(1, len(units)) if units[i][2] != units[i - 1][2]]
    cluster_gaps = [
        i
        for i in range(1, len(units))
        if units[i][2] == units[i - 1][2]
        and _is_thai_unit(units[i][1])
        and _is_thai_unit(units[i - 1][1])
        and not units[i][1].is_space
        and not units[i - 1][1].is_space
    ]
    if not word_gaps and not cluster_gaps:
        # one Latin word or URL piece fills the line: letter-space it rather than leave
        # the only ragged line of a justified paragraph
        cluster_gaps = list(range(1, len(units)))
    total = WORD_GAP_WEIGHT * len(word_gaps) + len(cluster_gaps)
    if not total:
        return 0.0
    share = slack / total
    for i in word_gaps:
        extra[i] = WORD_GAP_WEIGHT * share
    for i in cluster_gaps:
        extra[i] = share
    return slack


def _distribute(
    units: Sequence[tuple[_Piece, Unit, int]], slack: float, extra: list[float]
) -> float:
    """``Justification.THAI_DISTRIBUTED``: the same share for every gap between Thai
    character clusters and after every space; a gap inside a word (token) gets at most
    INNER_GAP_CAP of a space while word gaps can take the rest, and never more than a space.
    Writes ``extra``; returns the width given out (less than ``slack`` only for a line of
    one word that would need wider gaps: it ends short of the margin)."""
    text = "".join(u.text for _, u, _ in units)
    starts = []
    pos = 0
    for _, u, _ in units:
        starts.append(pos)
        pos += len(u.text)
    clusters = _cluster_starts(text)
    inner: list[int] = []  # gaps inside a word
    outer: list[int] = []  # gaps between words, and widened spaces
    for i in range(1, len(units)):
        before, after = units[i - 1][1], units[i][1]
        if after.is_space:
            continue  # a run of spaces widens once, after its last space
        if before.is_space or units[i][2] != units[i - 1][2]:
            outer.append(i)
        elif _is_thai_letter(before) and _is_thai_letter(after) and starts[i] in clusters:
            inner.append(i)
    if not inner and not outer:
        # one Latin word or URL piece fills the line: letter-space it rather than leave
        # the only ragged line of a justified paragraph
        outer = list(range(1, len(units)))
    count = len(inner) + len(outer)
    if not count:
        return 0.0
    share = slack / count
    space = min(_space_width(p) for p, _, _ in units)
    cap = INNER_GAP_CAP * space
    if share <= cap or not inner:
        for i in (*inner, *outer):
            extra[i] = share
        return slack
    if not outer:
        # one word on the line: letter-spaced up to a space between its clusters, never
        # wider; what is left stays at the line end
        given = min(share, space)
        for i in inner:
            extra[i] = given
        return given * len(inner)
    # more room than the words can take inside them: the rest goes between the words
    for i in inner:
        extra[i] = cap
    rest = (slack - cap * len(inner)) / len(outer)
    for i in outer:
        extra[i] = rest
    return slack


@lru_cache(maxsize=20_000)
def _cluster_starts(text: str) -> frozenset[int]:
    """Offsets where a Thai character cluster (TCC) starts in ``text``."""
    from pythainlp.tokenize.tcc_p import tcc_pos

    return frozenset(tcc_pos(text))


@lru_cache(maxsize=256)
def _space_advance(font: str) -> float:
    units = shape(font, " ")
    return units[0].advance if units else 250.0


def _space_width(piece: _Piece) -> float:
    """The width of a space in this piece's font and size, in points."""
    return _space_advance(piece.font) * piece.size / 1000.0


def _draw_line(
    emitter: _Emitter,
    line: _Line,
    x: float,
    baseline: float,
    width: float,
    alignment: str,
    actual_text: str | None,
    justification: Justification = Justification.THAI_DISTRIBUTED,
) -> None:
    """Place the units of one line and hand them to the emitter."""
    units: list[tuple[_Piece, Unit, int]] = []  # piece, unit, token index
    for ti, tok in enumerate(line.tokens):
        for p in tok.pieces:
            for u in p.units:
                units.append((p, u, ti))
    # drop the spaces that hang at the end of the line
    while units and units[-1][1].is_space:
        units.pop()
    if not units:
        return
    natural = sum(u.advance * p.size / 1000.0 for p, u, _ in units)
    slack = width - natural
    extra = [0.0] * len(units)  # space added before unit i
    if alignment == "justify" and not line.last and slack > 0:
        if justification == Justification.WORD_GAPS:
            slack -= _spread_word_gaps(units, slack, extra)
        else:
            slack -= _distribute(units, slack, extra)
    if alignment == "center":
        x += slack / 2
    elif alignment == "right":
        x += slack
    # positions
    xs: list[float] = []
    cx = x
    for i, (p, u, _) in enumerate(units):
        cx += extra[i]
        xs.append(cx)
        cx += u.advance * p.size / 1000.0
    # runs: consecutive units of one piece, all inside one ActualText span for the line
    if actual_text is not None:
        emitter.begin_span(actual_text)
    i = 0
    n = len(units)
    while i < n:
        p, _, ti = units[i]
        j = i + 1
        while j < n and units[j][0] is p and units[j][2] == ti:
            j += 1
        run_units = [u for _, u, _ in units[i:j]]
        emitter.run(p.font, p.size, run_units, xs[i:j], baseline, None)
        if p.underline:
            pos, thick = _underline_geometry(p.font, p.size)
            x_end = xs[j - 1] + run_units[-1].advance * p.size / 1000.0
            emitter.rect(xs[i], baseline + pos - thick / 2, x_end - xs[i], thick)
        i = j
    if actual_text is not None:
        emitter.end_span()


# --------------------------------------------------------------------------- flowable


_LAYOUTS_KEPT = 16  # widths a paragraph remembers (a table balancing its columns revisits them)


class ThaiParagraph(Flowable):
    """A paragraph of Thai (and Latin, digits) text; see the module docstring."""

    def __init__(
        self,
        text: str,
        style: ThaiStyle | None = None,
        markup: bool = True,
        *,
        _chars: _Chars | None = None,
        _continuation: bool = False,
        _open_end: bool = False,
    ) -> None:
        super().__init__()
        self.style = style or ThaiStyle()
        text = strip_bidi(text)  # no direction overrides in a PDF (stored before input did)
        self.text = text
        self.markup = markup
        self._chars = _chars or _Chars.from_spans(parse_markup(text, markup=markup), self.style)
        self._continuation = _continuation
        self._open_end = _open_end  # the paragraph continues in a split-off tail
        self._lines: list[_Line] | None = None
        self._layout_width: float | None = None
        self._segments: _Segments | None = None
        self._layouts: dict[float, list[_Line]] = {}
        self._content_widths: tuple[float, float] | None = None
        self.spaceBefore = 0.0 if _continuation else self.style.space_before
        self.spaceAfter = self.style.space_after
        self.keepWithNext = self.style.keep_with_next

    def __repr__(self) -> str:
        return f"ThaiParagraph({self._chars.text[:30]!r}…)"

    # geometry -------------------------------------------------------------
    def _indents(self) -> tuple[float, float]:
        """x of the first line and of the following lines."""
        st = self.style
        rest = st.left_indent + st.hanging_indent
        first = rest if self._continuation else st.left_indent + st.first_line_indent
        return first, rest

    def _ensure_layout(self, width: float) -> list[_Line]:
        if self._lines is None or self._layout_width != width:
            lines = self._layouts.get(width)
            if lines is None:
                if self._segments is None:
                    self._segments = _tokenize(self._chars, self.style)
                first, rest = self._indents()
                right = self.style.right_indent
                lines = _layout(
                    self._chars,
                    self.style,
                    width - first - right,
                    width - rest - right,
                    self._segments,
                )
                if self._open_end and lines:
                    lines[-1].last = False  # justified like any inner line
                if len(self._layouts) >= _LAYOUTS_KEPT:
                    self._layouts.pop(next(iter(self._layouts)))
                self._layouts[width] = lines
            self._lines = lines
            self._layout_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._ensure_layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.line_height
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._layout_width is not None and availWidth > self._layout_width:
            # ReportLab's Table splits a cell with the column width, padding included; the
            # cell content was wrapped (and will be drawn) at the narrower content width.
            availWidth = self._layout_width  # noqa: N806
        lines = self._ensure_layout(availWidth)
        lh = self.style.line_height
        fit = int((availHeight + 1e-6) // lh)
        n = len(lines)
        if fit >= n:
            return [self]
        if self.style.keep_whole and n * lh <= KEEP_WHOLE_MAX:
            return []  # a list item (a step, a check line) moves whole
        # never one line alone: at least two lines stay and two go on (a paragraph of two
        # or three lines moves whole)
        fit = min(fit, n - 2)
        if fit < 2:
            return []
        cut = lines[fit].start
        head = self._clone(
            self._chars.slice(0, cut),
            continuation=self._continuation,
            open_end=True,
            style=self.style.replace(space_after=0.0),
        )
        head.spaceBefore = self.spaceBefore
        pass_contents_mark(self, head)
        tail = self._clone(
            self._chars.slice(cut, len(self._chars.text)),
            continuation=True,
            open_end=self._open_end,
            style=self.style,
        )
        tail.keepWithNext = self.keepWithNext
        return [head, tail]

    def _clone(
        self, chars: _Chars, *, continuation: bool, open_end: bool, style: ThaiStyle
    ) -> ThaiParagraph:
        """A paragraph for part of this one's text (used by ``split``)."""
        return ThaiParagraph(
            self.text,
            style,
            self.markup,
            _chars=chars,
            _continuation=continuation,
            _open_end=open_end,
        )

    def baseline_offset(self) -> float:
        """Distance from the top of a line box to its baseline."""
        asc, desc, gap = font_metrics(self.style.fonts().regular)
        # the line gap goes above the ascender, as in LibreOffice
        return self.style.line_height * (gap + asc) / (asc + desc + gap)

    def draw(self) -> None:
        record_page(self, self.canv)
        if getattr(self.canv, DRY_RUN, False):
            return
        lines = self._ensure_layout(self.width)
        st = self.style
        first, rest = self._indents()
        lh = st.line_height
        top = self.height
        base_off = self.baseline_offset()
        em = _Emitter(self.canv)
        for k, line in enumerate(lines):
            x = first if k == 0 else rest
            width = self.width - x - st.right_indent
            text = self._chars.text[line.start : line.end] if ACTUAL_TEXT else None
            _draw_line(
                em, line, x, top - k * lh - base_off, width, st.alignment, text, st.justification
            )
        em.finish(st.text_color)

    # helpers for tests and callers ------------------------------------------
    def line_texts(self, width: float) -> list[str]:
        """The source text of each line when set ``width`` points wide."""
        return [self._chars.text[ln.start : ln.end] for ln in self._ensure_layout(width)]

    def content_widths(self) -> tuple[float, float]:
        """(least, preferred) width for this paragraph, indents included, as HTML's table
        layout measures a cell: the widest piece a line may not break (a word, a code, a
        number), and the widest line when nothing wraps."""
        if self._content_widths is None:
            st = self.style
            first, rest = self._indents()
            fonts, breaker = st.fonts(), st.line_breaker()
            if self._segments is None:
                self._segments = _tokenize(self._chars, st)
            least = widest = 0.0
            for k, (a, b, tokens) in enumerate(self._segments):
                indent = (first if k == 0 else rest) + st.right_indent
                used = last_trail = 0.0
                for n, tok in enumerate(tokens):
                    lead = first if k == 0 and n == 0 else rest
                    piece = tok.width
                    if piece > LONG_TOKEN_EM * st.font_size and (
                        breaker.is_soft_compound(tok.text) or _URL_LIKE.match(tok.text)
                    ):
                        # a long phrase may break between its words, a URL after / . - _,
                        # when the column is narrower
                        piece = self._widest_piece(tok, st, fonts)
                    least = max(least, piece + lead + st.right_indent)
                    used += tok.width + tok.trail
                    last_trail = tok.trail
                if b > a:
                    widest = max(widest, used - last_trail + indent)
            self._content_widths = (least, max(least, widest))
        return self._content_widths

    def _widest_piece(self, tok: _Token, style: ThaiStyle, fonts: FontSet) -> float:
        """The widest of the pieces a long phrase (its words) or a URL (at / . - _) may
        break into."""
        levels = dict(style.line_breaker().split_long(tok.text.rstrip()))
        cuts = levels.get("words") or levels.get("url") or ()
        bounds = [0, *cuts, len(tok.text.rstrip())]
        return max(
            _make_token(self._chars, tok.start + a, tok.start + b, style, fonts).width
            for a, b in itertools.pairwise(bounds)
            if b > a
        )


def draw_text(
    canv,
    x: float,
    y: float,
    text: str,
    *,
    font_size: float = 16.0,
    bold: bool = False,
    align: Literal["left", "center", "right"] = "left",
    color: Any = colors.black,
    font_set: FontSet | None = None,
) -> float:
    """Draw one line of shaped text with its baseline at ``y``; ``x`` is the left edge, the
    centre or the right edge according to ``align``. Returns the text width."""
    fonts = font_set or bundled_fonts()
    font = fonts.name_for(bold=bold)
    text = strip_bidi(text)
    units = shape(font, text)
    if getattr(canv, DRY_RUN, False):
        return sum(u.advance for u in units) * font_size / 1000.0
    widths = [u.advance * font_size / 1000.0 for u in units]
    total = sum(widths)
    if align == "center":
        x -= total / 2
    elif align == "right":
        x -= total
    xs, cx = [], x
    for w in widths:
        xs.append(cx)
        cx += w
    em = _Emitter(canv)
    em.run(font, font_size, units, xs, y, text if ACTUAL_TEXT else None)
    em.finish(color)
    return total


class ThaiTable(Table):
    """ReportLab's Table with the split rules of the documents: a row split inside itself
    leaves at least ``min_part`` points of content on each side (two lines: never one line
    alone at a page's foot or top), and the parts keep the table's horizontal alignment
    (ReportLab centres the parts of a row split inside a row). What may split inside a cell
    is up to its flowables: a list item styled ``keep_whole`` moves whole, other paragraphs
    keep two lines a side."""

    #: content a split-off part of a row must keep, points (``thai_table`` sets two lines)
    min_part = 0.0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        height = availHeight
        step = max(self.min_part / 2, 4.0)
        while len(parts) == 2:
            head_ok, tail_ok = self._parts_keep_enough(parts)
            if head_ok and tail_ok:
                break
            if not head_ok:
                # too little of the row would stay on this page: the row starts overleaf
                self._calc(availWidth, availHeight)
                parts = self._splitRows(availHeight, doInRowSplit=0)
                break
            # too little of the row would go on: split higher up, moving more of it on
            height -= step
            parts = super().split(availWidth, height) if height > 0 else []
        frame = getattr(self, "_frame", None)
        if not parts and frame is not None and getattr(frame, "_atTop", False):
            # at the top of a page nothing is gained by waiting: take any split there is
            keep, self.splitInRow = self.splitInRow, 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = keep
        for part in parts:
            part.hAlign = self.hAlign
            part.min_part = self.min_part
        if parts:
            pass_contents_mark(self, parts[0])
        return parts

    def draw(self) -> None:
        record_page(self, self.canv)
        super().draw()

    def _splitCell(self, value, style, oldHeight, newHeight, width):  # noqa: N803
        result = super()._splitCell(value, style, oldHeight, newHeight, width)
        first = value[0] if isinstance(value, (list, tuple)) and value else value
        if not result and getattr(getattr(first, "style", None), "row_label", False):
            return result  # the row's name does not fit: the row starts overleaf
        if not result and isinstance(value, (list, tuple)) and value:
            # the cell's first item (a step kept whole) does not fit above the split: the
            # cell starts on the next page and the rest of the row need not wait for it
            return ((), tuple(value))
        return result

    def _parts_keep_enough(self, parts: list[Flowable]) -> tuple[bool, bool]:
        """Whether a split inside a row leaves ``min_part`` of the row on this page and on
        the next (a split between rows always does)."""
        head, tail = parts
        if not self.min_part or not isinstance(head, Table) or not isinstance(tail, Table):
            return True, True
        n = len(head._cellvalues) - 1  # the row that would be split
        if n < 0 or n >= len(self._cellvalues) or head._cellvalues[n] is self._cellvalues[n]:
            return True, True
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if len(tail._cellvalues) <= repeat:
            return True, True
        least = self.min_part - 0.01
        return (
            _row_content_height(head._cellvalues[n], self._colWidths) >= least,
            _row_content_height(tail._cellvalues[repeat], self._colWidths) >= least,
        )


def mark_for_contents(flowable: Flowable, sink: dict, key: str) -> Flowable:
    """Have ``flowable`` (a paragraph, a table) note in ``sink[key]`` the page it starts on
    when it is drawn (for a table of contents); the first part of a split keeps the mark."""
    flowable.contents_sink = sink  # type: ignore[attr-defined]
    flowable.contents_key = key  # type: ignore[attr-defined]
    return flowable


def pass_contents_mark(source: Flowable, head: Flowable) -> None:
    """The mark of ``source`` (see ``mark_for_contents``) goes to the first part of it."""
    sink = getattr(source, "contents_sink", None)
    if sink is not None:
        mark_for_contents(head, sink, source.contents_key)  # type: ignore[attr-defined]


def record_page(flowable: Flowable, canv) -> None:
    sink = getattr(flowable, "contents_sink", None)
    if sink is not None and flowable.contents_key not in sink:  # type: ignore[attr-defined]
        sink[flowable.contents_key] = canv.getPageNumber()  # type: ignore[attr-defined]


def _row_content_height(row: Sequence[Any], widths: Sequence[float]) -> float:
    """The tallest cell content of a row (flowables wrapped at their column's width)."""
    tallest = 0.0
    for cell, width in zip(row, widths, strict=False):
        items = list(cell) if isinstance(cell, (list, tuple)) else [cell]
        height = 0.0
        for item in items:
            if isinstance(item, Flowable):
                height += item.wrap(width, 1e6)[1] + item.getSpaceBefore()
        tallest = max(tallest, height)
    return tallest


def content_widths(cell: Any) -> tuple[float, float]:
    """(least, preferred) width of a table cell's content: a flowable's own
    ``content_widths()`` (a paragraph, a block), the widest of a list of flowables, or the
    width another flowable asks for."""
    if isinstance(cell, (list, tuple)):
        widths = [content_widths(item) for item in cell]
        return max((w[0] for w in widths), default=0.0), max((w[1] for w in widths), default=0.0)
    if cell is None or isinstance(cell, str):
        return 0.0, 0.0
    measure = getattr(cell, "content_widths", None)
    if measure is not None:
        return measure()
    width = float(cell.wrap(1e6, 1e6)[0]) if isinstance(cell, Flowable) else 0.0
    width = width if width < 1e5 else 0.0
    return width, width


def auto_column_widths(
    rows: Sequence[Sequence[Any]],
    width: float,
    *,
    padding: float = 4.0,
    fixed: Sequence[float | None] | None = None,
    skip_rows: Sequence[int] = (),
    nowrap_rows: Sequence[int] = (),
    least_share: float = 0.35,
) -> list[float]:
    """Column widths that fill ``width``, from each column's least width (its widest
    unbreakable piece) and preferred width (its widest cell set on one line), padding
    included, as HTML's automatic table layout measures them. Every column gets its least.
    When every column can have its preferred width, the width left over is shared in
    proportion to the preferred widths (as HTML does). Otherwise the rest is shared so that
    the table comes out as short as it can (``_balance``): HTML would share it in proportion
    to the preferred widths, which leaves a column of long text narrow while the whole table
    grows tall. ``fixed`` gives some columns a width of their
    own; ``skip_rows`` are rows whose cells span columns (headings); ``nowrap_rows`` (the
    column headers) break only at their own line breaks. No least width counts
    for more than ``least_share`` of the table: a long URL then breaks rather than squeeze
    the other columns."""
    columns = max((len(r) for r in rows), default=0)
    least = [0.0] * columns
    preferred = [0.0] * columns
    skip = set(skip_rows)
    nowrap = set(nowrap_rows)
    for r, row in enumerate(rows):
        if r in skip:
            continue
        for c, cell in enumerate(row):
            lo, hi = content_widths(cell)
            if r in nowrap:
                lo = hi  # a header breaks only where it says (<br/>)
            least[c] = max(least[c], lo + 2 * padding)
            preferred[c] = max(preferred[c], hi + 2 * padding)
    cap = least_share * width
    least = [min(lo, cap) for lo in least]
    preferred = [max(hi, lo) for lo, hi in zip(least, preferred, strict=True)]
    fixed = list(fixed or [None] * columns)
    for c, w in enumerate(fixed):
        if w is not None:
            least[c] = preferred[c] = float(w)
    free = [c for c in range(columns) if fixed[c] is None]
    room = width - sum(least)
    if room <= 0 or not free:
        scale = width / sum(least) if sum(least) else 0.0
        return [lo * scale for lo in least]
    wants = sum(preferred[c] - least[c] for c in free)
    if wants >= room:
        body = [row for r, row in enumerate(rows) if r not in skip]
        return _balance(body, least, preferred, free, room, padding)
    out = list(least)
    for c in free:
        out[c] = preferred[c]
    spare = room - wants
    total = sum(preferred[c] for c in free)
    for c in free:
        out[c] += spare * (preferred[c] / total if total else 1 / len(free))
    return out


def _balance(
    rows: Sequence[Sequence[Any]],
    least: list[float],
    preferred: list[float],
    free: list[int],
    room: float,
    padding: float,
) -> list[float]:
    """Share ``room`` points among the ``free`` columns (each between its least and its
    preferred width) so that the table is as short as it can be: the sum over the rows of
    each row's tallest cell, with every cell really set at its width. It starts from a
    column of short entries on one line and the others' shares in proportion to how much
    text each holds, then moves width from one column to another, 24 points at a time down
    to 3, while the table gets shorter."""
    columns = len(least)
    heights: dict[tuple[int, int], list[float]] = {}  # (column, width) -> height per row

    def column_heights(c: int, w: float) -> list[float]:
        key = (c, round(w))
        if key not in heights:
            heights[key] = [_cell_height(row[c], round(w) - 2 * padding) for row in rows]
        return heights[key]

    def table_height(ws: list[float]) -> float:
        per_column = [column_heights(c, ws[c]) for c in range(columns)]
        return sum(max(cells) for cells in zip(*per_column, strict=True))

    volume = [0.0] * columns
    for row in rows:
        for c in free:
            volume[c] += _cell_volume(row[c])
    widths = list(least)
    total_width = sum(least) + room
    # a column of short entries (a unit, a date) gets them on one line, as HTML would
    short = [c for c in free if preferred[c] <= SHORT_COLUMN * total_width]
    if sum(preferred[c] - least[c] for c in short) < room / 2:
        for c in short:
            widths[c] = preferred[c]
    else:
        short = []
    long = [c for c in free if c not in short]
    left = room - sum(widths[c] - least[c] for c in free)
    total_volume = sum(volume[c] for c in long)
    for c in long:
        share = left * (volume[c] / total_volume if total_volume else 1 / len(long))
        widths[c] = min(preferred[c], least[c] + share)
    left = room - sum(widths[c] - least[c] for c in free)
    # what a column could not take (its preferred width reached) goes to the others
    while left > 1e-6:
        open_columns = [c for c in free if widths[c] < preferred[c] - 1e-6]
        if not open_columns:
            break
        each = left / len(open_columns)
        for c in open_columns:
            give = min(each, preferred[c] - widths[c])
            widths[c] += give
            left -= give
    best = table_height(widths)
    for step in (24.0, 12.0, 6.0, 3.0):
        improved = True
        while improved:
            improved = False
            for i in long:
                for j in long:
                    if i == j or widths[i] - step < least[i] or widths[j] + step > preferred[j]:
                        continue
                    trial = list(widths)
                    trial[i] -= step
                    trial[j] += step
                    height = table_height(trial)
                    if height < best - 0.01:
                        widths, best, improved = trial, height, True
    if left > 1e-6:
        total = sum(preferred[c] for c in free)
        for c in free:
            widths[c] += left * preferred[c] / total
    return widths


def _cell_volume(cell: Any) -> float:
    """How much text a cell holds: the length of its paragraphs set on one line each."""
    items = list(cell) if isinstance(cell, (list, tuple)) else [cell]
    return sum(content_widths(item)[1] for item in items if isinstance(item, Flowable))


def _cell_height(cell: Any, width: float) -> float:
    """The height of a cell's content set ``width`` points wide."""
    items = list(cell) if isinstance(cell, (list, tuple)) else [cell]
    total = 0.0
    for k, item in enumerate(items):
        if not isinstance(item, Flowable):
            continue
        total += item.wrap(max(width, 1.0), 1e6)[1] + item.getSpaceAfter()
        if k:
            total += item.getSpaceBefore()
    return total


def _ink_overshoot(style: ThaiStyle) -> tuple[float, float]:
    """How far Thai ink can pass the line box above and below, in points (font bbox)."""
    font = engine_font(style.fonts().regular)
    asc, desc, gap = font_metrics(font.fontName)
    _x0, ymin, _x1, ymax = font.face.bbox  # 1/1000 em
    k = style.font_size / 1000.0
    return max(0.0, ymax - asc - gap) * k, max(0.0, -ymin - desc) * k


HEADER_GREY = colors.Color(0.9, 0.9, 0.9)


def thai_table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float | None] | None,
    header_rows: int = 1,
    *,
    style: ThaiStyle | None = None,
    header_style: ThaiStyle | None = None,
    markup: bool = False,
    padding: float = 4.0,
    grid: bool = True,
    header_background: Any = HEADER_GREY,
    extra_style: Sequence[tuple] = (),
    width: float | None = None,
    auto_skip_rows: Sequence[int] = (),
) -> Table:
    """A table of ``ThaiParagraph`` cells (strings are wrapped; flowables pass through).

    ``col_widths`` ``None`` (or ``None`` for some columns) sizes the columns from their
    content over ``width`` points (``auto_column_widths``; ``auto_skip_rows`` are rows whose
    cells span columns). Header rows repeat on every page; a row taller than the space left is
    split inside the row (ReportLab ``splitInRow``), between the list items of its cells and
    with two lines at least on each side, so long rows continue on the next page."""
    body = style or ThaiStyle()
    head = header_style or body.replace(bold=True, alignment="center")
    data = []
    for r, row in enumerate(rows):
        st = head if r < header_rows else body
        cells = []
        for cell in row:
            if isinstance(cell, Flowable):
                cells.append(cell)
            elif isinstance(cell, (list, tuple)):
                cells.append(list(cell))
            else:
                cells.append(ThaiParagraph("" if cell is None else str(cell), st, markup=markup))
        data.append(cells)
    # Stacked marks (นี้) rise above the line box and lower vowels under ฎ ฏ sink below it;
    # the vertical padding leaves them room inside the cell borders.
    over_top, over_bottom = _ink_overshoot(body)
    cmds: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), max(padding / 2, over_top)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), max(padding / 2, over_bottom)),
        ("FONTNAME", (0, 0), (-1, -1), body.fonts().regular),
    ]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    if header_rows and header_background is not None:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), header_background))
    cmds.extend(extra_style)
    widths = list(col_widths) if col_widths is not None else [None] * len(data[0])
    if any(w is None for w in widths):
        if width is None:
            raise ValueError("thai_table: automatic column widths need the table's width")
        widths = auto_column_widths(
            data,
            width,
            padding=padding,
            fixed=widths,
            skip_rows=auto_skip_rows,
        )
    table = ThaiTable(
        data,
        colWidths=widths,
        repeatRows=header_rows,
        # Split inside the row at the page end first (rows of long Thai text continue on the
        # next page); splitting between rows first made ReportLab put the rest of the table,
        # with a second copy of the header, on the same page.
        splitByRow=0,
        splitInRow=1,
        style=TableStyle(cmds),
        hAlign="LEFT",
    )
    table.min_part = 2 * body.line_height
    return table
