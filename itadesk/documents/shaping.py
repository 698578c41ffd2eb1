"""HarfBuzz shaping for the text engine, cached per (font, text).

``shape(font_name, text)`` returns the text as a tuple of ``Unit``: the smallest pieces a line
may never split (a Thai consonant with its vowels and tone marks, one Latin letter, one space,
or whatever HarfBuzz merged into one cluster, e.g. a ligature). All measures are in 1/1000 em,
so one shaping serves every font size (no hinting is involved in PDF output).

Each unit keeps its glyphs with positions relative to the unit's pen position; ``glyphs[0]`` is
the *carrier*: the glyph drawn as PDF text standing for the whole unit (see ``fonts.py``).
``glyph_path(font_name, gid)`` gives the outline of any glyph as PDF path operators (in 1/1000
em) for the other glyphs of a unit.

State: the HarfBuzz fonts and the shaping results are cached per registered font name, and
font names are derived from the font file's content (``fonts.py``), so these caches hold
immutable facts about one font; they never decide which font a document uses.
"""

from __future__ import annotations

import itertools
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from itadesk.documents.fonts import engine_font

__all__ = [
    "Glyph",
    "Unit",
    "font_metrics",
    "glyph_path",
    "ink_box",
    "is_combining",
    "shape",
    "text_width",
]

# Thai signs that attach to the preceding consonant: MAI HAN-AKAT, SARA AM (spacing, but it
# belongs to its consonant), the upper/lower vowels and PHINTHU, MAITAIKHU..YAMAKKAN.
_THAI_ATTACHING = frozenset([0x0E31, 0x0E33, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])


def is_combining(ch: str) -> bool:
    """True for a character that must stay with the character before it."""
    cp = ord(ch)
    if cp in _THAI_ATTACHING:
        return True
    if cp in (0x200C, 0x200D) or 0xFE00 <= cp <= 0xFE0F:
        return True
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


@dataclass(frozen=True, slots=True)
class Glyph:
    gid: int
    x: float  # origin relative to the unit's pen position, 1/1000 em
    y: float


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    advance: float  # 1/1000 em
    glyphs: tuple[Glyph, ...]  # glyphs[0] is the carrier

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


class _HbFont:
    def __init__(self, font_name: str) -> None:
        ttf = engine_font(font_name)
        data = ttf.data
        self.face = hb.Face(hb.Blob(data))
        self.font = hb.Font(self.face)
        self.scale = 1000.0 / self.face.upem
        self.lock = threading.Lock()  # an hb.Font/Buffer pair is not shared between threads


_hb_fonts: dict[str, _HbFont] = {}
_hb_lock = threading.Lock()


def _hb(font_name: str) -> _HbFont:
    f = _hb_fonts.get(font_name)
    if f is None:
        with _hb_lock:
            f = _hb_fonts.get(font_name)
            if f is None:
                f = _hb_fonts[font_name] = _HbFont(font_name)
    return f


@lru_cache(maxsize=200_000)
def shape(font_name: str, text: str) -> tuple[Unit, ...]:
    """Shape ``text`` (one direction, one font) into unbreakable units."""
    if not text:
        return ()
    f = _hb(font_name)
    with f.lock:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(f.font, buf, {})
        infos = [(i.codepoint, i.cluster) for i in buf.glyph_infos]
        poss = [(p.x_advance, p.x_offset, p.y_offset) for p in buf.glyph_positions]
    s = f.scale
    n = len(text)
    # A unit boundary must be both a HarfBuzz cluster start and a grapheme start of ours.
    hb_starts = {cl for _, cl in infos}
    cuts = [0] + [i for i in range(1, n) if i in hb_starts and not is_combining(text[i])] + [n]
    units: list[Unit] = []
    gi = 0
    pen = 0.0
    for a, b in itertools.pairwise(cuts):
        start_pen = pen
        glyphs: list[Glyph] = []
        spacing: list[bool] = []
        adv = 0.0
        while gi < len(infos) and infos[gi][1] < b:
            gid, _cl = infos[gi]
            xa, xo, yo = poss[gi]
            glyphs.append(Glyph(gid, pen - start_pen + xo * s, yo * s))
            spacing.append(xa > 0)
            pen += xa * s
            adv += xa * s
            gi += 1
        if not glyphs:  # cannot happen with monotone clusters; keep the text anyway
            glyphs.append(Glyph(0, 0.0, 0.0))
        # The carrier: the first spacing glyph (normally the consonant); its PDF box then
        # starts where the unit starts, so extraction orders units correctly.
        ci = next((k for k, sp in enumerate(spacing) if sp), 0)
        if ci:
            glyphs.insert(0, glyphs.pop(ci))
        units.append(Unit(text[a:b], adv, tuple(glyphs)))
    return tuple(units)


def text_width(font_name: str, text: str, size: float) -> float:
    """Shaped width of ``text`` in points."""
    return sum(u.advance for u in shape(font_name, text)) * size / 1000.0


@lru_cache(maxsize=4096)
def ink_box(font_name: str, text: str) -> tuple[float, float, float, float]:
    """The box of the ink of shaped ``text`` as ``(x0, y0, x1, y1)`` in 1/1000 em, from the
    pen's start on the baseline (y up); all zero for text with no ink."""
    boxes = []
    pen = 0.0
    for unit in shape(font_name, text):
        for g in unit.glyphs:
            _ops, (x0, y0, x1, y1) = glyph_path(font_name, g.gid)
            if x1 > x0 and y1 > y0:
                boxes.append((pen + g.x + x0, g.y + y0, pen + g.x + x1, g.y + y1))
        pen += unit.advance
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


class _PathPen:
    """Collects a glyph outline as PDF path operators (quadratics raised to cubics)."""

    def __init__(self, scale: float) -> None:
        self.s = scale
        self.ops: list[str] = []
        self.cur = (0.0, 0.0)

    def _p(self, x: float, y: float) -> str:
        return f"{x * self.s:.1f} {y * self.s:.1f}"

    def moveTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{self._p(*p)} m")
        self.cur = p

    def lineTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{self._p(*p)} l")
        self.cur = p

    def curveTo(self, *pts: tuple[float, float]) -> None:
        c1, c2, p = pts
        self.ops.append(f"{self._p(*c1)} {self._p(*c2)} {self._p(*p)} c")
        self.cur = p

    def qCurveTo(self, *pts: tuple[float, float]) -> None:
        # A TrueType quadratic spline with implied on-curve points between off-curve ones.
        off = list(pts[:-1])
        end = pts[-1]
        start = self.cur
        for i, q in enumerate(off):
            if i < len(off) - 1:
                nxt = off[i + 1]
                p = ((q[0] + nxt[0]) / 2, (q[1] + nxt[1]) / 2)
            else:
                p = end
            c1 = (start[0] + 2 / 3 * (q[0] - start[0]), start[1] + 2 / 3 * (q[1] - start[1]))
            c2 = (p[0] + 2 / 3 * (q[0] - p[0]), p[1] + 2 / 3 * (q[1] - p[1]))
            self.ops.append(f"{self._p(*c1)} {self._p(*c2)} {self._p(*p)} c")
            start = p
        self.cur = end

    def closePath(self) -> None:
        self.ops.append("h")

    def endPath(self) -> None:
        pass


@lru_cache(maxsize=4096)
def glyph_path(font_name: str, gid: int) -> tuple[str, tuple[float, float, float, float]]:
    """PDF path operators (1/1000 em, origin at the glyph origin) and the glyph's bounding box
    ``(x0, y0, x1, y1)`` in the same units."""
    f = _hb(font_name)
    pen = _PathPen(f.scale)
    with f.lock:
        f.font.draw_glyph_with_pen(gid, pen)
        ext = f.font.get_glyph_extents(gid)
    s = f.scale
    if ext is None:
        bbox = (0.0, 0.0, 0.0, 0.0)
    else:
        x0 = ext.x_bearing * s
        y1 = ext.y_bearing * s
        bbox = (x0, y1 + ext.height * s, x0 + ext.width * s, y1)
    return " ".join(pen.ops) + (" f" if pen.ops else ""), bbox


@lru_cache(maxsize=64)
def font_metrics(font_name: str) -> tuple[float, float, float]:
    """(ascender, descender, line gap) of the font's horizontal line metrics in 1/1000 em
    (descender positive): the hhea values LibreOffice uses for single spacing."""
    f = _hb(font_name)
    ext = f.font.get_font_extents("ltr")
    return ext.ascender * f.scale, -ext.descender * f.scale, max(ext.line_gap, 0) * f.scale
