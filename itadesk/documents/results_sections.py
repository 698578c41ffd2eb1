"""The results report's front and summary (``results``): its sizes and page setups, the helpers
its parts share (``ResultsDigits``: digit style and styles of the render context; clerk
text escaped), the groups a measure is listed under (themes or indicators), the cover and the
summary table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from itadesk.documents.context import RenderContext
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    AtFrameBottom,
    PageSetup,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.table import thai_table
from itadesk.domain.fiscal import format_date_range
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import GROUP_BY_INDICATOR, ResultsReport
from itadesk.domain.tracking_rules import (
    EMPTY_PROGRESS,
    NO_THEME,
    NO_THEME_LABEL_TH,
    Progress,
    RoundMeasure,
)

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


PORTRAIT = PageSetup(left_cm=3.0, right_cm=2.0, top_cm=2.5, bottom_cm=2.0)
LANDSCAPE = PageSetup(orientation="landscape", left_cm=2.5, right_cm=1.5, top_cm=2.5, bottom_cm=1.5)


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class ResultsDigits(DigitStyle):
    """The report's digit style for generated text (clerk text is never passed here), and
    its render context."""

    context: RenderContext

    def n(self, number: int) -> str:
        return self.integer(number)

    def style(self, size: float = BODY, **changes: Any) -> ThaiStyle:
        """A paragraph style of ``size`` points in the render context."""
        return self.context.style(font_size=size).replace(**changes)


def clerk(text: str) -> str:
    """Clerk text for a markup template: as typed, escaped."""
    return escape_markup(text.strip())


def clerk_paragraphs(text: str, style: ThaiStyle) -> list[Flowable]:
    """Clerk text split into paragraphs at its line breaks (blank lines dropped)."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return [ThaiParagraph(escape_markup(p), style) for p in parts if p]


def as_of_line(report: ResultsReport, d: ResultsDigits) -> str:
    """ "ข้อมูล ณ วันที่ …", prefixed "ฉบับร่าง —" for a report from live data (no snapshot)."""
    line = f"ข้อมูล ณ วันที่ {d.date(report.round.as_of, 'full')}"
    return line if report.snapshot_taken_at is not None else f"{DRAFT_TH} {EM_DASH} {line}"


def round_lines(report: ResultsReport, d: ResultsDigits) -> tuple[str, str]:
    r = report.round
    period = format_date_range(r.start, r.end, thai_digits=d.thai)
    return f"รอบ {d.n(r.months)} เดือน", f"({period})"


# --------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class ResultsGroup:
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


def results_groups(report: ResultsReport, d: ResultsDigits) -> list[ResultsGroup]:
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
        groups.append(ResultsGroup(label, measures, progress))
    return groups


# --------------------------------------------------------------------------- cover


def cover_section(report: ResultsReport, d: ResultsDigits) -> list[Flowable]:
    title = d.style(22, bold=True, alignment="center", space_after=10)
    sub = d.style(20, bold=True, alignment="center", space_after=2)
    line = d.style(18, alignment="center")
    office = clerk(report.office_name)
    round_name, period = round_lines(report, d)
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
            escape_markup(as_of_line(report, d)),
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
            ThaiParagraph("จัดทำโดย " + clerk(report.prepared_by), line.replace(bold=True))
        )
    footer.append(ThaiParagraph(office, line))
    out.append(AtFrameBottom(footer))
    return out


# --------------------------------------------------------------------------- summary


def _percent(progress: Progress, d: ResultsDigits) -> str:
    # nothing planned: no percentage rather than a misleading 0
    return "–" if progress.total == 0 else d.n(progress.percent)


def summary_section(
    report: ResultsReport, groups: Sequence[ResultsGroup], d: ResultsDigits, width: float
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
