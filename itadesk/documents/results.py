"""The results report of one round (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส
ภายในหน่วยงาน, รอบ ๖ / ๑๒ เดือน): what the office did about each measure, item by item, as
the seeds' results reports show it, but typeset.

Public API
----------
``results_flowables(report, context, contents=None, pages=None) -> list[Flowable]``
    A portrait cover (title, round and period, office, อำเภอ/จังหวัด, "ข้อมูล ณ วันที่ …" or,
    for a report not saved as a snapshot yet, "ฉบับร่าง — ข้อมูล ณ วันที่ …", "จัดทำโดย …"),
    the preface (คำนำ, ``report.preface``) and the table of contents (สารบัญ, with
    ``contents``; ``report.contents``), then A4 landscape pages: the summary table (per
    theme or per indicator and overall: จำนวนมาตรการ, รายการทั้งหมด, ดำเนินการแล้ว,
    ดำเนินการไม่ได้, ร้อยละ) and one table per group (ประเด็นที่ ๑ … or ตัวชี้วัดที่ n,
    then "ไม่ระบุประเด็น" / "ไม่ระบุตัวชี้วัด"; a measure appears under every group it lists;
    empty groups are left out) with the columns
    มาตรการ/โครงการ/กิจกรรม | ขั้นตอน/วิธีปฏิบัติ | ระยะเวลาดำเนินการ | ผู้รับผิดชอบ |
    ผลการดำเนินการ | ผลลัพธ์/ความสำเร็จ.
    ผลการดำเนินการ has one line per step and expected output: a vector check box (ticked when
    done), the item's text, then its state in smaller type (the date for a done item, the
    reason for one that cannot be done), its note and its evidence ("หลักฐาน: …").
    The group heading and the column headers repeat on every page of a group's table; a row
    starts on the next page rather than with a line or two at the foot of one, and a row
    taller than a page continues on the next.
``write_results_report(report, output, context, *, invariant=False)``
    Writes the PDF atomically; page numbers from page 2 in the report's digit style. The
    fonts and the line breaker are those of ``context`` (a ``RenderContext``).
``results_page_setups(report) -> (portrait, landscape)`` / ``LANDSCAPE_TEMPLATE``

Digits: text this module generates (numbers, dates, step numbers, headings, the timeline) goes
through ``to_thai_digits`` when ``report.thai_digits``; it leaves codes (O11) and URLs alone.
Clerk text (titles, steps, notes, reasons, evidence, units, results) is printed as typed, never
converted, and always escaped before it meets markup, so "<script>" or "&" print literally.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from itadesk.documents.context import RenderContext
from itadesk.documents.front import BookletReport, Contents, preface_flowables
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    AtFrameBottom,
    CheckLine,
    DocumentLayout,
    DocumentMetadata,
    PageSetup,
    page_numbers_for,
    switch_page,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import text_width
from itadesk.documents.table import HEADER_GREY, ThaiTable, content_widths, thai_table
from itadesk.domain.fiscal import format_date_range
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import GROUP_BY_INDICATOR, ResultsReport
from itadesk.domain.tracking import (
    EVIDENCE_LINK,
    ITEM_OUTPUT,
    ITEM_STEP,
    STATE_LABELS_TH,
    TrackingState,
)
from itadesk.domain.tracking_rules import (
    EMPTY_PROGRESS,
    NO_THEME,
    NO_THEME_LABEL_TH,
    Progress,
    RoundItem,
    RoundMeasure,
)

__all__ = [
    "LANDSCAPE_TEMPLATE",
    "results_flowables",
    "results_layout",
    "results_page_setups",
    "write_results_report",
]

LANDSCAPE_TEMPLATE = "landscape"
TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
NO_INDICATOR_LABEL_TH = "ไม่ระบุตัวชี้วัด"
DRAFT_TH = "ฉบับร่าง"
BODY = 16.0
TABLE = 14.0
SMALL = 12.0
DRAFT_COLOUR = colors.Color(0.72, 0.0, 0.0)
TOTAL_TINT = colors.Color(0.93, 0.95, 0.98)
ROW_SPLIT_LINES = 5
EM_DASH = "\u2014"

#: The columns of a group table; their widths come from their content (``thai_table``
#: with automatic widths): ผลการดำเนินการ, with a check line, a state line and often
#: evidence per item, gets the most room, the timeline and the unit just enough.
GROUP_HEADERS = (
    "มาตรการ/<br/>โครงการ/กิจกรรม",
    "ขั้นตอน/<br/>วิธีปฏิบัติ",
    "ระยะเวลา<br/>ดำเนินการ",
    "ผู้รับผิดชอบ",
    "ผลการดำเนินการ",
    "ผลลัพธ์/<br/>ความสำเร็จ",
)
SUMMARY_HEADERS = ("จำนวน<br/>มาตรการ", "รายการ<br/>ทั้งหมด", "ดำเนินการ<br/>แล้ว",
                   "ดำเนินการ<br/>ไม่ได้", "ร้อยละ")  # fmt: skip


_PORTRAIT = PageSetup(left_cm=3.0, right_cm=2.0, top_cm=2.5, bottom_cm=2.0)
_LANDSCAPE = PageSetup(
    orientation="landscape", left_cm=2.5, right_cm=1.5, top_cm=2.5, bottom_cm=1.5
)


def results_page_setups(report: ResultsReport) -> tuple[PageSetup, PageSetup]:
    """(portrait cover, landscape tables), the analysis report's margins."""
    numbers = page_numbers_for(report.thai_digits)
    return replace(_PORTRAIT, page_numbers=numbers), replace(_LANDSCAPE, page_numbers=numbers)


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Digits(DigitStyle):
    """The report's digit style for generated text (clerk text is never passed here), and
    its render context."""

    context: RenderContext

    def n(self, number: int) -> str:
        return self.integer(number)

    def style(self, size: float = BODY, **changes: Any) -> ThaiStyle:
        """A paragraph style of ``size`` points in the render context."""
        return self.context.style(font_size=size).replace(**changes)


def _clerk(text: str) -> str:
    """Clerk text for a markup template: as typed, escaped."""
    return escape_markup(text.strip())


def _clerk_paragraphs(text: str, style: ThaiStyle) -> list[Flowable]:
    """Clerk text split into paragraphs at its line breaks (blank lines dropped)."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return [ThaiParagraph(escape_markup(p), style) for p in parts if p]


def _as_of_line(report: ResultsReport, d: _Digits) -> str:
    """ "ข้อมูล ณ วันที่ …", prefixed "ฉบับร่าง —" for a report from live data (no snapshot)."""
    line = f"ข้อมูล ณ วันที่ {d.date(report.round.as_of, 'full')}"
    return line if report.snapshot_taken_at is not None else f"{DRAFT_TH} {EM_DASH} {line}"


def _round_lines(report: ResultsReport, d: _Digits) -> tuple[str, str]:
    r = report.round
    period = format_date_range(r.start, r.end, thai_digits=d.thai)
    return f"รอบ {d.n(r.months)} เดือน", f"({period})"


# --------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class _Group:
    label: str  # "ประเด็นที่ ๑ …": generated, digits styled, escaped; heading and row label
    measures: tuple[RoundMeasure, ...]
    progress: Progress


def _theme_name(report: ResultsReport, number: int) -> str:
    if report.framework is not None:
        for theme in report.framework.themes:
            if theme.number == number:
                return theme.name_th
    return ""


def _indicator_name(report: ResultsReport, number: int) -> str:
    if report.framework is not None:
        for indicator in report.framework.indicators:
            if indicator.number == number:
                return indicator.name_th
    return ""


def _ordered(numbers: set[int], known: Sequence[int]) -> list[int]:
    """The framework's order first, then numbers it does not know, "none" (0) last."""
    ordered = [n for n in known if n in numbers]
    ordered += sorted(n for n in numbers if n not in known and n != NO_THEME)
    return ordered + ([NO_THEME] if NO_THEME in numbers else [])


def _groups(report: ResultsReport, d: _Digits) -> list[_Group]:
    """The report's groups in print order, each with its measures and its progress."""
    by_indicator = report.grouping == GROUP_BY_INDICATOR
    fw = report.framework
    members: dict[int, list[RoundMeasure]] = {}
    for measure in report.round.measures:
        numbers = measure.indicators if by_indicator else measure.themes
        # dict.fromkeys: a number listed twice still lists the measure once
        for number in dict.fromkeys(numbers or (NO_THEME,)):
            members.setdefault(number, []).append(measure)
    if by_indicator:
        known = [i.number for i in fw.indicators] if fw is not None else []
        word, none_label, name_of = "ตัวชี้วัดที่", NO_INDICATOR_LABEL_TH, _indicator_name
    else:
        known = [t.number for t in fw.themes] if fw is not None else []
        word, none_label, name_of = "ประเด็นที่", NO_THEME_LABEL_TH, _theme_name
    stored = dict(report.round.themes)
    groups = []
    for number in _ordered(set(members), known):
        measures = tuple(members[number])
        if number == NO_THEME:
            label = none_label
        else:
            label = f"{word} {d.n(number)} {escape_markup(name_of(report, number))}".rstrip()
        # Themes use the progress the round stored (a snapshot is never recounted); there is
        # none per indicator, so those sum the stored per-measure progress the same way.
        progress = stored.get(number) if not by_indicator else None
        if progress is None:
            progress = sum((m.progress for m in measures), EMPTY_PROGRESS)
        groups.append(_Group(label, measures, progress))
    return groups


# --------------------------------------------------------------------------- cover


def _cover(report: ResultsReport, d: _Digits) -> list[Flowable]:
    title = d.style(22, bold=True, alignment="center", space_after=10)
    sub = d.style(20, bold=True, alignment="center", space_after=2)
    line = d.style(18, alignment="center")
    office = _clerk(report.office_name)
    round_name, period = _round_lines(report, d)
    out: list[Flowable] = [
        Spacer(1, 4.0 * cm),
        # explicit lines: the title breaks where a reader pauses
        ThaiParagraph(
            "รายงานผลการดำเนินการตามมาตรการ<br/>"
            "ส่งเสริมคุณธรรมและความโปร่งใส<br/>"
            f"ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {d.n(report.round.plan_year)}",
            title,
        ),
        ThaiParagraph(round_name, sub),
        ThaiParagraph(period, line.replace(space_after=6)),
        ThaiParagraph(
            escape_markup(_as_of_line(report, d)),
            line.replace(
                bold=report.snapshot_taken_at is None,
                text_color=DRAFT_COLOUR if report.snapshot_taken_at is None else colors.black,
            ),
        ),
        Spacer(1, 2.5 * cm),
        ThaiParagraph(office, d.style(22, bold=True, alignment="center", space_after=4)),
    ]
    place = place_th(report.district, report.province)
    if place:
        out.append(ThaiParagraph(escape_markup(place), line))
    footer = []
    if report.prepared_by.strip():
        footer.append(
            ThaiParagraph("จัดทำโดย " + _clerk(report.prepared_by), line.replace(bold=True))
        )
    footer.append(ThaiParagraph(office, line))
    out.append(AtFrameBottom(footer))
    return out


# --------------------------------------------------------------------------- summary


def _percent(progress: Progress, d: _Digits) -> str:
    # nothing planned: no percentage rather than a misleading 0
    return "–" if progress.total == 0 else d.n(progress.percent)


def _summary(
    report: ResultsReport, groups: Sequence[_Group], d: _Digits, width: float
) -> list[Flowable]:
    head = d.style(TABLE, bold=True, alignment="center")
    cell = d.style(TABLE)
    num = cell.replace(alignment="center")
    by_indicator = report.grouping == GROUP_BY_INDICATOR
    rows: list[list[Any]] = [
        [ThaiParagraph("ตัวชี้วัด" if by_indicator else "ประเด็น", head)]
        + [ThaiParagraph(h, head) for h in SUMMARY_HEADERS]
    ]

    def numbers(count: int, p: Progress, style: ThaiStyle) -> list[ThaiParagraph]:
        values = (d.n(count), d.n(p.total), d.n(p.done), d.n(p.cannot), _percent(p, d))
        return [ThaiParagraph(v, style) for v in values]

    for group in groups:
        rows.append(
            [ThaiParagraph(group.label, cell), *numbers(len(group.measures), group.progress, num)]
        )
    overall = report.round.overall
    bold_num = num.replace(bold=True)
    rows.append(
        [
            ThaiParagraph("รวมทั้งหมด", cell.replace(bold=True)),
            *numbers(len(report.round.measures), overall, bold_num),
        ]
    )
    note = d.style(SMALL)
    where = "ตัวชี้วัด" if by_indicator else "ประเด็น"
    notes = [
        ThaiParagraph(
            "รายการ หมายถึง ขั้นตอนและผลผลิตที่คาดหวังของแต่ละมาตรการ "
            "ร้อยละ = ดำเนินการแล้ว ÷ (รายการทั้งหมด − ดำเนินการไม่ได้) × " + d("100"),
            note,
        ),
        ThaiParagraph(
            f"มาตรการที่ระบุหลาย{where}นับในทุก{where}ที่ระบุ แถวรวมทั้งหมดนับมาตรการละหนึ่งครั้ง "
            f"สถานะ ณ วันที่ {d.date(report.round.as_of, 'full')}",
            note,
        ),
    ]
    # the notes are the table's last row (spanned, no rules), kept with the total row: they
    # never start a page on their own
    rows.append([notes, *([""] * 5)])
    # wide enough for "ดำเนินการ" on one line of the two-line headers
    col = 2.6 * cm
    table = thai_table(
        rows,
        [width - 5 * col, *([col] * 5)],
        style=d.style(),
        grid=False,
        extra_style=[
            ("GRID", (0, 0), (-1, -2), 0.5, colors.black),
            ("BACKGROUND", (0, -2), (-1, -2), TOTAL_TINT),
            ("SPAN", (0, -1), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0.0),
            ("NOSPLIT", (0, -2), (-1, -1)),
        ],
    )
    # short rows: split between rows only, which is what honours NOSPLIT
    table.splitByRow, table.splitInRow = 1, 0
    return [table]


# --------------------------------------------------------------------------- group tables


def _number_label(number: int, d: _Digits) -> str:
    return f"{d.n(number)})"


def _steps_cell(measure: RoundMeasure, d: _Digits, style: ThaiStyle) -> list[Flowable]:
    """ "๑) …", wrapped lines aligned after the number."""
    font = style.fonts().regular
    out: list[Flowable] = []
    for k, item in enumerate((s for s in measure.steps if s.text.strip()), 1):
        label = _number_label(k, d)
        hang = text_width(font, label + " ", style.font_size)
        out.append(
            ThaiParagraph(
                f"{label} {_clerk(item.text)}",
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
                f"{_clerk(label)} {escape_markup(url)}"
                if label and label != url
                else escape_markup(url)
            )
        else:
            parts.append(_clerk(label or PurePosixPath(e.value.replace("\\", "/")).name))
    return "; ".join(p for p in parts if p)


def _state_text(item: RoundItem, d: _Digits) -> str:
    """The item's state in the report's words (in bold), with the date for a done item and
    the reason for one that cannot be done."""
    label = "<b>" + escape_markup(STATE_LABELS_TH.get(item.state, item.state)) + "</b>"
    if item.state == TrackingState.DONE and item.done_date is not None:
        return f"{label} {d.date(item.done_date)}"
    if item.state == TrackingState.CANNOT and item.reason.strip():
        return f"{label} {EM_DASH} เหตุผล: {_clerk(item.reason)}"
    return label


class _Block(Flowable):
    """Flowables stacked in one table cell entry; the first ``keep`` of them never part at a
    page end (a list item: a check line with its state, note and evidence; a label and what
    it labels). Further down the block may break between its flowables; a first flowable
    taller than half a page may split itself, so that no block can stop the layout."""

    SPLIT_ITSELF = _LANDSCAPE.frame_height / 2

    def __init__(self, parts: Sequence[Flowable], keep: int = 1) -> None:
        super().__init__()
        self.parts = list(parts)
        self.keep = max(1, min(keep, len(self.parts)))
        self.spaceBefore = self.parts[0].getSpaceBefore()
        self.spaceAfter = self.parts[-1].getSpaceAfter()
        self._heights: list[float] = []

    def _gaps(self) -> list[float]:
        """Space above each part inside the block (none above the first)."""
        out = [0.0]
        for above, part in itertools.pairwise(self.parts):
            out.append(above.getSpaceAfter() + part.getSpaceBefore())
        return out

    def content_widths(self) -> tuple[float, float]:
        """(least, preferred) width: the widest of its parts' (``text.content_widths``)."""
        return content_widths(self.parts)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self.parts]
        self.height = sum(self._heights) + sum(self._gaps())
        return availWidth, self.height

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

    def draw(self) -> None:
        y = self.height
        for gap, h, part in zip(self._gaps(), self._heights, self.parts, strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)


def _item_lines(
    item: RoundItem, label: str, d: _Digits, style: ThaiStyle, small: ThaiStyle, *, first: bool
) -> list[Flowable]:
    """A check line (box, number, item text; wrapped lines aligned with the text) and, in
    smaller type after the box, the state, the note and the evidence. Items after the first
    get a little room above."""
    font = style.fonts().regular
    hang = text_width(font, label + " ", style.font_size) if label else 0.0
    text = f"{escape_markup(label)} {_clerk(item.text)}" if label else _clerk(item.text)
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
        out.append(ThaiParagraph("หมายเหตุ: " + _clerk(item.note), detail))
    evidence = _evidence_text(item)
    if evidence:
        out.append(ThaiParagraph("หลักฐาน: " + evidence, detail))
    return out


def _results_cell(
    measure: RoundMeasure, d: _Digits, style: ThaiStyle, small: ThaiStyle
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
    measure: RoundMeasure, d: _Digits, style: ThaiStyle, small: ThaiStyle
) -> list[Flowable]:
    p = measure.progress
    # the title labels the row: it never breaks across a page
    out: list[Flowable] = [
        ThaiParagraph(
            _clerk(measure.title), style.replace(bold=True, keep_whole=True, row_label=True)
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
        parts = _clerk_paragraphs(text, style)
        if parts:
            head = ThaiParagraph(label, style.replace(bold=True, space_before=4.0 if out else 0))
            # the label never ends a page without its text
            out.append(_Block([head, parts[0]], 2))
            out += parts[1:]
    return out or [ThaiParagraph("–", style)]


def _timeline(measure: RoundMeasure, d: _Digits) -> str:
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
    TOP_OF_PAGE = _LANDSCAPE.frame_height - 1.0
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


def _group_table(
    group: _Group, d: _Digits, width: float, lead: Sequence[Flowable] = ()
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
                ThaiParagraph(_clerk(m.unit) or "–", cell),
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


# --------------------------------------------------------------------------- assembly


def _title_block(report: ResultsReport, d: _Digits) -> list[Flowable]:
    round_name, period = _round_lines(report, d)
    draft = report.snapshot_taken_at is None
    place = escape_markup(place_th(report.district, report.province))
    out: list[Flowable] = [
        # the title fills a landscape line; the year goes with the round on the next one
        ThaiParagraph(TITLE, d.style(18, bold=True, alignment="center")),
        ThaiParagraph(
            f"ประจำปีงบประมาณ พ.ศ. {d.n(report.round.plan_year)} {round_name} {period}",
            d.style(BODY, bold=True, alignment="center"),
        ),
        ThaiParagraph(
            " ".join(p for p in (_clerk(report.office_name), place) if p),
            d.style(BODY, alignment="center"),
        ),
        ThaiParagraph(
            escape_markup(_as_of_line(report, d)),
            d.style(
                BODY,
                alignment="center",
                bold=draft,
                text_color=DRAFT_COLOUR if draft else colors.black,
                space_after=8.0,
            ),
        ),
    ]
    return out


def results_flowables(
    report: ResultsReport,
    context: RenderContext,
    contents: Contents | None = None,
    pages: Mapping[str, int] | None = None,
) -> list[Flowable]:
    """The report's flowables: the portrait cover (then the preface and, with ``contents``,
    the สารบัญ numbered from ``pages``), then the landscape tables."""
    d = _Digits(report.thai_digits, context)
    portrait, landscape = results_page_setups(report)
    width = landscape.frame_width
    groups = _groups(report, d)
    by_indicator = report.grouping == GROUP_BY_INDICATOR
    out: list[Flowable] = _cover(report, d)
    if report.preface is not None:
        out += [PageBreak(), *preface_flowables(report.preface, context, portrait.frame_width)]
    contents_at = len(out)
    if contents is not None and report.preface is None:
        out.append(PageBreak())
        contents_at = len(out)
    out += switch_page(LANDSCAPE_TEMPLATE)
    out += _title_block(report, d)
    # (no keepWithNext: it would move a summary that overflows the first page to the next
    # one whole; the heading sits under the title block, never at a page's foot)
    section = d.style(BODY, bold=True, space_before=6.0, space_after=4.0)
    summary_heading = ThaiParagraph(f"{d.n(1)}. สรุปผลการดำเนินการ", section)
    if contents is not None:
        contents.mark(summary_heading, f"{d.n(1)}. สรุปผลการดำเนินการ")
    out.append(summary_heading)
    if report.round.measures:
        out += _summary(report, groups, d, width)
        heading = "ผลการดำเนินการรายตัวชี้วัด" if by_indicator else "ผลการดำเนินการรายประเด็น"
        lead = [ThaiParagraph(f"{d.n(2)}. {heading}", section.replace(space_before=14.0))]
        if contents is not None:
            contents.mark(lead[0], f"{d.n(2)}. {heading}")
        for group in groups:
            parts = _group_table(group, d, width, lead)
            if contents is not None:
                contents.mark(parts[-1], _plain(group.label), 2)
            out += parts
            lead = []
    else:
        out.append(
            ThaiParagraph(
                "ยังไม่มีมาตรการในปีงบประมาณนี้ เมื่อกำหนดมาตรการแล้ว ผลการดำเนินการจะแสดงในหน้านี้",
                d.style(BODY, alignment="justify"),
            )
        )
    if contents is not None:
        front = contents.flowables(context, portrait.frame_width, pages)
        # the landscape pages start after the contents page (switch_page breaks the page)
        if isinstance(front[-1], PageBreak):
            front.pop()
        out[contents_at:contents_at] = front
    elif report.preface is not None and isinstance(out[contents_at - 1], PageBreak):
        del out[contents_at - 1]  # switch_page breaks the page after the preface
    return out


def _plain(label: str) -> str:
    """A heading written for markup, as plain text (for the table of contents)."""
    return label.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _results_metadata(report: ResultsReport) -> DocumentMetadata:
    r = report.round
    title = f"{TITLE} ประจำปีงบประมาณ พ.ศ. {r.plan_year} รอบ {r.months} เดือน"
    if report.snapshot_taken_at is None:
        title += f" ({DRAFT_TH})"
    return {"title": title, "author": report.office_name}


def _booklet(report: ResultsReport, context: RenderContext) -> BookletReport:
    portrait, landscape = results_page_setups(report)
    return BookletReport(
        lambda contents, pages: results_flowables(report, context, contents, pages),
        portrait,
        landscape,
        LANDSCAPE_TEMPLATE,
        _results_metadata(report),
        report.thai_digits,
        with_contents=report.contents,
    )


def results_layout(report: ResultsReport, context: RenderContext) -> DocumentLayout:
    """The results report as a ``DocumentLayout`` for the Word copy: its สารบัญ
    (``report.contents``) without page numbers (Word numbers it on opening)."""
    return _booklet(report, context).layout()


def write_results_report(
    report: ResultsReport, output: Path, context: RenderContext, *, invariant: bool = False
) -> None:
    """Write the results report PDF to ``output`` atomically (portrait cover, landscape
    tables); with ``report.contents`` in two passes, so the สารบัญ has the pages."""
    _booklet(report, context).write_pdf(output, context, invariant=invariant)
