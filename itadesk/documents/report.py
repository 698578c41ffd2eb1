"""The analysis-and-measures report (รายงานผลการวิเคราะห์ผลการประเมิน ITA และมาตรการส่งเสริม
คุณธรรมและความโปร่งใสภายในหน่วยงาน), the document the office publishes for the OIT item.

Public API
----------
``report_flowables(report, context, contents=None, pages=None) -> list[Flowable]``
    Cover page; the preface (คำนำ) when ``report.preface`` and the table of contents
    (สารบัญ) when ``contents`` is given (``report.contents``); scores by tool and
    indicator (last year beside this year, the change, the total and the rating with its
    explanation, indicators under the target marked "*" and tinted); the bar chart; item
    scores grouped by theme (when any item has a score); the analysis per indicator and the
    summary; the measures table on A4 landscape pages, in the full seven columns or the
    compact five of the offices' own booklets (``context.measures_layout``), its columns
    sized by their content (the header row repeats on every page; a row taller than the
    space left continues on the next page, split between steps, never leaving one line
    alone).
``write_analysis_report(report, output, context, *, invariant=False)``
    Writes the PDF atomically, in the fonts and with the line breaker of ``context`` (a
    ``RenderContext``): A4 portrait (margins left 3, right 2, top 2.5, bottom 2 cm)
    for the cover to the analysis, A4 landscape for the measures; page numbers from page 2.

Digits: with ``report.thai_digits`` every figure, label and the clerk's text goes through
``to_thai_digits``, which leaves item codes (O11, i16) and URLs in Latin. Clerk text is always
escaped before it meets markup, so "<p>" or "&" print as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from itadesk.documents.chart import ChartBar, ScoreChart
from itadesk.documents.context import RenderContext
from itadesk.documents.front import BookletReport, Contents, preface_flowables
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    AtFrameBottom,
    DocumentLayout,
    DocumentMetadata,
    PageSetup,
    page_numbers_for,
    switch_page,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.shaping import text_width
from itadesk.documents.table import thai_table
from itadesk.domain.analysis import FIELD_TITLES_TH, INDICATOR_FIELDS, SUMMARY
from itadesk.domain.documents import MeasuresLayout
from itadesk.domain.frameworks import Framework
from itadesk.domain.measure_rules import numbered_steps, timeline_label_th
from itadesk.domain.measures import Measure, Timeline
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt, theme_item_scores

__all__ = [
    "LANDSCAPE_TEMPLATE",
    "report_flowables",
    "report_layout",
    "report_page_setups",
    "write_analysis_report",
]

LANDSCAPE_TEMPLATE = "landscape"
BODY = 16.0
TABLE = 14.0
MEASURES_TABLE = 12.0
SCORE_TABLE = 13.0
INDENT = 2.5 * cm
BELOW_TINT = colors.Color(1.0, 0.90, 0.75)  # light orange, as the chart's below-target bars
TOOL_TINT = colors.Color(0.93, 0.95, 0.98)
MARK = "*"


def report_page_setups(report: AnalysisReport) -> tuple[PageSetup, PageSetup]:
    """(portrait, landscape) pages of the report."""
    numbers = page_numbers_for(report.thai_digits)
    portrait = PageSetup(left_cm=3.0, right_cm=2.0, top_cm=2.5, bottom_cm=2.0, page_numbers=numbers)
    landscape = PageSetup(
        orientation="landscape",
        left_cm=2.5,
        right_cm=1.5,
        top_cm=2.5,
        bottom_cm=1.5,
        page_numbers=numbers,
    )
    return portrait, landscape


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Text(DigitStyle):
    """The report's digit style, plus escaping for clerk text and its render context."""

    context: RenderContext

    def style(self, **changes: Any) -> ThaiStyle:
        """A paragraph style of the report's body size in the render context."""
        return self.context.style(font_size=BODY).replace(**changes)

    def d(self, text: str) -> str:
        """Generated text in the report's digit style (codes and URLs stay Latin)."""
        return self(text)

    def clerk(self, text: str) -> str:
        """Clerk text, ready for a markup template: digit style, then escaped."""
        return escape_markup(self(text))

    def num(self, value: Decimal | None) -> str:
        return self.number(value)


def _para(text: str, style: ThaiStyle) -> ThaiParagraph:
    return ThaiParagraph(text, style)


def _heading(
    text: str, t: _Text, *, size: float = 17.0, follow: float = 3 * cm, **changes: Any
) -> list[Flowable]:
    """A bold heading that never ends a page: it starts a new page unless room for itself
    and ``follow`` points of what comes after is left."""
    style = t.style(font_size=size, bold=True, space_before=12.0, space_after=4.0, **changes)
    room = style.line_height * 2 + style.space_before + style.space_after + follow
    return [CondPageBreak(room), ThaiParagraph(text, style)]


def _paragraphs(text: str, t: _Text, style: ThaiStyle) -> list[Flowable]:
    """Clerk text split into paragraphs at blank lines and line breaks."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return [ThaiParagraph(t.clerk(p), style) for p in parts if p]


def _theme_name(framework: Framework | None, number: int) -> str:
    if framework is None:
        return ""
    for theme in framework.themes:
        if theme.number == number:
            return theme.name_th
    return ""


# --------------------------------------------------------------------------- (a) cover


def _cover(report: AnalysisReport, t: _Text) -> list[Flowable]:
    year, plan = t.d(str(report.fiscal_year)), t.d(str(report.plan_year))
    title = t.style(font_size=22, bold=True, alignment="center", space_after=10)
    sub = t.style(font_size=20, bold=True, alignment="center", space_after=6)
    line = t.style(font_size=18, alignment="center")
    office = escape_markup(report.office_name.strip())
    out: list[Flowable] = [
        Spacer(1, 4.5 * cm),
        # explicit lines: the title breaks where a reader pauses, never inside "พ.ศ. ๒๕๖๖"
        _para(
            "รายงานผลการวิเคราะห์ผลการประเมิน<br/>"
            "คุณธรรมและความโปร่งใสในการดำเนินงาน<br/>"
            "ของหน่วยงานภาครัฐ (ITA)<br/>"
            f"ประจำปีงบประมาณ พ.ศ. {year}",
            title,
        ),
        _para("และ", sub),
        _para(
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส<br/>ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan}",
            sub,
        ),
        Spacer(1, 2.5 * cm),
        _para(office, t.style(font_size=22, bold=True, alignment="center", space_after=4)),
    ]
    place = place_th(report.district, report.province)
    if place:
        out.append(_para(escape_markup(place), line))
    footer = []
    if report.prepared_by.strip():
        footer.append(
            _para("จัดทำโดย " + escape_markup(report.prepared_by.strip()), line.replace(bold=True))
        )
    footer.append(_para(office, line))
    out.append(AtFrameBottom(footer))
    out.append(PageBreak())
    return out


# --------------------------------------------------------------------------- (b) scores


def _score_table(report: AnalysisReport, t: _Text, width: float) -> list[Flowable]:
    fw = report.framework
    prev = report.previous_scores
    prev_tools = report.previous_result.tool_scores if report.previous_result else {}
    target = report.target
    # 13 pt keeps the whole table (16 rows) on one page with the names on one line each
    head = t.style(font_size=SCORE_TABLE, bold=True, alignment="center")
    cell = t.style(font_size=SCORE_TABLE)
    num = cell.replace(alignment="center")
    bold_num = num.replace(bold=True)
    year, prev_year = t.d(str(report.fiscal_year)), t.d(str(report.fiscal_year - 1))
    rows: list[list[Any]] = [
        [
            _para("ตัวชี้วัด", head),
            _para(f"คะแนนปีก่อน<br/>(พ.ศ. {prev_year})", head),
            _para(f"คะแนนปีนี้<br/>(พ.ศ. {year})", head),
            _para("เปลี่ยนแปลง", head),
        ]
    ]
    extra: list[tuple[Any, ...]] = []
    for tool in fw.tools:
        weight = t.d(fmt(tool.weight * 100).rstrip("0").rstrip("."))
        now_tool = report.result.tool_scores.get(tool.code)
        before_tool = prev_tools.get(tool.code)
        rows.append(
            [
                _para(
                    f"{tool.code} {escape_markup(tool.name_th)} (น้ำหนักร้อยละ {weight})",
                    cell.replace(bold=True),
                ),
                _para(t.num(before_tool), bold_num),
                _para(t.num(now_tool), bold_num),
                _para(t.change(now_tool, before_tool), bold_num),
            ]
        )
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), TOOL_TINT))
        for number in tool.indicators:
            now = report.scores.get(number)
            before = prev.get(number)
            below = now is not None and now < target
            shown = t.num(now) + (f" {MARK}" if below else "")
            name = escape_markup(fw.indicator(number).name_th)
            rows.append(
                [
                    _para(f"{t.d(str(number))}. {name}", cell.replace(left_indent=10)),
                    _para(t.num(before), num),
                    _para(shown, bold_num if below else num),
                    _para(t.change(now, before), num),
                ]
            )
            if below:
                extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BELOW_TINT))
    total = report.result.total
    prev_total = report.previous_result.total if report.previous_result else None
    rows.append(
        [
            _para("คะแนนรวม (ถ่วงน้ำหนัก)", cell.replace(bold=True)),
            _para(t.num(prev_total), bold_num),
            _para(t.num(total), bold_num),
            _para(t.change(total, prev_total), bold_num),
        ]
    )
    rating = report.result.rating.label if report.result.rating else "–"
    prev_rating = (
        report.previous_result.rating.label
        if report.previous_result and report.previous_result.rating
        else "–"
    )
    rows.append(
        [
            _para("ระดับผลการประเมิน", cell.replace(bold=True)),
            _para(escape_markup(prev_rating), bold_num),
            _para(escape_markup(rating), bold_num),
            _para("", num),
        ]
    )
    extra.append(("BACKGROUND", (0, len(rows) - 2), (-1, -1), TOOL_TINT))
    col = 3.0 * cm
    table = thai_table(rows, [width - 3 * col, col, col, col], style=t.style(), extra_style=extra)
    note = t.style(font_size=SCORE_TABLE, space_before=4)
    after: list[Flowable] = [
        _para(f"{MARK} ต่ำกว่าค่าเป้าหมาย {t.target(target)} คะแนน (แถวที่แรเงา)", note)
    ]
    if report.result.explanation_th:
        after.append(
            _para(
                "<b>คำอธิบายระดับผลการประเมิน</b> " + t.clerk(report.result.explanation_th),
                t.style(alignment="justify", first_line_indent=INDENT, space_before=8),
            )
        )
    # the note and the explanation are short: one line of them alone on a page reads badly
    return [table, KeepTogether(after)]


def _chart(report: AnalysisReport, t: _Text) -> list[Flowable]:
    fw = report.framework
    bars = [
        ChartBar(
            number=t.d(str(ind.number)),
            name=ind.name_th,
            value=report.scores.get(ind.number),
            previous=report.previous_scores.get(ind.number),
        )
        for ind in fw.indicators
    ]
    chart = ScoreChart(
        bars,
        report.target,
        style=t.style(),
        thai_digits=report.thai_digits,
        current_label=f"ปี พ.ศ. {t.d(str(report.fiscal_year))}",
        previous_label=f"ปี พ.ศ. {t.d(str(report.fiscal_year - 1))}",
    )
    return [chart]


# --------------------------------------------------------------------------- (d) items


def _item_tables(report: AnalysisReport, t: _Text, width: float) -> list[Flowable]:
    fw = report.framework
    head = t.style(font_size=TABLE, bold=True, alignment="center")
    cell = t.style(font_size=TABLE)
    num = cell.replace(alignment="center")
    out: list[Flowable] = []
    grouped = theme_item_scores(fw, report.item_scores)  # in the order of fw.themes
    for theme, (name, entries, mean) in zip(fw.themes, grouped, strict=True):
        if not entries:
            continue
        mean_text = f" (คะแนนเฉลี่ย {t.num(mean)})" if mean is not None else ""
        out += _heading(
            f"ประเด็นที่ {t.d(str(theme.number))} {escape_markup(name)}{mean_text}",
            t,
            size=BODY,
            follow=2.5 * cm,
        )
        rows: list[list[Any]] = [
            [_para("ข้อ", head), _para("ข้อคำถาม / ข้อมูลที่เปิดเผย", head), _para("คะแนน", head)]
        ]
        extra: list[tuple[Any, ...]] = []
        for code, value in entries:
            try:
                text = fw.item(code).text_th or ""
            except KeyError:
                text = ""
            below = value < report.target
            rows.append(
                [
                    # codes keep their Latin letters and Arabic digits (O11, i16)
                    _para(escape_markup(code), num),
                    _para(t.clerk(text), cell),
                    _para(
                        t.num(value) + (f" {MARK}" if below else ""),
                        num.replace(bold=below),
                    ),
                ]
            )
            if below:
                extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BELOW_TINT))
        out.append(
            thai_table(
                rows, [1.6 * cm, width - 4.2 * cm, 2.6 * cm], style=t.style(), extra_style=extra
            )
        )
    if out:
        out.append(
            _para(
                f"{MARK} ต่ำกว่าค่าเป้าหมาย {t.target(report.target)} คะแนน (แถวที่แรเงา)",
                t.style(font_size=TABLE, space_before=4),
            )
        )
    return out


# --------------------------------------------------------------------------- (e) analysis


def _analysis(report: AnalysisReport, t: _Text, contents: Contents | None = None) -> list[Flowable]:
    body = t.style(alignment="justify", first_line_indent=INDENT, space_before=6)
    sub = t.style(bold=True, space_before=6, left_indent=1 * cm)
    out: list[Flowable] = []
    for ind in report.framework.indicators:
        texts = [(field, report.analysis.text(ind.number, field)) for field in INDICATOR_FIELDS]
        texts = [(field, text) for field, text in texts if text.strip()]
        score = report.scores.get(ind.number)
        score_text = ""
        if score is not None:
            low = " ต่ำกว่าค่าเป้าหมาย" if score < report.target else ""
            score_text = f" (คะแนน {t.num(score)}{low})"
        heading = _heading(
            f"ตัวชี้วัดที่ {t.d(str(ind.number))} {escape_markup(ind.name_th)}{score_text}",
            t,
            size=BODY,
            follow=2.5 * cm,
        )
        if contents is not None:
            contents.mark(heading[-1], f"ตัวชี้วัดที่ {t.d(str(ind.number))} {ind.name_th}", 2)
        out += heading
        for field, text in texts:
            out += [CondPageBreak(sub.line_height * 3), _para(FIELD_TITLES_TH[field], sub)]
            out += _paragraphs(text, t, body)
    summary = report.analysis.text(None, SUMMARY)
    if summary.strip():
        out += _heading(FIELD_TITLES_TH[SUMMARY], t, size=BODY, follow=2 * cm)
        out += _paragraphs(summary, t, body)
    return out


# --------------------------------------------------------------------------- (f) measures


def _timeline(timeline: Timeline, plan_year: int, thai: bool) -> str:
    try:
        return timeline_label_th(timeline, plan_year, thai_digits=thai)
    except ValueError:
        # saved measures are validated; an impossible timeline still must not stop printing
        return "(ระยะเวลาไม่ถูกต้อง)"


def _step_cell(measure: Measure, t: _Text, style: ThaiStyle) -> list[Flowable]:
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
    measure: Measure, report: AnalysisReport, t: _Text, style: ThaiStyle
) -> list[Flowable]:
    """The analysis the measure answers, then what it serves, each kind as one run-in
    paragraph: "ตัวชี้วัดที่เกี่ยวข้อง ๙ การเปิดเผยข้อมูล, ๑๐ …", "ประเด็น …", "ข้อ OIT …"."""
    out: list[Flowable] = _paragraphs(measure.rationale, t, style)
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
            if (name := _theme_name(report.plan_framework, n))
        )
        if names:
            out.append(ThaiParagraph(f"<b>ประเด็นที่</b> {names}", refs))
    if measure.oit_items:
        # item codes are printed as they are (Latin letter, Arabic digits)
        codes = ", ".join(escape_markup(code) for code in measure.oit_items)
        out.append(ThaiParagraph(f"<b>ข้อ OIT</b> {codes}", refs))
    return out or [ThaiParagraph("", style)]


def _follow_cell(measure: Measure, t: _Text, style: ThaiStyle) -> list[Flowable]:
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
    n: int, measure: Measure, report: AnalysisReport, t: _Text, style: ThaiStyle
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
    measures: list[Measure], report: AnalysisReport, t: _Text, cell: ThaiStyle, compact: bool
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for n, m in enumerate(measures, 1):
        timeline = _para(escape_markup(_timeline(m.timeline, report.plan_year, t.thai)), cell)
        unit = _para(t.clerk(m.unit.strip()), cell)
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
                    _para(t.d(str(n)), cell.replace(alignment="center")),
                    _para(
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


def _measures(
    report: AnalysisReport, t: _Text, width: float, layout: MeasuresLayout
) -> list[Flowable]:
    plan = t.d(str(report.plan_year))
    title = t.style(font_size=18, bold=True, alignment="center")
    out: list[Flowable] = [
        _para(
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan}",
            title,
        ),
        _para(
            escape_markup(report.office_name.strip()),
            t.style(alignment="center", space_after=8),
        ),
    ]
    measures = [m for m in report.measures if m.title.strip()]
    if not measures:
        out.append(
            _para(
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
    rows: list[list[Any]] = [[_para(text, head) for text in headers]]
    rows += _measure_rows(measures, report, t, cell, compact)
    # the columns share the width by their content, as a web page's table does: the long
    # steps and follow-up texts get the room, "ที่" and the unit just enough
    table = thai_table(rows, None, header_rows=1, style=cell, width=width)
    # ReportLab reads a number here as the least height a split-off part of a row may have:
    # a row does not start on the last two lines of a page, it starts on the next one
    table.splitInRow = int(3 * cell.line_height)
    out.append(table)
    return out


# --------------------------------------------------------------------------- assembly


def report_flowables(
    report: AnalysisReport,
    context: RenderContext,
    contents: Contents | None = None,
    pages: Mapping[str, int] | None = None,
) -> list[Flowable]:
    """The report's flowables, portrait first, then the landscape measures pages. With
    ``contents`` the headings are noted in it and a สารบัญ page follows the cover and the
    preface, numbered from ``pages`` (see ``front.build_with_contents``)."""
    t = _Text(report.thai_digits, context)
    portrait, landscape = report_page_setups(report)
    width = portrait.frame_width
    year = t.d(str(report.fiscal_year))
    out: list[Flowable] = _cover(report, t)
    if report.preface is not None:
        out += preface_flowables(report.preface, context, width)
    contents_at = len(out)
    section = 0

    def numbered(title: str, follow: float = 4 * cm) -> list[Flowable]:
        nonlocal section
        section += 1
        heading = _heading(f"{t.d(str(section))}. {title}", t, follow=follow)
        if contents is not None:
            contents.mark(heading[-1], f"{t.d(str(section))}. {title}")
        return heading

    out += numbered(f"ผลคะแนนการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}")
    out += _score_table(report, t, width)
    out += [
        CondPageBreak(11 * cm),
        _para(
            f"แผนภูมิแสดงคะแนนรายตัวชี้วัด ปี พ.ศ. {year} เทียบกับค่าเป้าหมาย"
            + (" และปีก่อน" if report.previous_scores else ""),
            t.style(bold=True, alignment="center", space_before=12, space_after=6),
        ),
    ]
    out += _chart(report, t)
    items = _item_tables(report, t, width) if report.item_scores else []
    if items:
        out += numbered("คะแนนรายข้อจำแนกตามประเด็น")
        out += items
    out += numbered(f"การวิเคราะห์ผลการประเมินรายตัวชี้วัด ปี พ.ศ. {year}")
    out += _analysis(report, t, contents)
    measures = _measures(report, t, landscape.frame_width, context.measures_layout)
    if any(m.title.strip() for m in report.measures):
        if contents is not None:
            plan = t.d(str(report.plan_year))
            contents.mark(
                measures[0],
                f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan}",
            )
        out += switch_page(LANDSCAPE_TEMPLATE)
        out += measures
    else:
        out += numbered("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", follow=2 * cm)
        out += measures[2:]
    if contents is not None:
        out[contents_at:contents_at] = contents.flowables(context, width, pages)
    return out


def _report_metadata(report: AnalysisReport) -> DocumentMetadata:
    return {
        "title": (
            "รายงานผลการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. "
            f"{report.fiscal_year} และมาตรการ ปี {report.plan_year}"
        ),
        "author": report.office_name,
    }


def _booklet(report: AnalysisReport, context: RenderContext) -> BookletReport:
    portrait, landscape = report_page_setups(report)
    return BookletReport(
        lambda contents, pages: report_flowables(report, context, contents, pages),
        portrait,
        landscape,
        LANDSCAPE_TEMPLATE,
        _report_metadata(report),
        report.thai_digits,
        with_contents=report.contents,
    )


def report_layout(report: AnalysisReport, context: RenderContext) -> DocumentLayout:
    """The report as a ``DocumentLayout`` for the Word copy: its สารบัญ (``report.contents``)
    without page numbers (Word numbers it on opening)."""
    return _booklet(report, context).layout()


def write_analysis_report(
    report: AnalysisReport, output: Path, context: RenderContext, *, invariant: bool = False
) -> None:
    """Write the report PDF to ``output`` atomically (portrait, landscape for the measures);
    with ``report.contents`` in two passes, so the สารบัญ has the pages."""
    _booklet(report, context).write_pdf(output, context, invariant=invariant)
