"""The printed form of the memo (``memo``): the head with the Garuda and "บันทึกข้อความ", the
labelled fields ส่วนราชการ / ที่ / วันที่ / เรื่อง whose values sit on dotted lines (จุดไข่ปลา)
running to the right margin, dotted lines left for handwriting, and the memo's type sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from itadesk.documents.context import RenderContext
from itadesk.documents.fonts import FontSet
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    EmblemImage,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle, single_line_height
from itadesk.documents.shaping import font_metrics, text_width
from itadesk.documents.text_drawing import draw_text

if TYPE_CHECKING:
    from docx.table import _Cell

    from itadesk.documents.word import WordWriter


TITLE_SIZE = 29.0
LABEL_SIZE = 20.0
BODY_SIZE = 16.0
EMBLEM_CM = 1.5


#: Pitch of dotted lines left for handwriting (roomier than a typed line).
HANDWRITING_PITCH = 26.0
#: Where the dotted line sits under the baseline, as a share of the font size (below the
#: lower vowels ุ ู so the dots never touch them).
DOT_DROP = 0.24
DOT_PITCH = 2.8
DOT_WIDTH = 0.9


def body_style(context: RenderContext, **changes: Any) -> ThaiStyle:
    return context.style(font_size=BODY_SIZE).replace(**changes)


def _ascent_share(fonts: FontSet) -> float:
    """Share of a line box above the baseline (line gap on top, as the engine does it)."""
    asc, desc, gap = font_metrics(fonts.regular)
    return (asc + gap) / (asc + desc + gap)


def _draw_dots(canv: Canvas, x0: float, x1: float, y: float) -> None:
    """A dotted line (round dots) from x0 to x1 at height y."""
    if x1 - x0 < DOT_PITCH:
        return
    canv.saveState()
    canv.setLineWidth(DOT_WIDTH)
    canv.setLineCap(1)
    canv.setDash([0, DOT_PITCH], 0)
    # start half a pitch in so the first and last dots stay inside [x0, x1]
    canv.line(x0 + DOT_WIDTH / 2, y, x1 - DOT_WIDTH / 2, y)
    canv.restoreState()


class FormField:
    """One labelled field of a header row: label at ``x0``, value on dots up to ``x1``."""

    def __init__(
        self, label: str, value: str | None, x0: float, x1: float | None, tail: str = ""
    ) -> None:
        self.label = label
        self.value = value  # None: left blank (dotted) for handwriting
        self.tail = tail  # kept whole on the last line ("โทร <phone>")
        self.x0 = x0
        self.x1 = x1  # None: the right margin
        self.para: ThaiParagraph | None = None
        self.value_x = 0.0
        self.dots_x = 0.0
        self.end = 0.0
        self.lines = 1


class FieldRow(Flowable):
    """A header row of the memo form: 20 pt bold labels, 16 pt values written on dotted lines
    that run to the end of the field; wrapped value lines align after the label."""

    def __init__(
        self, fields: Sequence[FormField], context: RenderContext, space_before: float = 0.0
    ) -> None:
        super().__init__()
        self.fields = list(fields)
        self.spaceBefore = space_before
        self.value_style = body_style(context)
        self.keepWithNext = True

    def _metrics(self) -> tuple[float, float, float]:
        share = _ascent_share(self.value_style.fonts())
        label_lh = single_line_height(LABEL_SIZE, self.value_style.font_set)
        value_lh = self.value_style.line_height
        top = max(label_lh, value_lh) * share  # top of the row box to the first baseline
        return top, value_lh, label_lh

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        fonts = self.value_style.fonts()
        gap = 0.35 * BODY_SIZE
        for f in self.fields:
            f.end = availWidth if f.x1 is None else f.x1
            label_w = text_width(fonts.bold, f.label, LABEL_SIZE)
            f.dots_x = f.x0 + label_w + 0.15 * BODY_SIZE
            f.value_x = f.x0 + label_w + gap
            if f.value:
                f.para = self._value_paragraph(f, f.end - f.value_x)
                f.para.wrap(f.end - f.value_x, availHeight)
                f.lines = len(f.para.line_texts(f.end - f.value_x))
            else:
                f.para, f.lines = None, 1
        top, value_lh, label_lh = self._metrics()
        lines = max(f.lines for f in self.fields)
        below = max(label_lh, value_lh) - top  # descent of the last line's box
        self.width = availWidth
        self.height = top + (lines - 1) * value_lh + below
        return availWidth, self.height

    def _value_paragraph(self, f: FormField, width: float) -> ThaiParagraph:
        assert f.value is not None
        if not f.tail:
            return ThaiParagraph(escape_markup(f.value), self.value_style)
        para = ThaiParagraph(escape_markup(f"{f.value} {f.tail}"), self.value_style)
        if f.tail not in para.line_texts(width)[-1]:
            # the tail would be torn apart at a line end ("โทร" alone): start it on a new line
            para = ThaiParagraph(escape_markup(f"{f.value}\n{f.tail}"), self.value_style)
        return para

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The row in the Word copy: 20 pt labels, the values after a tab (wrapped lines
        aligned after the label), dotted tab leaders to the end of each field."""
        from docx.enum.text import WD_LINE_SPACING

        width = writer.setup.frame_width
        self.wrap(width, 1e6)
        paragraph = writer._paragraph(container)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = writer.Pt(self.value_style.line_height)
        if self.spaceBefore:
            fmt.space_before = writer.Pt(self.spaceBefore)
        fmt.keep_with_next = True
        stops: list[tuple[float, str, bool]] = []
        if len(self.fields) == 1:
            # wrapped value lines start after the label, as on the form
            fmt.left_indent = writer.Pt(self.fields[0].value_x)
            fmt.first_line_indent = writer.Pt(-self.fields[0].value_x)
        for f in self.fields:
            if f.x0 > 0:
                stops.append((f.x0, "left", True))  # dots up to the next label
            stops.append((f.value_x, "left", False))
        stops.append((self.fields[-1].end, "right", True))  # dots to the field's end
        stops = sorted(set(stops))
        writer._tabs(paragraph, [s for s in stops if s[0] < width - 0.5 or s[1] == "right"])
        for n, f in enumerate(self.fields):
            if n:
                paragraph.add_run("\t")
            writer._run(paragraph, f.label, LABEL_SIZE, True)
            paragraph.add_run("\t")
            if f.value:
                writer._run(paragraph, f.value, BODY_SIZE)
            if f.value and f.tail:
                if f.para is not None and "\n" in f.para._chars.text:
                    paragraph.add_run().add_break()  # the PDF put the tail on its own line
                    writer._run(paragraph, f.tail, BODY_SIZE)
                else:
                    writer._run(paragraph, " " + f.tail, BODY_SIZE)
        paragraph.add_run("\t")

    def draw(self) -> None:
        canv = self.canv
        top, value_lh, _ = self._metrics()
        base0 = self.height - top
        for f in self.fields:
            draw_text(
                canv,
                f.x0,
                base0,
                f.label,
                font_size=LABEL_SIZE,
                bold=True,
                font_set=self.value_style.fonts(),
            )
            if f.para is not None:
                off = f.para.baseline_offset()
                f.para.drawOn(canv, f.value_x, base0 + off - f.para.height)
            for k in range(f.lines):
                start = f.dots_x if k == 0 else f.value_x
                _draw_dots(canv, start, f.end, base0 - k * value_lh - DOT_DROP * BODY_SIZE)


class MemoHead(Flowable):
    """The Garuda slot (1.5 cm high, top left) and "บันทึกข้อความ" centred on its line."""

    def __init__(self, emblem: EmblemImage | None, fonts: FontSet) -> None:
        super().__init__()
        self.emblem = emblem
        self.fonts = fonts
        self.keepWithNext = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = EMBLEM_CM * cm
        if self.emblem is not None:
            self.emblem.wrap(availWidth, availHeight)
        return availWidth, self.height

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The Garuda and "บันทึกข้อความ" on one line of the Word copy (the title on a
        centred tab stop)."""
        paragraph = writer._paragraph(container)
        paragraph.paragraph_format.keep_with_next = True
        if self.emblem is not None:
            writer._tabs(paragraph, [(writer.setup.frame_width / 2, "center", False)])
            paragraph.add_run().add_picture(str(self.emblem.path), height=writer.Pt(self.height))
            paragraph.add_run("\t")
        else:
            writer._align(paragraph, "center")
        writer._run(paragraph, "บันทึกข้อความ", TITLE_SIZE, True)

    def draw(self) -> None:
        if self.emblem is not None:
            self.emblem.drawOn(self.canv, 0, 0)
        # the heading's Thai body (consonant height ~0.6 em) centred on the emblem's height,
        # but never with its ascender above the slot (the top margin)
        asc = font_metrics(self.fonts.bold)[0] / 1000.0 * TITLE_SIZE
        baseline = min((self.height - 0.6 * TITLE_SIZE) / 2, self.height - asc)
        draw_text(
            self.canv,
            self.width / 2,
            baseline,
            "บันทึกข้อความ",
            font_size=TITLE_SIZE,
            bold=True,
            align="center",
            font_set=self.fonts,
        )


class DottedLine(Flowable):
    """One line of text parts and dotted gaps (a float is a dotted gap that wide), aligned
    ``center`` on ``centre`` or starting at ``left``; or one full-width dotted line."""

    def __init__(
        self,
        parts: Sequence[str | float],
        context: RenderContext,
        *,
        centre: float | None = None,
        left: float = 0.0,
        pitch: float | None = None,
        full_width: bool = False,
    ) -> None:
        super().__init__()
        self.parts = list(parts)
        self.centre = centre
        self.left = left
        self.pitch = pitch
        self.full_width = full_width
        self.style = body_style(context)

    def _part_width(self, part: str | float) -> float:
        if isinstance(part, str):
            return text_width(self.style.fonts().regular, part, BODY_SIZE)
        return float(part)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.pitch or self.style.line_height
        return availWidth, self.height

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """Text and dotted gaps on tab stops of the Word copy (leaders of dots)."""
        from docx.enum.text import WD_LINE_SPACING

        width = writer.setup.frame_width
        self.wrap(width, 1e6)
        paragraph = writer._paragraph(container)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = writer.Pt(self.height)
        if self.full_width:
            writer._tabs(paragraph, [(width, "right", True)])
            paragraph.add_run("\t")
            return
        total = sum(self._part_width(p) for p in self.parts)
        x = self.left if self.centre is None else self.centre - total / 2
        stops: list[tuple[float, str, bool]] = []
        runs: list[str | None] = []  # None: a tab
        if x > 0.5:
            stops.append((x, "left", False))
            runs.append(None)
        for part in self.parts:
            w = self._part_width(part)
            if isinstance(part, str):
                runs.append(part)
            else:
                stops.append((x + w, "left", True))
                runs.append(None)
            x += w
        writer._tabs(paragraph, stops)
        for run in runs:
            if run is None:
                paragraph.add_run("\t")
            else:
                writer._run(paragraph, run, BODY_SIZE)

    def draw(self) -> None:
        lh = self.style.line_height
        # the baseline sits where a typed line's would (bottom of a single-spaced line box)
        base = self.height - lh * _ascent_share(self.style.fonts())
        if self.full_width:
            _draw_dots(self.canv, self.left, self.width, base - DOT_DROP * BODY_SIZE)
            return
        total = sum(self._part_width(p) for p in self.parts)
        x = self.left if self.centre is None else self.centre - total / 2
        for part in self.parts:
            w = self._part_width(part)
            if isinstance(part, str):
                draw_text(
                    self.canv, x, base, part, font_size=BODY_SIZE, font_set=self.style.fonts()
                )
            else:
                _draw_dots(self.canv, x + 1, x + w - 1, base)
            x += w
