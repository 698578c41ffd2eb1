"""The sections (a)–(e) of the analysis report (``report``): the cover, the scores by tool and
indicator, the bar chart, the item scores by theme and the analysis per indicator; with the
report's sizes and the helpers its sections share (``ReportText``: digit style, escaping and
styles of the render context; ``section_heading``: a heading that never ends a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from itadesk.documents.chart import ChartBar, ScoreChart
from itadesk.documents.context import RenderContext
from itadesk.documents.front import Contents
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    AtFrameBottom,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.table import thai_table
from itadesk.domain.analysis import FIELD_TITLES_TH, INDICATOR_FIELDS, SUMMARY
from itadesk.domain.frameworks import Framework
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt, theme_item_scores

BODY = 16.0
TABLE = 14.0
MEASURES_TABLE = 12.0
SCORE_TABLE = 13.0
INDENT = 2.5 * cm
BELOW_TINT = colors.Color(1.0, 0.90, 0.75)  # light orange, as the chart's below-target bars
TOOL_TINT = colors.Color(0.93, 0.95, 0.98)
MARK = "*"


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class ReportText(DigitStyle):
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


def para(text: str, style: ThaiStyle) -> ThaiParagraph:
    return ThaiParagraph(text, style)


def section_heading(
    text: str, t: ReportText, *, size: float = 17.0, follow: float = 3 * cm, **changes: Any
) -> list[Flowable]:
    """A bold heading that never ends a page: it starts a new page unless room for itself
    and ``follow`` points of what comes after is left."""
    style = t.style(font_size=size, bold=True, space_before=12.0, space_after=4.0, **changes)
    room = style.line_height * 2 + style.space_before + style.space_after + follow
    return [CondPageBreak(room), ThaiParagraph(text, style)]


def clerk_paragraphs(text: str, t: ReportText, style: ThaiStyle) -> list[Flowable]:
    """Clerk text split into paragraphs at blank lines and line breaks."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return [ThaiParagraph(t.clerk(p), style) for p in parts if p]


def theme_name(framework: Framework | None, number: int) -> str:
    if framework is None:
        return ""
    for theme in framework.themes:
        if theme.number == number:
            return theme.name_th
    return ""


# --------------------------------------------------------------------------- (a) cover


def cover_section(report: AnalysisReport, t: ReportText) -> list[Flowable]:
    year, plan = t.d(str(report.fiscal_year)), t.d(str(report.plan_year))
    title = t.style(font_size=22, bold=True, alignment="center", space_after=10)
    sub = t.style(font_size=20, bold=True, alignment="center", space_after=6)
    line = t.style(font_size=18, alignment="center")
    office = escape_markup(report.office_name.strip())
    out: list[Flowable] = [
        Spacer(1, 4.5 * cm),
        # explicit lines: the title breaks where a reader pauses, never inside "พ.ศ. ๒๕๖๖"
        para(
            "รายงานผลการวิเคราะห์ผลการประเมิน<br/>"
            "คุณธรรมและความโปร่งใสในการดำเนินงาน<br/>"
            "ของหน่วยงานภาครัฐ (ITA)<br/>"
            f"ประจำปีงบประมาณ พ.ศ. {year}",
            title,
        ),
        para("และ", sub),
        para(
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส<br/>ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan}",
            sub,
        ),
        Spacer(1, 2.5 * cm),
        para(office, t.style(font_size=22, bold=True, alignment="center", space_after=4)),
    ]
    place = place_th(report.district, report.province)
    if place:
        out.append(para(escape_markup(place), line))
    footer = []
    if report.prepared_by.strip():
        footer.append(
            para("จัดทำโดย " + escape_markup(report.prepared_by.strip()), line.replace(bold=True))
        )
    footer.append(para(office, line))
    out.append(AtFrameBottom(footer))
    out.append(PageBreak())
    return out


# --------------------------------------------------------------------------- (b) scores


def score_section(report: AnalysisReport, t: ReportText, width: float) -> list[Flowable]:
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
            para("ตัวชี้วัด", head),
            para(f"คะแนนปีก่อน<br/>(พ.ศ. {prev_year})", head),
            para(f"คะแนนปีนี้<br/>(พ.ศ. {year})", head),
            para("เปลี่ยนแปลง", head),
        ]
    ]
    extra: list[tuple[Any, ...]] = []
    for tool in fw.tools:
        weight = t.d(fmt(tool.weight * 100).rstrip("0").rstrip("."))
        now_tool = report.result.tool_scores.get(tool.code)
        before_tool = prev_tools.get(tool.code)
        rows.append(
            [
                para(
                    f"{tool.code} {escape_markup(tool.name_th)} (น้ำหนักร้อยละ {weight})",
                    cell.replace(bold=True),
                ),
                para(t.num(before_tool), bold_num),
                para(t.num(now_tool), bold_num),
                para(t.change(now_tool, before_tool), bold_num),
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
                    para(f"{t.d(str(number))}. {name}", cell.replace(left_indent=10)),
                    para(t.num(before), num),
                    para(shown, bold_num if below else num),
                    para(t.change(now, before), num),
                ]
            )
            if below:
                extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), BELOW_TINT))
    total = report.result.total
    prev_total = report.previous_result.total if report.previous_result else None
    rows.append(
        [
            para("คะแนนรวม (ถ่วงน้ำหนัก)", cell.replace(bold=True)),
            para(t.num(prev_total), bold_num),
            para(t.num(total), bold_num),
            para(t.change(total, prev_total), bold_num),
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
            para("ระดับผลการประเมิน", cell.replace(bold=True)),
            para(escape_markup(prev_rating), bold_num),
            para(escape_markup(rating), bold_num),
            para("", num),
        ]
    )
    extra.append(("BACKGROUND", (0, len(rows) - 2), (-1, -1), TOOL_TINT))
    col = 3.0 * cm
    table = thai_table(rows, [width - 3 * col, col, col, col], style=t.style(), extra_style=extra)
    note = t.style(font_size=SCORE_TABLE, space_before=4)
    after: list[Flowable] = [
        para(f"{MARK} ต่ำกว่าค่าเป้าหมาย {t.target(target)} คะแนน (แถวที่แรเงา)", note)
    ]
    if report.result.explanation_th:
        after.append(
            para(
                "<b>คำอธิบายระดับผลการประเมิน</b> " + t.clerk(report.result.explanation_th),
                t.style(alignment="justify", first_line_indent=INDENT, space_before=8),
            )
        )
    # the note and the explanation are short: one line of them alone on a page reads badly
    return [table, KeepTogether(after)]


def chart_section(report: AnalysisReport, t: ReportText) -> list[Flowable]:
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


def item_section(report: AnalysisReport, t: ReportText, width: float) -> list[Flowable]:
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
        out += section_heading(
            f"ประเด็นที่ {t.d(str(theme.number))} {escape_markup(name)}{mean_text}",
            t,
            size=BODY,
            follow=2.5 * cm,
        )
        rows: list[list[Any]] = [
            [para("ข้อ", head), para("ข้อคำถาม / ข้อมูลที่เปิดเผย", head), para("คะแนน", head)]
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
                    para(escape_markup(code), num),
                    para(t.clerk(text), cell),
                    para(
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
            para(
                f"{MARK} ต่ำกว่าค่าเป้าหมาย {t.target(report.target)} คะแนน (แถวที่แรเงา)",
                t.style(font_size=TABLE, space_before=4),
            )
        )
    return out


# --------------------------------------------------------------------------- (e) analysis


def analysis_section(
    report: AnalysisReport, t: ReportText, contents: Contents | None = None
) -> list[Flowable]:
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
        heading = section_heading(
            f"ตัวชี้วัดที่ {t.d(str(ind.number))} {escape_markup(ind.name_th)}{score_text}",
            t,
            size=BODY,
            follow=2.5 * cm,
        )
        if contents is not None:
            contents.mark(heading[-1], f"ตัวชี้วัดที่ {t.d(str(ind.number))} {ind.name_th}", 2)
        out += heading
        for field, text in texts:
            out += [CondPageBreak(sub.line_height * 3), para(FIELD_TITLES_TH[field], sub)]
            out += clerk_paragraphs(text, t, body)
    summary = report.analysis.text(None, SUMMARY)
    if summary.strip():
        out += section_heading(FIELD_TITLES_TH[SUMMARY], t, size=BODY, follow=2 * cm)
        out += clerk_paragraphs(summary, t, body)
    return out
