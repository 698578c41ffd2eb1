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
    the value on each bar, a dashed target line labelled at its right end, the numbers under
    the bars, a key of the names and a legend. ``height`` is the plot area's height; the
    flowable adds the numbers, key and legend. Every piece of text is shaped by the engine
    (``draw_text`` / ``ThaiParagraph``, with ActualText), never ReportLab's ``String``, which
    cannot shape Thai. ``style`` (from the document's ``RenderContext.style()``) gives the
    fonts and the line breaker; ``None`` means the bundled Sarabun.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from itadesk.documents.shaping import text_width
from itadesk.documents.text import ThaiParagraph, ThaiStyle, draw_text
from itadesk.domain.scoring import fmt
from itadesk.domain.thai_text import to_thai_digits

__all__ = ["ChartBar", "ScoreChart"]

AT_TARGET = colors.HexColor("#1f4e79")  # dark blue
BELOW_TARGET = colors.HexColor("#e69500")  # orange: much lighter than the blue in grey
PREVIOUS = colors.HexColor("#c9d6e3")  # pale: last year's bars stay in the background
TARGET_LINE = colors.HexColor("#b00020")
GRID = colors.Color(0.82, 0.82, 0.82)

TICK_SIZE = 10.0
VALUE_SIZE = 9.5
LABEL_SIZE = 10.0
LEGEND_SIZE = 10.0
AXIS_MAX = 100


@dataclass(frozen=True)
class ChartBar:
    number: str
    name: str
    value: Decimal | None
    previous: Decimal | None = None


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
        self.fonts = base.fonts()
        self.label_style = base.replace(font_size=LABEL_SIZE, alignment="center", bold=True)
        self.legend_style = base.replace(font_size=LEGEND_SIZE)
        self._labels: list[ThaiParagraph] = []
        self._key: list[tuple[ThaiParagraph, float, float]] = []  # paragraph, x, y of top

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
        fonts = self.label_style.fonts()
        return fonts.bold if bold else fonts.regular

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
        self.width = availWidth
        regular = self._font()
        tick_w = text_width(regular, self._digits(str(AXIS_MAX)), TICK_SIZE)
        self.plot_x0 = tick_w + 8.0
        self.target_label = f"เป้าหมาย {self._target_text()}"
        self.plot_x1 = availWidth - text_width(regular, self.target_label, LABEL_SIZE) - 6.0
        n = max(len(self.bars), 1)
        self.slot = (self.plot_x1 - self.plot_x0) / n
        self._labels = []
        label_h = 0.0
        for bar in self.bars:
            para = ThaiParagraph(bar.number, self.label_style, markup=False)
            _, h = para.wrap(self.slot, 1e6)
            self._labels.append(para)
            label_h = max(label_h, h)
        self.label_h = label_h
        self.legend_rows = self._legend_layout(availWidth)
        legend_lh = self.legend_style.line_height
        self.legend_h = len(self.legend_rows) * legend_lh
        key_h = self._key_layout(availWidth, self.legend_h + 6.0)
        self.top_pad = VALUE_SIZE * 1.6  # room for a value label over a full bar
        # plot bottom sits above the numbers, the key and the legend
        self.plot_y0 = self.legend_h + 6.0 + key_h + 4.0 + self.label_h + 2.0
        self.height = self.plot_y0 + self.plot_height + self.top_pad
        return availWidth, self.height

    def _key_layout(self, width: float, bottom: float) -> float:
        """Lay the names out in as many equal columns as fit, filled down then across in
        bar order; returns the key's height (its bottom is at ``bottom``)."""
        style = self.legend_style
        font = self._font()
        entries = [f"{b.number} {b.name}" for b in self.bars]
        if not entries:
            self._key = []
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
        self._key = []
        for para, col, row in paras:
            top = bottom + height - sum(row_h[:row])
            self._key.append((para, indent + col * col_w, top))
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

    def _y(self, value: Decimal | float) -> float:
        v = min(max(float(value), 0.0), float(AXIS_MAX))
        return self.plot_y0 + self.plot_height * v / AXIS_MAX

    # drawing --------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        self._draw_grid(canv)
        self._draw_bars(canv, values=False)
        self._draw_target(canv)  # over the bars, under their values
        self._draw_bars(canv, values=True)
        self._draw_axes(canv)
        self._draw_labels(canv)
        self._draw_legend(canv)
        canv.restoreState()

    def _draw_grid(self, canv) -> None:
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.4)
        for v in range(20, AXIS_MAX + 1, 20):
            y = self._y(v)
            canv.line(self.plot_x0, y, self.plot_x1, y)

    def _draw_axes(self, canv) -> None:
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.8)
        canv.line(self.plot_x0, self.plot_y0, self.plot_x1, self.plot_y0)
        canv.line(self.plot_x0, self.plot_y0, self.plot_x0, self._y(AXIS_MAX))
        for v in range(0, AXIS_MAX + 1, 10):
            y = self._y(v)
            length = 4.0 if v % 20 == 0 else 2.0
            canv.line(self.plot_x0 - length, y, self.plot_x0, y)
            if v % 20 == 0:
                # digits are about 0.35 em above the baseline's middle
                draw_text(
                    canv,
                    self.plot_x0 - 6.0,
                    y - 0.3 * TICK_SIZE,
                    self._digits(str(v)),
                    font_size=TICK_SIZE,
                    font_set=self.fonts,
                    align="right",
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

    def _draw_bars(self, canv, *, values: bool) -> None:
        """The bars (``values`` False) or the values written on them (True)."""
        draw = self._value if values else self._rect
        for i, bar in enumerate(self.bars):
            x_cur, x_prev, w = self._bar_geometry(i)
            if self.with_previous and bar.previous is not None:
                draw(canv, x_prev, w, bar.previous, PREVIOUS, colors.black)
            if bar.value is not None:
                below = bar.value < self.target
                fill = BELOW_TARGET if below else AT_TARGET
                inner = colors.black if below else colors.white
                draw(canv, x_cur, w, bar.value, fill, inner, bold=True)

    def _rect(self, canv, x: float, w: float, value: Decimal, fill, inner, *, bold=False) -> None:
        y0, y1 = self.plot_y0, self._y(value)
        canv.setFillColor(fill)
        canv.rect(x, y0, w, y1 - y0, stroke=0, fill=1)

    def _value(self, canv, x: float, w: float, value: Decimal, fill, inner, *, bold=False) -> None:
        y0, y1 = self.plot_y0, self._y(value)
        text = self._number(value)
        font = self._font(bold)
        if not self.with_previous:
            # one series: the value stands over its bar
            draw_text(
                canv,
                x + w / 2,
                y1 + 0.35 * VALUE_SIZE,
                text,
                font_size=VALUE_SIZE,
                font_set=self.fonts,
                bold=bold,
                align="center",
            )
            return
        # two series: bars are narrow, values run up inside them (or over a short bar)
        tw = text_width(font, text, VALUE_SIZE)
        inside = y1 - y0 >= tw + 6.0
        canv.saveState()
        canv.translate(x + w / 2 + 0.33 * VALUE_SIZE, (y1 - tw - 3.0) if inside else (y1 + 3.0))
        canv.rotate(90)
        draw_text(
            canv,
            0,
            0,
            text,
            font_size=VALUE_SIZE,
            font_set=self.fonts,
            bold=bold,
            color=inner if inside else colors.black,
        )
        canv.restoreState()

    def _draw_target(self, canv) -> None:
        y = self._y(self.target)
        canv.saveState()
        canv.setStrokeColor(TARGET_LINE)
        canv.setLineWidth(1.2)
        canv.setDash([5, 3], 0)
        canv.line(self.plot_x0, y, self.plot_x1, y)
        canv.restoreState()
        draw_text(
            canv,
            self.plot_x1 + 4.0,
            y - 0.3 * LABEL_SIZE,
            self.target_label,
            font_size=LABEL_SIZE,
            font_set=self.fonts,
            color=TARGET_LINE,
        )

    def _draw_labels(self, canv) -> None:
        top = self.plot_y0 - 2.0
        for i, para in enumerate(self._labels):
            x = self.plot_x0 + i * self.slot
            para.drawOn(canv, x, top - para.height)
        for para, x, y_top in self._key:
            para.drawOn(canv, x, y_top - para.height)

    def _draw_legend(self, canv) -> None:
        lh = self.legend_style.line_height
        swatch, gap = 14.0, 4.0
        for r, row in enumerate(self.legend_rows):
            base = self.legend_h - (r + 1) * lh + 0.3 * lh
            for text, colour, x in row:
                if colour == "line":
                    canv.saveState()
                    canv.setStrokeColor(TARGET_LINE)
                    canv.setLineWidth(1.2)
                    canv.setDash([5, 3], 0)
                    canv.line(x, base + 0.3 * LEGEND_SIZE, x + swatch, base + 0.3 * LEGEND_SIZE)
                    canv.restoreState()
                else:
                    canv.setFillColor(colour)
                    canv.rect(x, base - 1.0, swatch, 0.75 * LEGEND_SIZE, stroke=0, fill=1)
                draw_text(
                    canv, x + swatch + gap, base, text, font_size=LEGEND_SIZE, font_set=self.fonts
                )
