"""Drawing laid-out Thai text as PDF operators: the glyphs, justification, underline, copy-out.

Owns the content-stream side of the text engine: ``draw_line`` (one laid-out line, justified
as its style says), ``draw_text`` (one line of shaped text at a baseline: page numbers,
headers) and the ``Emitter`` that writes shaped runs into a canvas.

Justification (``alignment="justify"``; the last line of a paragraph is never stretched):
``Justification.THAI_DISTRIBUTED`` (the default, Word's "Thai Distributed") spreads the spare
width evenly over the gaps between the Thai character clusters of the line (``tcc_pos``) and
its spaces; Latin words and numbers keep their own letter spacing and spaces never shrink. A
gap inside a word gets at most 0.7 of the font's space (``INNER_GAP_CAP``) when the line has
word gaps to take the rest, and never more than a space: a line of one word that would need
more is letter-spaced that far and ends short of the margin. ``Justification.WORD_GAPS``
gives word gaps ``WORD_GAP_WEIGHT`` times the share of a gap between clusters (the engine's
earlier look). Both only move glyphs: the text a reader copies is the source, with no spaces
added.

How text is drawn (why it extracts exactly): every run is shaped by HarfBuzz (``shaping.py``);
each cluster (consonant + vowels + tone marks) becomes one PDF text glyph whose ToUnicode text
is the whole cluster and whose PDF width is the cluster's advance; the cluster's other glyphs
(marks, the nikhahit and sara aa of ำ, …) are drawn as vector outlines from a form XObject per
glyph, at the positions HarfBuzz gave (mark-to-base, mark-to-mark). Text extractors therefore
see one box per cluster in reading order; each word is also wrapped in a ``/Span`` with
``/ActualText`` for viewers that prefer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from itadesk.documents.fonts import FontSet, bundled_fonts, engine_font
from itadesk.documents.line_layout import Line, Piece
from itadesk.documents.shaping import Unit, glyph_path, shape
from itadesk.domain.documents import Justification
from itadesk.domain.validation import strip_bidi

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


def _glyph_form(canv: Canvas, font: str, gid: int) -> str:
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


class Emitter:
    """Writes shaped runs as PDF operators into a canvas's content stream."""

    def __init__(self, canv: Canvas) -> None:
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
    units: Sequence[tuple[Piece, Unit, int]], slack: float, extra: list[float]
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
    units: Sequence[tuple[Piece, Unit, int]], slack: float, extra: list[float]
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


def _space_width(piece: Piece) -> float:
    """The width of a space in this piece's font and size, in points."""
    return _space_advance(piece.font) * piece.size / 1000.0


def draw_line(
    emitter: Emitter,
    line: Line,
    x: float,
    baseline: float,
    width: float,
    alignment: str,
    actual_text: str | None,
    justification: Justification = Justification.THAI_DISTRIBUTED,
) -> None:
    """Place the units of one line and hand them to the emitter."""
    units: list[tuple[Piece, Unit, int]] = []  # piece, unit, token index
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


def draw_text(
    canv: Canvas,
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
    em = Emitter(canv)
    em.run(font, font_size, units, xs, y, text if ACTUAL_TEXT else None)
    em.finish(color)
    return total
