"""A vector bar chart of indicator scores against the target, drawn with the Thai text engine.

Public API
----------
``ChartBar(number, name, value, previous=None)``
    One indicator: its number printed under the bar ("๑"), its name printed in the key under
    the chart ("๑ การปฏิบัติหน้าที่"; ten Thai names do not fit under ten bars on a portrait
    page without being cut into syllables), this year's score and, optionally, last year's.
``ScoreChart(bars, target, *, style=None, thai_digits=True, current_label="",
previous_label="", height=6.5 * cm)``
    A flowable as wide as its frame: y axis 0–100 with ticks and light grid lines, one bar per
    indicator (dark blue at or above the target, orange below; the two stay distinct when
    printed in grey), last year's bars lighter beside them when any previous score is given,
    this year's value over each bar, a dashed target line labelled at its right end, the
    numbers under the bars, a key of the names and a legend. ``height`` is the plot area's
    height; the flowable adds the numbers, key and legend. Every piece of text is shaped by
    the engine (``draw_text`` / ``ThaiParagraph``, with ActualText), never ReportLab's
    ``String``, which cannot shape Thai. ``style`` (from the document's
    ``RenderContext.style()``) gives the fonts and the line breaker; ``None`` means the
    bundled Sarabun.
``ScoreChart.layout(width) -> ChartLayout``
    Everything the chart draws, as values (``ChartRect``, ``ChartLine``, ``ChartText`` with
    its ink box, the key's paragraphs): ``draw`` paints it on the PDF canvas and ``png`` on a
    picture for the Word copy, so both show the same chart.
``ScoreChart.png(width, dpi=150) -> bytes``
    The chart as a PNG picture ``width`` points wide (Pillow with HarfBuzz shaping via raqm).

Value labels never overlap a bar, the target line or each other: each starts just over its
own bar and is lifted clear of the target line and of anything it meets (``_place``). With last
year's bars beside this year's, this year's value stands over the pair (last year's figures
are in the score table beside the chart). The label boxes are the ink of the shaped text
(``shaping.ink_box``), so a test can check them exactly.

The values the chart is made of are in ``chart_items`` (re-exported here), the picture for the
Word copy in ``chart_picture``; this module lays the chart out and draws it on the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from itadesk.documents.chart_items import (
    AT_TARGET,
    AXIS_MAX,
    BELOW_TARGET,
    CLEARANCE,
    GRID,
    LABEL_SIZE,
    LEGEND_SIZE,
    PREVIOUS,
    TARGET_DASH,
    TARGET_LINE,
    TARGET_WIDTH,
    TICK_SIZE,
    VALUE_SIZE,
    Box,
    ChartBar,
    ChartLayout,
    ChartLine,
    ChartRect,
    ChartText,
)
from itadesk.documents.chart_picture import chart_png
from itadesk.documents.fonts import FontSet
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import font_metrics, ink_box, text_width
from itadesk.documents.text_drawing import draw_text
from itadesk.domain.scoring import fmt
from itadesk.domain.thai_text import to_thai_digits

if TYPE_CHECKING:
    from docx.table import _Cell

    from itadesk.documents.word import WordWriter

__all__ = [
    "Box",
    "ChartBar",
    "ChartLayout",
    "ChartLine",
    "ChartRect",
    "ChartText",
    "ScoreChart",
]


class ScoreChart(Flowable):
    """Bars of 0–100 scores with a target line; see the module docstring."""

    def __init__(
        self,
        bars: Sequence[ChartBar],
        target: Decimal,
        *,
        style: ThaiStyle | None = None,
        thai_digits: bool = True,
        current_label: str = "",
        previous_label: str = "",
        height: float = 6.5 * cm,
    ) -> None:
        super().__init__()
        self.bars = list(bars)
        self.target = Decimal(target)
        self.thai = thai_digits
        self.current_label = current_label
        self.previous_label = previous_label
        self.plot_height = height
        self.with_previous = any(b.previous is not None for b in self.bars)
        base = style or ThaiStyle()
        self.fonts: FontSet = base.fonts()
        self.legend_style = base.replace(font_size=LEGEND_SIZE)
        self._layout: ChartLayout | None = None

    # helpers --------------------------------------------------------------
    def _digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai else text

    def _number(self, value: Decimal) -> str:
        return self._digits(fmt(value))

    def _target_text(self) -> str:
        target = self.target
        shown = str(int(target)) if target == target.to_integral_value() else fmt(target)
        return self._digits(shown)

    def _font(self, bold: bool = False) -> str:
        return self.fonts.bold if bold else self.fonts.regular

    def _text(
        self,
        text: str,
        x: float,
        y: float,
        size: float,
        *,
        bold: bool = False,
        colour: colors.Color = colors.black,
        angle: int = 0,
        kind: str = "",
        align: str = "left",
    ) -> ChartText:
        """A text item with ``x`` its left edge, centre or right edge as ``align`` says."""
        font = self._font(bold)
        width = text_width(font, text, size)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        k = size / 1000.0
        ix0, iy0, ix1, iy1 = ink_box(font, text)
        if angle == 90:  # turned counter-clockwise about (x, y): (u, v) -> (x - v, y + u)
            box = Box(x - iy1 * k, y + ix0 * k, x - iy0 * k, y + ix1 * k)
        else:
            box = Box(x + ix0 * k, y + iy0 * k, x + ix1 * k, y + iy1 * k)
        return ChartText(text, x, y, size, bold, colour, box, angle, kind)

    def _legend_items(self) -> list[tuple[str, object]]:
        prefix = f"{self.current_label} " if self.current_label else ""
        items: list[tuple[str, object]] = [
            (f"{prefix}ถึงค่าเป้าหมาย", AT_TARGET),
            (f"{prefix}ต่ำกว่าค่าเป้าหมาย", BELOW_TARGET),
        ]
        if self.with_previous:
            items.append((self.previous_label or "ปีก่อน", PREVIOUS))
        items.append((f"ค่าเป้าหมาย {self._target_text()} คะแนน", "line"))
        return items

    # layout ---------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        layout = self.layout(availWidth)
        self.width, self.height = layout.width, layout.height
        return self.width, self.height

    def layout(self, width: float) -> ChartLayout:
        """Everything the chart draws at ``width`` points wide (computed once per width)."""
        if self._layout is not None and self._layout.width == width:
            return self._layout
        regular = self._font()
        tick_w = text_width(regular, self._digits(str(AXIS_MAX)), TICK_SIZE)
        self.plot_x0 = tick_w + 8.0
        target_label = f"เป้าหมาย {self._target_text()}"
        self.plot_x1 = width - text_width(regular, target_label, LABEL_SIZE) - 6.0
        n = max(len(self.bars), 1)
        self.slot = (self.plot_x1 - self.plot_x0) / n
        layout = ChartLayout(width, 0.0)
        legend_rows = self._legend_layout(width)
        legend_lh = self.legend_style.line_height
        legend_h = len(legend_rows) * legend_lh
        key_h = self._key_layout(layout, width, legend_h + 6.0)
        number_h = self.legend_style.replace(font_size=LABEL_SIZE).line_height
        # plot bottom sits above the numbers, the key and the legend
        self.plot_y0 = legend_h + 6.0 + key_h + 4.0 + number_h + 2.0
        self._legend(layout, legend_rows, legend_h)
        self._grid_and_axes(layout)
        self._bars(layout)
        y_target = self._y(self.target)
        layout.lines.append(
            ChartLine(
                self.plot_x0,
                y_target,
                self.plot_x1,
                y_target,
                TARGET_LINE,
                TARGET_WIDTH,
                TARGET_DASH,
                "target",
            )
        )
        layout.texts.append(
            self._text(
                target_label,
                self.plot_x1 + 4.0,
                y_target - 0.3 * LABEL_SIZE,
                LABEL_SIZE,
                colour=TARGET_LINE,
                kind="target",
            )
        )
        asc, desc, gap = font_metrics(self.fonts.bold)
        number_base = self.plot_y0 - 2.0 - number_h * (asc + gap) / (asc + desc + gap)
        for i, bar in enumerate(self.bars):
            centre = self.plot_x0 + (i + 0.5) * self.slot
            layout.texts.append(
                self._text(
                    bar.number,
                    centre,
                    number_base,
                    LABEL_SIZE,
                    bold=True,
                    kind="number",
                    align="center",
                )
            )
        self._value_labels(layout)
        top = max(
            [self._y(AXIS_MAX) + TICK_SIZE * 0.6]
            + [t.box.y1 for t in layout.texts if t.kind == "value"]
        )
        layout.height = top + 3.0
        self._layout = layout
        return layout

    def _key_layout(self, layout: ChartLayout, width: float, bottom: float) -> float:
        """Lay the names out in as many equal columns as fit, filled down then across in
        bar order; returns the key's height (its bottom is at ``bottom``)."""
        style = self.legend_style
        font = self._font()
        entries = [f"{b.number} {b.name}" for b in self.bars]
        if not entries:
            return 0.0
        widest = max(text_width(font, e, LEGEND_SIZE) for e in entries) + 12.0
        indent = x0 = self.plot_x0
        columns = max(1, min(len(entries), int((width - x0) // widest)))
        col_w = (width - x0) / columns
        rows = -(-len(entries) // columns)
        paras: list[tuple[ThaiParagraph, int, int]] = []
        row_h = [0.0] * rows
        for i, entry in enumerate(entries):
            col, row = divmod(i, rows)
            number = entries[i].split(" ", 1)[0]
            hang = text_width(font, number + " ", LEGEND_SIZE)
            para = ThaiParagraph(entry, style.replace(hanging_indent=hang), markup=False)
            _, h = para.wrap(col_w - 6.0, 1e6)
            paras.append((para, col, row))
            row_h[row] = max(row_h[row], h)
        height = sum(row_h)
        for para, col, row in paras:
            top = bottom + height - sum(row_h[:row])
            layout.key.append((para, indent + col * col_w, top))
        return height

    def _legend_layout(self, width: float) -> list[list[tuple[str, object, float]]]:
        """Legend items in rows that fit ``width``: (text, colour or "line", x)."""
        swatch, gap, sep = 14.0, 4.0, 14.0
        rows: list[list[tuple[str, object, float]]] = [[]]
        x = 0.0
        for text, colour in self._legend_items():
            w = swatch + gap + text_width(self._font(), text, LEGEND_SIZE)
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0.0
            rows[-1].append((text, colour, x))
            x += w + sep
        # centre each row under the chart
        centred = []
        for row in rows:
            last_text, _, last_x = row[-1]
            end = last_x + swatch + gap + text_width(self._font(), last_text, LEGEND_SIZE)
            shift = max((width - end) / 2, 0.0)
            centred.append([(t, c, x + shift) for t, c, x in row])
        return centred

    def _legend(
        self, layout: ChartLayout, rows: list[list[tuple[str, object, float]]], legend_h: float
    ) -> None:
        lh = self.legend_style.line_height
        swatch, gap = 14.0, 4.0
        for r, row in enumerate(rows):
            base = legend_h - (r + 1) * lh + 0.3 * lh
            for text, colour, x in row:
                if colour == "line":
                    y = base + 0.3 * LEGEND_SIZE
                    layout.lines.append(
                        ChartLine(
                            x, y, x + swatch, y, TARGET_LINE, TARGET_WIDTH, TARGET_DASH, "legend"
                        )
                    )
                else:
                    layout.rects.append(
                        ChartRect(
                            Box(x, base - 1.0, x + swatch, base - 1.0 + 0.75 * LEGEND_SIZE),
                            colour,
                            "swatch",
                        )
                    )
                layout.texts.append(
                    self._text(text, x + swatch + gap, base, LEGEND_SIZE, kind="legend")
                )

    def _y(self, value: Decimal | float) -> float:
        v = min(max(float(value), 0.0), float(AXIS_MAX))
        return self.plot_y0 + self.plot_height * v / AXIS_MAX

    def _grid_and_axes(self, layout: ChartLayout) -> None:
        for v in range(20, AXIS_MAX + 1, 20):
            y = self._y(v)
            layout.lines.append(ChartLine(self.plot_x0, y, self.plot_x1, y, GRID, 0.4, kind="grid"))
        black = colors.black
        top = self._y(AXIS_MAX)
        layout.lines.append(
            ChartLine(
                self.plot_x0, self.plot_y0, self.plot_x1, self.plot_y0, black, 0.8, None, "axis"
            )
        )
        layout.lines.append(
            ChartLine(self.plot_x0, self.plot_y0, self.plot_x0, top, black, 0.8, None, "axis")
        )
        for v in range(0, AXIS_MAX + 1, 10):
            y = self._y(v)
            length = 4.0 if v % 20 == 0 else 2.0
            layout.lines.append(
                ChartLine(self.plot_x0 - length, y, self.plot_x0, y, black, 0.8, None, "tick")
            )
            if v % 20 == 0:
                # digits are about 0.35 em above the baseline's middle
                layout.texts.append(
                    self._text(
                        self._digits(str(v)),
                        self.plot_x0 - 6.0,
                        y - 0.3 * TICK_SIZE,
                        TICK_SIZE,
                        kind="tick",
                        align="right",
                    )
                )

    def _bar_geometry(self, index: int) -> tuple[float, float, float]:
        """x of this year's bar, x of last year's bar, bar width."""
        x = self.plot_x0 + index * self.slot
        if self.with_previous:
            w = self.slot * 0.36
            gap = self.slot * 0.04
            left = x + (self.slot - 2 * w - gap) / 2
            return left + w + gap, left, w
        w = self.slot * 0.56
        return x + (self.slot - w) / 2, x, w

    def _bars(self, layout: ChartLayout) -> None:
        for i, bar in enumerate(self.bars):
            x_cur, x_prev, w = self._bar_geometry(i)
            if self.with_previous and bar.previous is not None:
                box = Box(x_prev, self.plot_y0, x_prev + w, self._y(bar.previous))
                layout.rects.append(ChartRect(box, PREVIOUS, "previous"))
            if bar.value is not None:
                fill = BELOW_TARGET if bar.value < self.target else AT_TARGET
                box = Box(x_cur, self.plot_y0, x_cur + w, self._y(bar.value))
                layout.rects.append(ChartRect(box, fill, "bar"))

    def _value_labels(self, layout: ChartLayout) -> None:
        """This year's value over each bar (over the pair of bars when last year's stands
        beside it: last year's figures are in the score table), placed clear of the bars,
        the target line and the other labels (the target label, the ticks)."""
        obstacles = [r.box for r in layout.rects if r.kind in ("bar", "previous")]
        obstacles.append(layout.target_box())
        placed = [t.box for t in layout.texts if t.kind in ("target", "tick")]
        for i, bar in enumerate(self.bars):
            if bar.value is None:
                continue
            x_cur, x_prev, w = self._bar_geometry(i)
            centre = (x_prev + x_cur + w) / 2 if self.with_previous else x_cur + w / 2
            label = self._value_label(centre, bar.value)
            label = self._place(label, obstacles + placed)
            placed.append(label.box)
            layout.texts.append(label)

    def _value_label(self, centre: float, value: Decimal) -> ChartText:
        """The label centred on ``centre``, its ink just over the bar's top."""
        text = self._number(value)
        top = self._y(value)
        probe = self._text(text, centre, top, VALUE_SIZE, bold=True, align="center")
        return self._text(
            text,
            centre,
            top + CLEARANCE + (top - probe.box.y0),
            VALUE_SIZE,
            bold=True,
            kind="value",
            align="center",
        )

    @staticmethod
    def _place(label: ChartText, obstacles: Sequence[Box]) -> ChartText:
        """Lift ``label`` until its box meets none of ``obstacles`` (with CLEARANCE)."""
        for _ in range(4 * len(obstacles) + 4):
            hits = [b for b in obstacles if label.box.intersects(b, CLEARANCE)]
            if not hits:
                return label
            lift = max(b.y1 for b in hits) + CLEARANCE - label.box.y0 + 0.01
            label = ChartText(
                label.text,
                label.x,
                label.y + lift,
                label.size,
                label.bold,
                label.colour,
                label.box.moved(dy=lift),
                label.angle,
                label.kind,
            )
        return label

    # drawing --------------------------------------------------------------
    def draw(self) -> None:
        layout = self.layout(self.width)
        canv = self.canv
        canv.saveState()
        order = ("grid", "previous", "bar", "target", "axis", "tick")
        for kind in order:  # grid under the bars, the target line over them
            for item in layout.of_kind(kind):
                if isinstance(item, ChartRect):
                    canv.setFillColor(item.fill)
                    b = item.box
                    canv.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, stroke=0, fill=1)
                elif isinstance(item, ChartLine):
                    self._draw_line(canv, item)
        for item in layout.of_kind("swatch"):
            if not isinstance(item, ChartRect):
                continue
            canv.setFillColor(item.fill)
            b = item.box
            canv.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, stroke=0, fill=1)
        for item in layout.of_kind("legend"):
            if isinstance(item, ChartLine):
                self._draw_line(canv, item)
        for text in layout.texts:
            self._draw_text(canv, text)
        for para, x, y_top in layout.key:
            para.drawOn(canv, x, y_top - para.height)
        canv.restoreState()

    @staticmethod
    def _draw_line(canv: Canvas, line: ChartLine) -> None:
        canv.saveState()
        canv.setStrokeColor(line.colour)
        canv.setLineWidth(line.width)
        if line.dash:
            canv.setDash(list(line.dash), 0)
        canv.line(line.x0, line.y0, line.x1, line.y1)
        canv.restoreState()

    def _draw_text(self, canv: Canvas, text: ChartText) -> None:
        if text.angle:
            canv.saveState()
            canv.translate(text.x, text.y)
            canv.rotate(text.angle)
            x = y = 0.0
        else:
            x, y = text.x, text.y
        draw_text(
            canv,
            x,
            y,
            text.text,
            font_size=text.size,
            bold=text.bold,
            color=text.colour,
            font_set=self.fonts,
        )
        if text.angle:
            canv.restoreState()

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The chart as a picture in the Word copy (its words in the picture's alt text)."""
        width = writer.setup.frame_width
        paragraph = writer._paragraph(container)
        writer._align(paragraph, "center")
        run = paragraph.add_run()
        picture = run.add_picture(io.BytesIO(self.png(width)), width=writer.Pt(width))
        words = ", ".join(
            f"{b.number} {b.name} {self._number(b.value)}" for b in self.bars if b.value is not None
        )
        picture._inline.docPr.set("descr", words)

    # picture ----------------------------------------------------------------
    def png(self, width: float, dpi: int = 150) -> bytes:
        """The chart as a PNG ``width`` points wide (for the Word copy of the report)."""
        return chart_png(self.layout(width), self.fonts, self.legend_style.line_height, dpi)
