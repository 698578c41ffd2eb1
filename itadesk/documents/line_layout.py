"""Line filling of the Thai text engine: a paragraph cut into shaped tokens, then into lines.

Owns the layout model (``Chars``: the text with a style per character; ``Token``: a piece
between two break opportunities, shaped by HarfBuzz; ``Line``), cutting a paragraph at its
break opportunities once (``tokenize``; they depend on the text and style, never on the
width) and filling lines at a width (``layout_lines``), splitting a token wider than a line
at the best level ``LineBreaker.split_long`` offers. Nothing here draws.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from itadesk.documents.fonts import FontSet
from itadesk.documents.linebreak import WORD_LEVELS
from itadesk.documents.markup import Span
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import Unit, shape

#: A dictionary phrase (``linebreak.is_soft_compound``: the commission's full name,
#: ผลการวิเคราะห์) wider than this share of the line may break between its own words at a line
#: end instead of leaving a half-empty line. A word never does: one that fits on a line is
#: never split (สาธารณะ is not สา|ธารณะ); only a token wider than a whole line is cut.
SOFT_COMPOUND = 0.5


# --------------------------------------------------------------------------- layout model


@dataclass(slots=True)
class Piece:
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
class Token:
    start: int
    text: str
    pieces: list[Piece]
    width: float  # without trailing spaces
    trail: float  # trailing spaces


@dataclass(slots=True)
class Line:
    tokens: list[Token]
    last: bool = False  # last line of a paragraph or before a forced break
    start: int = 0  # char offset of the line in the paragraph text
    end: int = 0

    @property
    def width(self) -> float:
        if not self.tokens:
            return 0.0
        return sum(t.width + t.trail for t in self.tokens) - self.tokens[-1].trail


@dataclass(slots=True)
class Chars:
    """The paragraph's text with one style per character."""

    text: str
    bold: list[bool] = field(default_factory=list)
    under: list[bool] = field(default_factory=list)

    @classmethod
    def from_spans(cls, spans: Sequence[Span], style: ThaiStyle) -> Chars:
        parts, bold, under = [], [], []
        for s in spans:
            parts.append(s.text)
            bold.extend([s.bold or style.bold] * len(s.text))
            under.extend([s.underline or style.underline] * len(s.text))
        return cls("".join(parts), bold, under)

    def slice(self, a: int, b: int) -> Chars:
        return Chars(self.text[a:b], self.bold[a:b], self.under[a:b])


def make_token(chars: Chars, a: int, b: int, style: ThaiStyle, fonts: FontSet) -> Token:
    text = chars.text[a:b]
    pieces: list[Piece] = []
    i = a
    while i < b:
        j = i + 1
        while j < b and chars.bold[j] == chars.bold[i] and chars.under[j] == chars.under[i]:
            j += 1
        font = fonts.name_for(bold=chars.bold[i], italic=style.italic)
        seg = chars.text[i:j]
        pieces.append(Piece(font, style.font_size, chars.under[i], shape(font, seg), seg))
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
    return Token(a, text, pieces, width, trail)


#: A paragraph's text cut at its break opportunities and shaped: per hard-break segment, its
#: start, end and tokens. It depends on the text and the style, never on the width, so a
#: paragraph computes it once however many widths it is laid out at (a table balancing its
#: columns tries dozens).
Segments = list[tuple[int, int, list[Token]]]


def tokenize(chars: Chars, style: ThaiStyle) -> Segments:
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
    segments: Segments = []
    for a, b in bounds:
        ok = breaker.break_opportunities(text[a:b])
        cuts = [0] + [i for i in range(1, b - a) if ok[i]] + [b - a]
        tokens = [
            make_token(chars, a + x, a + y, style, fonts)
            for x, y in itertools.pairwise(cuts)
            if y > x
        ]
        segments.append((a, b, tokens))
    return segments


def layout_lines(
    chars: Chars,
    style: ThaiStyle,
    first_width: float,
    rest_width: float,
    segments: Segments | None = None,
) -> list[Line]:
    """Greedy line filling over break opportunities with shaped widths (``segments``: the
    paragraph's tokens when already made)."""
    fonts = style.fonts()
    breaker = style.line_breaker()
    if segments is None:
        segments = tokenize(chars, style)
    lines: list[Line] = []

    def width_for(n: int) -> float:
        return first_width if n == 0 else rest_width

    eps = 0.01
    for a, b, tokens in segments:
        line = Line([], start=a)
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
                    line = Line([], start=tail.start)
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
            line = Line([], start=tok.start)
            used = 0.0
            queue.insert(0, tok)
        line.last = True
        line.end = b
        lines.append(line)
    return lines


def _split_token(
    chars: Chars, tok: Token, room: float, style: ThaiStyle, fonts: FontSet, force: bool
) -> tuple[Token | None, Token]:
    """Split ``tok`` so the head fits in ``room``; with ``force`` a head of at least one
    cluster is returned even when it does not fit (a cluster cannot be broken)."""
    best: Token | None = None
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
            head = make_token(chars, tok.start, tok.start + p, style, fonts)
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
        best = make_token(chars, tok.start, tok.start + best_p, style, fonts)
    tail = make_token(chars, tok.start + best_p, tok.start + len(tok.text), style, fonts)
    return best, tail
