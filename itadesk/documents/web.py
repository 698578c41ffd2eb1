"""The bundle's index.html: one self-contained Thai page an office puts on its website.

Public API
----------
``WebLink(href, title_th, size_bytes)``
    A file of the bundle the page links to, by relative POSIX path ("O42/ita-2568-….pdf").
``WebSection(heading_th, links, note_th="")``
    A group of links under one heading (one per OIT item folder, plus the open data files).
``chart_svg(report)``
    The indicator chart as inline SVG: a bar per indicator (this year, and last year lighter
    when known) against a dashed target line; every label is SVG text, so Thai is shaped by the
    browser with the page's fonts.
``index_html(report, sections, *, generated_on, generator="ITADesk")``
    The page as a string: heading, documents, scores table, chart, analysis summary, measures.

The markup is in two Jinja2 templates, ``resources/templates/index.html.j2`` and
``chart.svg.j2``; this module turns domain values into the plain strings they show (in the
page's digit style, Thai or Arabic) and the chart's coordinates. The page goes on a public
website, so the templates escape **every** value by default (autoescape on): nothing here
escapes by hand, and only the CSS constant and the rendered chart are handed over as markup.
Escaping uses :func:`html.escape` (``&quot;``, ``&#x27;``, as earlier bundles did) through
the environment's ``finalize``, *after* the digit style is applied (escaping first would let
Thai digits replace the digits of ``&#x27;``). A Content-Security-Policy meta tag forbids
scripts and every external request as a second line of defence. The page needs no JavaScript,
no network and no web font: CSS is inline and the font stack names Thai fonts found on office
computers (the bundled Sarabun cannot be embedded as WOFF2 without brotli, which the app does
not ship).

Pure: takes domain values and returns a string; imports no Qt, no storage, no services.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from itadesk.domain.analysis import FINDING, SUMMARY
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.measure_rules import timeline_label_th
from itadesk.domain.measures import Measure
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt
from itadesk.domain.validation import strip_bidi
from itadesk.paths import resource_path

__all__ = ["WebLink", "WebSection", "chart_svg", "index_html"]

FONT_STACK = "Sarabun, 'TH Sarabun New', 'Leelawadee UI', Tahoma, 'Noto Sans Thai', sans-serif"

# Same colours as the PDF chart (documents/chart.py), so the page and the report agree.
AT_TARGET = "#1f4e79"
BELOW_TARGET = "#e69500"
PREVIOUS = "#c9d6e3"
TARGET_LINE = "#b00020"
GRID = "#d1d1d1"

# Scripts, frames, fonts and images from anywhere are refused; only the inline styles run.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ font-family: {FONT_STACK}; font-size: 17px; line-height: 1.6; color: #1a1a1a;
  background: #f4f6f8; }}
body {{ margin: 0; }}
main {{ max-width: 980px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }}
header.page {{ border-bottom: 3px solid {AT_TARGET}; padding-bottom: 12px; margin-bottom: 8px; }}
header.page .office {{ font-size: 1.5rem; font-weight: 700; margin: 0; color: {AT_TARGET}; }}
header.page .place {{ margin: 0; color: #444; }}
h1 {{ font-size: 1.35rem; margin: 12px 0 0; line-height: 1.45; }}
h2 {{ font-size: 1.2rem; margin: 28px 0 8px; padding-bottom: 4px;
  border-bottom: 1px solid #c8d3de; color: {AT_TARGET}; }}
h3 {{ font-size: 1.05rem; margin: 16px 0 6px; }}
p {{ margin: 6px 0; }}
/* no justify: browsers stretch only the few spaces of Thai text into wide gaps */
.text p {{ text-indent: 2.5em; }}
.muted {{ color: #555; font-size: 0.9rem; }}
ul.docs {{ list-style: none; padding: 0; margin: 4px 0 8px; }}
ul.docs li {{ padding: 6px 10px; margin: 4px 0; background: #f2f6fa;
  border-left: 4px solid {AT_TARGET}; }}
ul.docs a {{ color: #0b4f8a; font-weight: 700; text-decoration: none; }}
ul.docs a:hover, ul.docs a:focus {{ text-decoration: underline; }}
ul.docs .size {{ color: #555; font-size: 0.85rem; white-space: nowrap; }}
table.scores {{ width: 100%; border-collapse: collapse; margin: 6px 0; font-size: 0.95rem; }}
table.scores th, table.scores td {{ border: 1px solid #b9c4cf; padding: 4px 8px;
  vertical-align: top; }}
table.scores thead th {{ background: {AT_TARGET}; color: #fff; font-weight: 700; }}
table.scores td.num {{ text-align: center; white-space: nowrap; font-variant-numeric:
  tabular-nums; }}
table.scores tr.tool td {{ background: #e8eef5; font-weight: 700; }}
table.scores tr.ind td:first-child {{ padding-left: 22px; }}
table.scores tr.below td {{ background: #fdf0d9; }}
table.scores tr.below td.now {{ font-weight: 700; }}
table.scores tr.total td {{ background: #e8eef5; font-weight: 700; }}
.explain {{ background: #f7f7f7; padding: 8px 12px; border-radius: 4px; }}
figure.chart {{ margin: 12px 0; }}
figure.chart svg {{ width: 100%; height: auto; display: block; }}
figure.chart figcaption {{ text-align: center; font-weight: 700; margin-bottom: 4px; }}
ol.measures {{ padding-left: 0; list-style: none; counter-reset: m; }}
ol.measures > li {{ border: 1px solid #c8d3de; border-radius: 4px; padding: 8px 14px;
  margin: 10px 0; break-inside: avoid; }}
ol.measures h3 {{ margin: 2px 0 6px; color: {AT_TARGET}; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px;
  margin: 4px 0; }}
dl.facts dt {{ font-weight: 700; }}
dl.facts dd {{ margin: 0; }}
ol.steps {{ margin: 4px 0 4px 1.4em; padding-left: 1.2em; }}
ol.steps.thai {{ list-style-type: thai; }}
.label {{ font-weight: 700; margin-top: 6px; }}
footer.page {{ margin-top: 32px; padding-top: 8px; border-top: 1px solid #c8d3de;
  color: #555; font-size: 0.85rem; }}
@media (max-width: 640px) {{
  main {{ padding: 12px; }}
  dl.facts {{ grid-template-columns: 1fr; }}
}}
@page {{ size: A4; margin: 15mm 14mm; }}
@media print {{
  html {{ font-size: 12.5pt; background: #fff; }}
  main {{ max-width: none; padding: 0; }}
  h2 {{ break-after: avoid; }}
  h3 {{ break-after: avoid; }}
  table.scores thead {{ display: table-header-group; }}
  table.scores tr, figure.chart, ul.docs li {{ break-inside: avoid; }}
  /* room above the caption: Thai marks above the first line must not spill onto the page
     before when the figure moves to a new page */
  figure.chart {{ padding-top: 10px; }}
  #measures {{ break-before: page; }}
  table.scores thead th {{ background: #dfe6ee; color: #000; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  ul.docs a {{ color: #000; }}
  ul.docs a::after {{ content: " (" attr(href) ")"; font-weight: 400; font-size: 0.85em; }}
}}
""".strip()


@dataclass(frozen=True)
class WebLink:
    href: str  # relative POSIX path inside the bundle; ASCII only
    title_th: str
    size_bytes: int | None = None


@dataclass(frozen=True)
class WebSection:
    heading_th: str
    links: tuple[WebLink, ...]
    note_th: str = ""


def _escape(value: object) -> Markup:
    """Every value a template prints: markup stays, anything else is escaped for element
    content and quoted attributes alike, without bidirectional controls (a stored heading
    with U+202E would read backwards on the office's website)."""
    if isinstance(value, Markup):
        return Markup(strip_bidi(str(value)))
    return Markup(html.escape(strip_bidi(str(value)), quote=True))


@cache
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(resource_path("templates")),
        autoescape=True,
        finalize=_escape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _paragraphs(text: str, t: DigitStyle) -> list[str]:
    """Clerk text split into paragraphs at its line breaks (blank lines dropped)."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return [t(p) for p in parts if p]


def _size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --------------------------------------------------------------------------- chart


def chart_svg(report: AnalysisReport) -> str:
    """Bars of the indicator scores (0–100) against the target, as an inline SVG string."""
    t = DigitStyle(report.thai_digits)
    indicators = report.framework.indicators
    count = max(len(indicators), 1)
    with_previous = any(report.previous_scores.get(i.number) is not None for i in indicators)
    width = 960
    left, right, top = 56, 118, 36
    plot_h = 280
    plot_w = width - left - right
    slot = plot_w / count
    bar_w = slot * (0.36 if with_previous else 0.56)
    key_top = top + plot_h + 60
    key_rows = (len(indicators) + 1) // 2
    legend_rows = 2
    legend_top = key_top + key_rows * 26 + 16
    height = legend_top + legend_rows * 24

    def y(value: Decimal | float) -> float:
        return top + plot_h - float(value) / 100 * plot_h

    ticks = [
        {"y": f"{y(tick):.1f}", "text_y": f"{y(tick) + 5:.1f}", "label": t(str(tick))}
        for tick in range(0, 101, 20)
    ]
    bars: list[dict[str, Any]] = []
    for index, indicator in enumerate(indicators):
        centre = left + slot * (index + 0.5)
        now = report.scores.get(indicator.number)
        before = report.previous_scores.get(indicator.number)
        x_now = centre - bar_w / 2
        bar: dict[str, Any] = {
            "centre": f"{centre:.1f}",
            "dash_y": f"{y(0) - 6:.1f}",
            "number": t(str(indicator.number)),
            "before": None,
            "now": None,
        }
        if with_previous:
            x_before = centre - bar_w - 1.5
            x_now = centre + 1.5
            if before is not None:
                bar["before"] = {
                    "x": f"{x_before:.1f}",
                    "y": f"{y(before):.1f}",
                    "height": f"{y(0) - y(before):.1f}",
                    "title": t(f"ปีก่อน {fmt(before)}"),
                }
        if now is not None:
            bar["now"] = {
                "x": f"{x_now:.1f}",
                "y": f"{y(now):.1f}",
                "height": f"{y(0) - y(now):.1f}",
                "colour": AT_TARGET if now >= report.target else BELOW_TARGET,
                "title": t(f"ตัวชี้วัดที่ {indicator.number} {fmt(now)}"),
                "centre": f"{x_now + bar_w / 2:.1f}",
                "value_y": f"{y(now) - 6:.1f}",
                "value": t.number(now),
            }
        bars.append(bar)
    target_y = y(report.target)
    column_w = plot_w / 2
    keys = []
    for index, indicator in enumerate(indicators):
        column, row = divmod(index, key_rows)
        keys.append(
            {
                "x": f"{left + column * column_w:.1f}",
                "y": key_top + row * 26,
                "number": t(str(indicator.number)),
                "name": t(indicator.name_th),
            }
        )
    # The legend in the key's two columns: Thai text widths cannot be measured here, so
    # items get fixed cells instead of being packed one after another.
    legend_items: list[tuple[str, str, bool]] = [
        (AT_TARGET, f"ปี พ.ศ. {report.fiscal_year} ไม่ต่ำกว่าเป้าหมาย", False),
        (BELOW_TARGET, f"ปี พ.ศ. {report.fiscal_year} ต่ำกว่าเป้าหมาย", False),
    ]
    if with_previous:
        legend_items.append((PREVIOUS, f"ปี พ.ศ. {report.fiscal_year - 1}", False))
    target_text = (
        str(int(report.target))
        if report.target == report.target.to_integral_value()
        else fmt(report.target)
    )
    legend_items.append((TARGET_LINE, f"ค่าเป้าหมาย {target_text} คะแนน", True))
    legend = []
    for index, (colour, text, is_line) in enumerate(legend_items):
        row, column = divmod(index, 2)
        lx = left + column * column_w
        legend.append(
            {
                "x": f"{lx:.1f}",
                "x_end": f"{lx + 16:.1f}",
                "text_x": f"{lx + 24:.1f}",
                "y": legend_top + row * 24,
                "colour": colour,
                "text": t(text),
                "is_line": is_line,
            }
        )
    label = (
        f"แผนภูมิแท่งคะแนนรายตัวชี้วัด ปี พ.ศ. {report.fiscal_year} "
        f"เทียบกับค่าเป้าหมาย {fmt(report.target)} คะแนน"
    )
    return (
        _templates()
        .get_template("chart.svg.j2")
        .render(
            width=width,
            height=height,
            label=t(label),
            font_stack=FONT_STACK,
            left=left,
            top=top,
            bottom=top + plot_h,
            right_x=left + plot_w,
            number_y=top + plot_h + 24,
            bar_w=f"{bar_w:.1f}",
            colours={"grid": GRID, "previous": PREVIOUS, "target": TARGET_LINE},
            ticks=ticks,
            bars=bars,
            target={
                "y": f"{target_y:.1f}",
                "text_y": f"{target_y + 5:.1f}",
                "label": t.target(report.target),
            },
            keys=keys,
            legend=legend,
        )
    )


# --------------------------------------------------------------------------- page


def _timeline(measure: Measure, plan_year: int, thai: bool) -> str:
    try:
        return timeline_label_th(measure.timeline, plan_year, thai_digits=thai)
    except ValueError:
        return "(ระยะเวลาไม่ถูกต้อง)"  # saved measures are validated; never stop the page


def _tools(report: AnalysisReport, t: DigitStyle) -> list[dict[str, Any]]:
    fw = report.framework
    prev = report.previous_scores
    prev_tools = report.previous_result.tool_scores if report.previous_result else {}
    tools = []
    for tool in fw.tools:
        weight = fmt(tool.weight * 100).rstrip("0").rstrip(".")
        now_tool = report.result.tool_scores.get(tool.code)
        before_tool = prev_tools.get(tool.code)
        rows = []
        for number in tool.indicators:
            now, before = report.scores.get(number), prev.get(number)
            rows.append(
                {
                    "number": t(str(number)),
                    "name": t(fw.indicator(number).name_th),
                    "before": t.number(before),
                    "now": t.number(now),
                    "change": t.change(now, before),
                    "below": now is not None and now < report.target,
                }
            )
        tools.append(
            {
                "code": tool.code,
                "name": t(tool.name_th),
                "weight": t(weight),
                "before": t.number(before_tool),
                "now": t.number(now_tool),
                "change": t.change(now_tool, before_tool),
                "indicators": rows,
            }
        )
    return tools


def _measure(measure: Measure, report: AnalysisReport, t: DigitStyle) -> dict[str, Any]:
    closing = (("การกำกับติดตาม", measure.follow_up), ("การรายงานผล", measure.reporting))
    return {
        "title": t(measure.title.strip()),
        "rationale": _paragraphs(measure.rationale, t) if measure.rationale.strip() else [],
        "indicators": [
            f"ตัวชี้วัดที่ {t(str(n))} {t(report.indicator_name_th(n))}".rstrip()
            for n in measure.indicators
        ],
        "oit_items": list(measure.oit_items),
        "timeline": t(_timeline(measure, report.plan_year, t.thai)),
        "unit": t(measure.unit.strip()),
        "steps": [t(s.strip()) for s in measure.steps if s.strip()],
        "closing": [(title, _paragraphs(text, t)) for title, text in closing if text.strip()],
    }


def index_html(
    report: AnalysisReport,
    sections: Sequence[WebSection],
    *,
    generated_on: date,
    generator: str = "ITADesk",
) -> str:
    """The whole page; see the module docstring for what it guarantees."""
    t = DigitStyle(report.thai_digits)
    office_name = report.office_name.strip()
    title = f"ผลการประเมิน ITA ปี พ.ศ. {report.fiscal_year} และมาตรการ ปี พ.ศ. {report.plan_year}"
    page_title = f"{title} – {office_name}" if office_name else title
    result, previous = report.result, report.previous_result
    prev_total = previous.total if previous else None
    summary = report.analysis.text(None, SUMMARY)
    findings = [
        {
            "number": t(str(indicator.number)),
            "name": t(indicator.name_th),
            "text": _paragraphs(finding, t),
        }
        for indicator in report.framework.indicators
        if (finding := report.analysis.text(indicator.number, FINDING)).strip()
    ]
    markup = (
        _templates()
        .get_template("index.html.j2")
        .render(
            csp=CSP,
            css=Markup(CSS),  # a constant of this module
            generator=generator,
            office=t(office_name),
            page_title=t(page_title),
            place=t(place_th(report.district, report.province)),
            year=t(str(report.fiscal_year)),
            plan_year=t(str(report.plan_year)),
            previous_year=t(str(report.fiscal_year - 1)),
            thai=t.thai,
            sections=[
                {
                    "heading": t(section.heading_th),
                    "note": t(section.note_th) if section.note_th else "",
                    "links": [
                        {
                            "href": link.href,
                            "title": t(link.title_th),
                            "size": t(_size(link.size_bytes)),
                        }
                        for link in section.links
                    ],
                }
                for section in sections
            ],
            tools=_tools(report, t),
            total={
                "before": t.number(prev_total),
                "now": t.number(result.total),
                "change": t.change(result.total, prev_total),
                "rating": t(result.rating.label if result.rating else "–"),
                "previous_rating": t(
                    previous.rating.label if previous and previous.rating else "–"
                ),
            },
            target=t.target(report.target),
            explanation=t(result.explanation_th) if result.explanation_th else "",
            has_previous=bool(report.previous_scores),
            chart=Markup(chart_svg(report)),  # rendered from chart.svg.j2, escaped there
            summary=_paragraphs(summary, t) if summary.strip() else [],
            findings=findings,
            measures=[_measure(m, report, t) for m in report.measures if m.title.strip()],
            created=t(format_thai_date(generated_on, "full", thai_digits=report.thai_digits)),
        )
    )
    # "พ.ศ. ๒๕๖๘" is one unit: a line never breaks between the era and the year.
    return markup.replace("พ.ศ. ", "พ.ศ.&nbsp;")
