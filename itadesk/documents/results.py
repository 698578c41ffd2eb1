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

This module assembles the report and sets it; the cover and summary are in
``results_sections``, the group tables in ``results_tables``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from itadesk.documents.context import RenderContext
from itadesk.documents.front import BookletReport, Contents, preface_flowables
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    DocumentLayout,
    DocumentMetadata,
    PageSetup,
    page_numbers_for,
    switch_page,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.results_sections import (
    BODY,
    DRAFT_COLOUR,
    DRAFT_TH,
    GROUP_HEADERS,
    LANDSCAPE,
    PORTRAIT,
    TITLE,
    ResultsDigits,
    as_of_line,
    clerk,
    cover_section,
    results_groups,
    round_lines,
    summary_section,
)
from itadesk.documents.results_tables import group_table
from itadesk.domain.presentation import place_th
from itadesk.domain.report import GROUP_BY_INDICATOR, ResultsReport

__all__ = [
    "GROUP_HEADERS",
    "LANDSCAPE_TEMPLATE",
    "results_flowables",
    "results_layout",
    "results_page_setups",
    "write_results_report",
]

LANDSCAPE_TEMPLATE = "landscape"


def results_page_setups(report: ResultsReport) -> tuple[PageSetup, PageSetup]:
    """(portrait cover, landscape tables), the analysis report's margins."""
    numbers = page_numbers_for(report.thai_digits)
    return replace(PORTRAIT, page_numbers=numbers), replace(LANDSCAPE, page_numbers=numbers)


# --------------------------------------------------------------------------- assembly


def _title_block(report: ResultsReport, d: ResultsDigits) -> list[Flowable]:
    round_name, period = round_lines(report, d)
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
            " ".join(p for p in (clerk(report.office_name), place) if p),
            d.style(BODY, alignment="center"),
        ),
        ThaiParagraph(
            escape_markup(as_of_line(report, d)),
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
    d = ResultsDigits(report.thai_digits, context)
    portrait, landscape = results_page_setups(report)
    width = landscape.frame_width
    groups = results_groups(report, d)
    by_indicator = report.grouping == GROUP_BY_INDICATOR
    out: list[Flowable] = cover_section(report, d)
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
        out += summary_section(report, groups, d, width)
        heading = "ผลการดำเนินการรายตัวชี้วัด" if by_indicator else "ผลการดำเนินการรายประเด็น"
        lead = [ThaiParagraph(f"{d.n(2)}. {heading}", section.replace(space_before=14.0))]
        if contents is not None:
            contents.mark(lead[0], f"{d.n(2)}. {heading}")
        for group in groups:
            parts = group_table(group, d, width, lead)
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
