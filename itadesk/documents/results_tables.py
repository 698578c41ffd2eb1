"""The results report's group tables (``results``): one per theme or indicator, a row per
measure with its steps, timeline, unit, the result of every step and expected output (a check
box, the state, the note and the evidence) and the outcome; a row never starts with a line or
two at a page's foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable

from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    CheckLine,
    FlowableStack,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.results_sections import (
    BODY,
    EM_DASH,
    GROUP_HEADERS,
    LANDSCAPE,
    ROW_SPLIT_LINES,
    SMALL,
    TABLE,
    ResultsDigits,
    ResultsGroup,
    clerk,
    clerk_paragraphs,
)
from itadesk.documents.shaping import text_width
from itadesk.documents.table import HEADER_GREY, ThaiTable, content_widths, thai_table
from itadesk.domain.tracking import (
    EVIDENCE_LINK,
    ITEM_OUTPUT,
    ITEM_STEP,
    STATE_LABELS_TH,
    TrackingState,
)
from itadesk.domain.tracking_rules import (
    RoundItem,
    RoundMeasure,
)

# --------------------------------------------------------------------------- group tables


def _number_label(number: int, d: ResultsDigits) -> str:
    return f"{d.n(number)})"


def _steps_cell(measure: RoundMeasure, d: ResultsDigits, style: ThaiStyle) -> list[Flowable]:
    """ "๑) …", wrapped lines aligned after the number."""
    font = style.fonts().regular
    out: list[Flowable] = []
    for k, item in enumerate((s for s in measure.steps if s.text.strip()), 1):
        label = _number_label(k, d)
        hang = text_width(font, label + " ", style.font_size)
        out.append(
            ThaiParagraph(
                f"{label} {clerk(item.text)}",
                style.replace(hanging_indent=hang, space_after=2.0, keep_whole=True),
            )
        )
    return out or [ThaiParagraph("–", style)]


def _evidence_text(item: RoundItem) -> str:
    parts = []
    for e in item.evidence:
        label = e.label.strip()
        if e.kind == EVIDENCE_LINK:
            url = e.value.strip()
            parts.append(
                f"{clerk(label)} {escape_markup(url)}"
                if label and label != url
                else escape_markup(url)
            )
        else:
            parts.append(clerk(label or PurePosixPath(e.value.replace("\\", "/")).name))
    return "; ".join(p for p in parts if p)


def _state_text(item: RoundItem, d: ResultsDigits) -> str:
    """The item's state in the report's words (in bold), with the date for a done item and
    the reason for one that cannot be done."""
    label = "<b>" + escape_markup(STATE_LABELS_TH.get(item.state, item.state)) + "</b>"
    if item.state == TrackingState.DONE and item.done_date is not None:
        return f"{label} {d.date(item.done_date)}"
    if item.state == TrackingState.CANNOT and item.reason.strip():
        return f"{label} {EM_DASH} เหตุผล: {clerk(item.reason)}"
    return label


class _Block(FlowableStack):
    """Flowables stacked in one table cell entry; the first ``keep`` of them never part at a
    page end (a list item: a check line with its state, note and evidence; a label and what
    it labels). Further down the block may break between its flowables; a first flowable
    taller than half a page may split itself, so that no block can stop the layout."""

    SPLIT_ITSELF = LANDSCAPE.frame_height / 2

    def __init__(self, parts: Sequence[Flowable], keep: int = 1) -> None:
        super().__init__(parts)
        self.keep = max(1, min(keep, len(self.parts)))
        self.spaceBefore = self.parts[0].getSpaceBefore()
        self.spaceAfter = self.parts[-1].getSpaceAfter()

    def content_widths(self) -> tuple[float, float]:
        """(least, preferred) width: the widest of its parts' (``text.content_widths``)."""
        return content_widths(self.parts)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._heights and availWidth > self.width:
            # ReportLab's Table splits a cell with the column width, padding included; the
            # block was wrapped (and is drawn) at the narrower content width
            availWidth = self.width  # noqa: N806
        self.wrap(availWidth, availHeight)
        used, fit = 0.0, 0
        for gap, h in zip(self._gaps(), self._heights, strict=True):
            if used + gap + h > availHeight + 1e-6:
                break
            used += gap + h
            fit += 1
        # called because the whole block does not fit: a split leaves something for the tail
        fit = min(fit, len(self.parts) - 1)
        if fit >= self.keep:
            return [_Block(self.parts[:fit], self.keep), _Block(self.parts[fit:])]
        if fit == 0 and self._heights[0] > self.SPLIT_ITSELF:
            # a first part this tall (a long pasted note) would hold up the layout if it
            # waited for a page with room: let it split (its own rules keep two lines a side)
            pieces = self.parts[0].split(availWidth, availHeight)
            if len(pieces) == 2:
                return [_Block(pieces[:1]), _Block([pieces[1], *self.parts[1:]], self.keep)]
        return []


def _item_lines(
    item: RoundItem,
    label: str,
    d: ResultsDigits,
    style: ThaiStyle,
    small: ThaiStyle,
    *,
    first: bool,
) -> list[Flowable]:
    """A check line (box, number, item text; wrapped lines aligned with the text) and, in
    smaller type after the box, the state, the note and the evidence. Items after the first
    get a little room above."""
    font = style.fonts().regular
    hang = text_width(font, label + " ", style.font_size) if label else 0.0
    text = f"{escape_markup(label)} {clerk(item.text)}" if label else clerk(item.text)
    line = CheckLine(
        text,
        item.state == TrackingState.DONE,
        style.replace(hanging_indent=hang, space_before=0.0 if first else 3.0),
    )
    # Under the number, after the box (the box's width plus its gap: what CheckLine adds to
    # the left indent): "ดำเนินการแล้ว ๑๓ ธ.ค. ๒๕๖๗" then fits on one line of the column.
    detail = small.replace(left_indent=line.style.left_indent)
    out: list[Flowable] = [line, ThaiParagraph(_state_text(item, d), detail)]
    if item.note.strip():
        out.append(ThaiParagraph("หมายเหตุ: " + clerk(item.note), detail))
    evidence = _evidence_text(item)
    if evidence:
        out.append(ThaiParagraph("หลักฐาน: " + evidence, detail))
    return out


def _results_cell(
    measure: RoundMeasure, d: ResultsDigits, style: ThaiStyle, small: ThaiStyle
) -> list[Flowable]:
    out: list[Flowable] = []
    steps = [i for i in measure.items if i.kind == ITEM_STEP and i.text.strip()]
    outputs = [i for i in measure.items if i.kind == ITEM_OUTPUT and i.text.strip()]
    for k, item in enumerate(steps, 1):
        # a step is a list item: its check line, state, note and evidence stay together
        lines = _item_lines(item, _number_label(k, d), d, style, small, first=not out)
        out.append(_Block(lines, len(lines)))
    for n, item in enumerate(outputs):
        lines = _item_lines(item, "", d, style, small, first=False)
        if n == 0:
            # the label stays with the first output
            label = ThaiParagraph(
                "ผลผลิตที่คาดหวัง", style.replace(bold=True, space_before=4.0 if out else 0)
            )
            out.append(_Block([label, *lines], len(lines) + 1))
        else:
            out.append(_Block(lines, len(lines)))
    return out or [ThaiParagraph("–", style)]


def _measure_cell(
    measure: RoundMeasure, d: ResultsDigits, style: ThaiStyle, small: ThaiStyle
) -> list[Flowable]:
    p = measure.progress
    # the title labels the row: it never breaks across a page
    out: list[Flowable] = [
        ThaiParagraph(
            clerk(measure.title), style.replace(bold=True, keep_whole=True, row_label=True)
        )
    ]
    if p.total:
        summary = f"ดำเนินการแล้ว {d.n(p.done)} จาก {d.n(p.total)} รายการ"
        if p.cannot:
            summary += f" ดำเนินการไม่ได้ {d.n(p.cannot)} รายการ"
        summary += f" (ร้อยละ {d.n(p.percent)})"
        out.append(ThaiParagraph(summary, small.replace(space_before=3.0)))
    return out


def _outcome_cell(measure: RoundMeasure, style: ThaiStyle) -> list[Flowable]:
    out: list[Flowable] = []
    for label, text in (("ผลผลิต", measure.outputs), ("ผลลัพธ์", measure.outcomes)):
        parts = clerk_paragraphs(text, style)
        if parts:
            head = ThaiParagraph(label, style.replace(bold=True, space_before=4.0 if out else 0))
            # the label never ends a page without its text
            out.append(_Block([head, parts[0]], 2))
            out += parts[1:]
    return out or [ThaiParagraph("–", style)]


def _timeline(measure: RoundMeasure, d: ResultsDigits) -> str:
    # generated from the measure's timeline (Arabic digits in the round data)
    return escape_markup(d(measure.timeline_label)) if measure.timeline_label else "–"


class _GroupTable(ThaiTable):
    """A group table that starts a row on the next page rather than leave a few of its lines
    at the foot of a page (``splitInRow`` is set high), yet never fails to lay out.

    ReportLab refuses an in-row split whose either part is under ``splitInRow`` and then
    splits between rows; with no row boundary to split at (a part's first row) it moves the
    whole table on. At the top of a page that is an error, and under the section heading it
    would leave that heading alone at the foot of a page (its ``CondPageBreak`` has made
    sure the row can start there): then any split the row allows is taken. The parts that
    ReportLab splits off are new instances (``self.__class__``) with the class defaults."""

    #: Offered at least this much, the table is at the top of a landscape page.
    TOP_OF_PAGE = LANDSCAPE.frame_height - 1.0
    split_anyway = False

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if parts or not (self.split_anyway or availHeight >= self.TOP_OF_PAGE):
            return parts
        keep, self.splitInRow = self.splitInRow, 1
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = keep


def group_table(
    group: ResultsGroup, d: ResultsDigits, width: float, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """The group's table. Its first row is the group heading (no rules), repeated with the
    column headers on every page: a heading can never be left alone at the foot of a page,
    and each page says which group it continues. ``lead`` (the section heading) goes above
    and is kept with the table's start."""
    head = d.style(TABLE, bold=True, alignment="center")
    cell = d.style(TABLE)
    small = d.style(SMALL)
    heading = d.style(BODY, bold=True)
    columns = len(GROUP_HEADERS)
    rows: list[list[Any]] = [
        [ThaiParagraph(group.label, heading), *([""] * (columns - 1))],
        [ThaiParagraph(h, head) for h in GROUP_HEADERS],
    ]
    for m in group.measures:
        rows.append(
            [
                _measure_cell(m, d, cell, small),
                _steps_cell(m, d, cell),
                ThaiParagraph(_timeline(m, d), cell),
                ThaiParagraph(clerk(m.unit) or "–", cell),
                _results_cell(m, d, cell, small),
                _outcome_cell(m, cell),
            ]
        )
    # the columns share the width by their content (the group heading spans them all)
    table = thai_table(
        rows,
        None,
        header_rows=2,
        style=cell,
        width=width,
        auto_skip_rows=(0,),
        grid=False,
        header_background=None,
        extra_style=[
            ("SPAN", (0, 0), (-1, 0)),
            ("LEFTPADDING", (0, 0), (-1, 0), 0.0),
            ("TOPPADDING", (0, 0), (-1, 0), 10.0),
            ("GRID", (0, 1), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 1), (-1, 1), HEADER_GREY),
        ],
    )
    # thai_table builds the table; ReportLab makes the parts of a split with self.__class__,
    # so the policy of _GroupTable carries over to every part
    table.__class__ = _GroupTable
    table.split_anyway = bool(lead)
    # ReportLab splits a row only where both parts are at least this tall; otherwise the
    # row starts on the next page. Five lines (a fifth of the page): a row never begins
    # with a line or two at the foot of a page, nor leaves a line or two overleaf.
    table.splitInRow = int(ROW_SPLIT_LINES * cell.line_height)
    if not lead:
        return [table]
    # the section heading stays with the group heading, the column headers and the least
    # part of a row (paddings included)
    room = sum(f.wrap(width, 1000.0)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
    room += 10.0 + 2 * heading.line_height + 2 * head.line_height + table.splitInRow + 24.0
    return [CondPageBreak(room), *lead, table]
