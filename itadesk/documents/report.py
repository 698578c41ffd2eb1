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

This module assembles the report and sets it; its sections are in ``report_sections`` (a–e)
and ``report_measures`` (f).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable

from itadesk.documents.context import RenderContext
from itadesk.documents.front import BookletReport, Contents, preface_flowables
from itadesk.documents.page import (
    DocumentLayout,
    DocumentMetadata,
    PageSetup,
    page_numbers_for,
    switch_page,
)
from itadesk.documents.report_measures import measures_section
from itadesk.documents.report_sections import (
    ReportText,
    analysis_section,
    chart_section,
    cover_section,
    item_section,
    para,
    score_section,
    section_heading,
)
from itadesk.domain.report import AnalysisReport

__all__ = [
    "LANDSCAPE_TEMPLATE",
    "report_flowables",
    "report_layout",
    "report_page_setups",
    "write_analysis_report",
]

LANDSCAPE_TEMPLATE = "landscape"


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
    t = ReportText(report.thai_digits, context)
    portrait, landscape = report_page_setups(report)
    width = portrait.frame_width
    year = t.d(str(report.fiscal_year))
    out: list[Flowable] = cover_section(report, t)
    if report.preface is not None:
        out += preface_flowables(report.preface, context, width)
    contents_at = len(out)
    section = 0

    def numbered(title: str, follow: float = 4 * cm) -> list[Flowable]:
        nonlocal section
        section += 1
        heading = section_heading(f"{t.d(str(section))}. {title}", t, follow=follow)
        if contents is not None:
            contents.mark(heading[-1], f"{t.d(str(section))}. {title}")
        return heading

    out += numbered(f"ผลคะแนนการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}")
    out += score_section(report, t, width)
    out += [
        CondPageBreak(11 * cm),
        para(
            f"แผนภูมิแสดงคะแนนรายตัวชี้วัด ปี พ.ศ. {year} เทียบกับค่าเป้าหมาย"
            + (" และปีก่อน" if report.previous_scores else ""),
            t.style(bold=True, alignment="center", space_before=12, space_after=6),
        ),
    ]
    out += chart_section(report, t)
    items = item_section(report, t, width) if report.item_scores else []
    if items:
        out += numbered("คะแนนรายข้อจำแนกตามประเด็น")
        out += items
    out += numbered(f"การวิเคราะห์ผลการประเมินรายตัวชี้วัด ปี พ.ศ. {year}")
    out += analysis_section(report, t, contents)
    measures = measures_section(report, t, landscape.frame_width, context.measures_layout)
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
