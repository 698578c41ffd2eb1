"""The section (f) of the analysis report (``report``): the measures table, in the full seven
columns or the compact five of the offices' own booklets, its columns sized by their content.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from itadesk.documents.markup import escape_markup
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.report_sections import (
    INDENT,
    MEASURES_TABLE,
    ReportText,
    clerk_paragraphs,
    para,
    theme_name,
)
from itadesk.documents.shaping import text_width
from itadesk.documents.table import thai_table
from itadesk.domain.documents import MeasuresLayout
from itadesk.domain.measure_rules import numbered_steps, timeline_label_th
from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.report import AnalysisReport

# --------------------------------------------------------------------------- (f) measures


def _timeline(timeline: Timeline, plan_year: int, thai: bool) -> str:
    try:
        return timeline_label_th(timeline, plan_year, thai_digits=thai)
    except ValueError:
        # saved measures are validated; an impossible timeline still must not stop printing
        return "(ระยะเวลาไม่ถูกต้อง)"


def _step_cell(measure: Measure, t: ReportText, style: ThaiStyle) -> list[Flowable]:
    """One paragraph per step, wrapped lines aligned after "๑) "; a step is a list item: a
    page break falls between steps, never inside one."""
    out: list[Flowable] = []
    steps = numbered_steps([s for s in measure.steps if s.strip()], thai_digits=t.thai)
    font = style.fonts().regular
    for step in steps:
        number, _, rest = step.partition(" ")
        hang = text_width(font, number + " ", style.font_size)
        out.append(
            ThaiParagraph(
                escape_markup(number) + " " + t.clerk(rest),
                style.replace(hanging_indent=hang, space_after=1.0, keep_whole=True),
            )
        )
    return out or [ThaiParagraph("", style)]


def _analysis_cell(
    measure: Measure, report: AnalysisReport, t: ReportText, style: ThaiStyle
) -> list[Flowable]:
    """The analysis the measure answers, then what it serves, each kind as one run-in
    paragraph: "ตัวชี้วัดที่เกี่ยวข้อง ๙ การเปิดเผยข้อมูล, ๑๐ …", "ประเด็น …", "ข้อ OIT …"."""
    out: list[Flowable] = clerk_paragraphs(measure.rationale, t, style)
    refs = style.replace(space_before=3.0)
    if measure.indicators:
        names = ", ".join(
            f"{t.d(str(number))} {escape_markup(report.indicator_name_th(number))}".rstrip()
            for number in measure.indicators
        )
        out.append(ThaiParagraph(f"<b>ตัวชี้วัดที่เกี่ยวข้อง</b> {names}", refs))
    if measure.themes and report.plan_framework is not None:
        names = ", ".join(
            f"{t.d(str(n))} {escape_markup(name)}"
            for n in measure.themes
            if (name := theme_name(report.plan_framework, n))
        )
        if names:
            out.append(ThaiParagraph(f"<b>ประเด็นที่</b> {names}", refs))
    if measure.oit_items:
        # item codes are printed as they are (Latin letter, Arabic digits)
        codes = ", ".join(escape_markup(code) for code in measure.oit_items)
        out.append(ThaiParagraph(f"<b>ข้อ OIT</b> {codes}", refs))
    return out or [ThaiParagraph("", style)]


def _follow_cell(measure: Measure, t: ReportText, style: ThaiStyle) -> list[Flowable]:
    """การกำกับติดตาม and การรายงานผล, each a bold run-in label before its text (the
    column is sized by its content, so the label does not stand alone on a line)."""
    out: list[Flowable] = []
    for title, text in (("การกำกับติดตาม", measure.follow_up), ("การรายงานผล", measure.reporting)):
        parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
        for k, part in enumerate(parts):
            lead = f"<b>{title}</b> " if k == 0 else ""
            out.append(
                ThaiParagraph(lead + t.clerk(part), style.replace(space_before=1.0 if out else 0))
            )
    return out or [ThaiParagraph("", style)]


#: The headers of the full measures table (seven columns).
FULL_HEADERS = (
    "ที่",
    "มาตรการ/<br/>โครงการ/กิจกรรม",
    "ผลการวิเคราะห์ที่มาตรการตอบ",
    "ขั้นตอนหรือวิธีการดำเนินการ",
    "ระยะเวลา",
    "ผู้รับผิดชอบ",
    "การกำกับติดตามและรายงานผล",
)
#: The headers of the compact measures table, as the offices' own booklets have them.
COMPACT_HEADERS = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลา<br/>ดำเนินการ",
    "การติดตามผล",
)


def _compact_title_cell(
    n: int, measure: Measure, report: AnalysisReport, t: ReportText, style: ThaiStyle
) -> list[Flowable]:
    """ "๑. <title>" with the indicators the measure serves under it."""
    out: list[Flowable] = [
        ThaiParagraph(
            f"{t.d(str(n))}. {t.clerk(measure.title.strip())}",
            style.replace(bold=True, keep_whole=True, row_label=True),
        )
    ]
    if measure.indicators:
        numbers = ", ".join(t.d(str(number)) for number in measure.indicators)
        out.append(ThaiParagraph(f"(ตัวชี้วัดที่ {numbers})", style.replace(space_before=2.0)))
    return out


def _measure_rows(
    measures: list[Measure], report: AnalysisReport, t: ReportText, cell: ThaiStyle, compact: bool
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for n, m in enumerate(measures, 1):
        timeline = para(escape_markup(_timeline(m.timeline, report.plan_year, t.thai)), cell)
        unit = para(t.clerk(m.unit.strip()), cell)
        if compact:
            rows.append(
                [
                    _compact_title_cell(n, m, report, t, cell),
                    _step_cell(m, t, cell),
                    unit,
                    timeline,
                    _follow_cell(m, t, cell),
                ]
            )
        else:
            rows.append(
                [
                    para(t.d(str(n)), cell.replace(alignment="center")),
                    para(
                        t.clerk(m.title.strip()),
                        cell.replace(bold=True, keep_whole=True, row_label=True),
                    ),
                    _analysis_cell(m, report, t, cell),
                    _step_cell(m, t, cell),
                    timeline,
                    unit,
                    _follow_cell(m, t, cell),
                ]
            )
    return rows


def measures_section(
    report: AnalysisReport, t: ReportText, width: float, layout: MeasuresLayout
) -> list[Flowable]:
    plan = t.d(str(report.plan_year))
    title = t.style(font_size=18, bold=True, alignment="center")
    out: list[Flowable] = [
        para(
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan}",
            title,
        ),
        para(
            escape_markup(report.office_name.strip()),
            t.style(alignment="center", space_after=8),
        ),
    ]
    measures = [m for m in report.measures if m.title.strip()]
    if not measures:
        out.append(
            para(
                "ยังไม่ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                f"ประจำปีงบประมาณ พ.ศ. {plan} เมื่อกำหนดมาตรการแล้ว "
                "ตารางมาตรการจะแสดงในหน้านี้",
                t.style(alignment="justify", first_line_indent=INDENT, space_before=6),
            )
        )
        return out
    # a little under the score table's 13 pt: five or seven columns of long Thai text on a
    # landscape page
    head = t.style(font_size=MEASURES_TABLE, bold=True, alignment="center")
    cell = t.style(font_size=MEASURES_TABLE)
    compact = layout == MeasuresLayout.COMPACT
    headers = COMPACT_HEADERS if compact else FULL_HEADERS
    rows: list[list[Any]] = [[para(text, head) for text in headers]]
    rows += _measure_rows(measures, report, t, cell, compact)
    # the columns share the width by their content, as a web page's table does: the long
    # steps and follow-up texts get the room, "ที่" and the unit just enough
    table = thai_table(rows, None, header_rows=1, style=cell, width=width)
    # ReportLab reads a number here as the least height a split-off part of a row may have:
    # a row does not start on the last two lines of a page, it starts on the next one
    table.splitInRow = int(3 * cell.line_height)
    out.append(table)
    return out
