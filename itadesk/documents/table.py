"""Tables of Thai paragraphs: ``thai_table``, ``ThaiTable`` and column widths from content.

Owns the tables of the documents: cells wrap, header rows repeat, a row taller than the
space left splits inside itself between list items and never leaves one line alone
(``ThaiTable``), and columns sized from their content over a width, HTML's automatic table
layout (``auto_column_widths``, ``content_widths``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from itadesk.documents.fonts import engine_font
from itadesk.documents.paragraph import ThaiParagraph, pass_contents_mark, record_page
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import font_metrics

#: A table column whose widest entry on one line is under this share of the table's width
#: gets its entries on one line when the columns are sized by their content.
SHORT_COLUMN = 0.15


class ThaiTable(Table):
    """ReportLab's Table with the split rules of the documents: a row split inside itself
    leaves at least ``min_part`` points of content on each side (two lines: never one line
    alone at a page's foot or top), and the parts keep the table's horizontal alignment
    (ReportLab centres the parts of a row split inside a row). What may split inside a cell
    is up to its flowables: a list item styled ``keep_whole`` moves whole, other paragraphs
    keep two lines a side."""

    #: content a split-off part of a row must keep, points (``thai_table`` sets two lines)
    min_part = 0.0
    splitInRow: int  # noqa: N815  (ReportLab's own, set by Table.__init__)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
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

    def _splitCell(
        self,
        value: Any,
        style: Any,
        oldHeight: float,  # noqa: N803
        newHeight: float,  # noqa: N803
        width: float,
    ) -> tuple[Any, ...]:
        result: tuple[Any, ...] = super()._splitCell(value, style, oldHeight, newHeight, width)
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
        least_and_preferred: tuple[float, float] = measure()
        return least_and_preferred
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
        height: float = sum(max(cells) for cells in zip(*per_column, strict=True))
        return height

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
    extra_style: Sequence[tuple[Any, ...]] = (),
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
    cmds: list[tuple[Any, ...]] = [
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
    widths: Sequence[float | None] = (
        list(col_widths) if col_widths is not None else [None] * len(data[0])
    )
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
