"""``ThaiParagraph``, the flowable of the Thai text engine, and table-of-contents marks.

Owns how a paragraph behaves on a page: layouts kept per width, wrapping, splitting at a
page end (never one line alone, a ``keep_whole`` list item moves whole), drawing through
``text_drawing`` and its least and preferred widths for a table. ``mark_for_contents``
lets a paragraph or a table note the page it starts on.
"""

from __future__ import annotations

import itertools
import re

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from itadesk.documents.fonts import FontSet
from itadesk.documents.line_layout import (
    Chars,
    Line,
    Segments,
    Token,
    layout_lines,
    make_token,
    tokenize,
)
from itadesk.documents.markup import parse_markup
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import font_metrics
from itadesk.documents.text_drawing import ACTUAL_TEXT, DRY_RUN, Emitter, draw_line
from itadesk.domain.validation import strip_bidi

#: A paragraph styled ``keep_whole`` (a list item) splits only when it is taller than this,
#: about half a landscape page: waiting for a page with room would then waste most of one.
KEEP_WHOLE_MAX = 240.0


#: In a table's least column width a phrase or a URL up to this many em counts whole; a
#: longer one counts by its widest word or piece (a column may be narrower than it).
LONG_TOKEN_EM = 6.0
_URL_LIKE = re.compile(r"(?:https?://|ftp://|www\.)|[\w.+-]+@", re.IGNORECASE)


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
        _chars: Chars | None = None,
        _continuation: bool = False,
        _open_end: bool = False,
    ) -> None:
        super().__init__()
        self.style = style or ThaiStyle()
        text = strip_bidi(text)  # no direction overrides in a PDF (stored before input did)
        self.text = text
        self.markup = markup
        self._chars = _chars or Chars.from_spans(parse_markup(text, markup=markup), self.style)
        self._continuation = _continuation
        self._open_end = _open_end  # the paragraph continues in a split-off tail
        self._lines: list[Line] | None = None
        self._layout_width: float | None = None
        self._segments: Segments | None = None
        self._layouts: dict[float, list[Line]] = {}
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

    def _ensure_layout(self, width: float) -> list[Line]:
        if self._lines is None or self._layout_width != width:
            lines = self._layouts.get(width)
            if lines is None:
                if self._segments is None:
                    self._segments = tokenize(self._chars, self.style)
                first, rest = self._indents()
                right = self.style.right_indent
                lines = layout_lines(
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
        self, chars: Chars, *, continuation: bool, open_end: bool, style: ThaiStyle
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
        em = Emitter(self.canv)
        for k, line in enumerate(lines):
            x = first if k == 0 else rest
            width = self.width - x - st.right_indent
            text = self._chars.text[line.start : line.end] if ACTUAL_TEXT else None
            draw_line(
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
                self._segments = tokenize(self._chars, st)
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

    def _widest_piece(self, tok: Token, style: ThaiStyle, fonts: FontSet) -> float:
        """The widest of the pieces a long phrase (its words) or a URL (at / . - _) may
        break into."""
        levels = dict(style.line_breaker().split_long(tok.text.rstrip()))
        cuts = levels.get("words") or levels.get("url") or ()
        bounds = [0, *cuts, len(tok.text.rstrip())]
        return max(
            make_token(self._chars, tok.start + a, tok.start + b, style, fonts).width
            for a, b in itertools.pairwise(bounds)
            if b > a
        )


def mark_for_contents(flowable: Flowable, sink: dict[str, int], key: str) -> Flowable:
    """Have ``flowable`` (a paragraph, a table) note in ``sink[key]`` the page it starts on
    when it is drawn (for a table of contents); the first part of a split keeps the mark."""
    flowable.contents_sink = sink
    flowable.contents_key = key
    return flowable


def pass_contents_mark(source: Flowable, head: Flowable) -> None:
    """The mark of ``source`` (see ``mark_for_contents``) goes to the first part of it."""
    sink = getattr(source, "contents_sink", None)
    if sink is not None:
        mark_for_contents(head, sink, source.contents_key)


def record_page(flowable: Flowable, canv: Canvas) -> None:
    """Note the page ``flowable`` starts on, if it is marked (``mark_for_contents``)."""
    sink = getattr(flowable, "contents_sink", None)
    if sink is not None and flowable.contents_key not in sink:
        sink[flowable.contents_key] = canv.getPageNumber()
