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

The page goes on a public website, so every piece of text that is not a literal of this module
(office and unit names, the clerk's analysis and measures, framework names a clerk may have
imported) goes through :func:`html.escape` with ``quote=True`` *after* the digit style is
applied (escaping first would let Thai digits replace the digits of ``&#x27;``). A
Content-Security-Policy meta tag forbids scripts and every external request as a second line of
defence. The page needs no JavaScript, no network and no web font: CSS is inline and the font
stack names Thai fonts found on office computers (the bundled Sarabun cannot be embedded as
WOFF2 without brotli, which the app does not ship).

Pure: takes domain values and returns a string; imports no Qt, no storage, no services.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itadesk.domain.analysis import FINDING, SUMMARY
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.measure_rules import timeline_label_th
from itadesk.domain.measures import Measure
from itadesk.domain.presentation import DigitStyle, place_th
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt

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


def _e(text: object) -> str:
    """Escape for element content and quoted attributes alike."""
    return html.escape(str(text), quote=True)


class _Text(DigitStyle):
    """The page's digit style, applied before escaping for HTML."""

    def d(self, text: str) -> str:
        return self(text)

    def h(self, text: str) -> str:
        """Any text for HTML: digit style, then escaped."""
        return _e(self(text))

    def num(self, value: Decimal | None) -> str:
        return _e(self.number(value))

    def change(self, now: Decimal | None, before: Decimal | None) -> str:
        return _e(super().change(now, before))

    def target(self, value: Decimal) -> str:
        return _e(super().target(value))


def _paragraphs(text: str, t: _Text) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{t.h(p)}</p>" for p in parts if p)


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
    t = _Text(report.thai_digits)
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

    parts: list[str] = []
    # grid and y axis ticks
    for tick in range(0, 101, 20):
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{ty + 5:.1f}" text-anchor="end" font-size="14" '
            f'fill="#333">{t.h(str(tick))}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333" '
        'stroke-width="1.2"/>'
    )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333" stroke-width="1.2"/>'
    )
    for index, indicator in enumerate(indicators):
        centre = left + slot * (index + 0.5)
        now = report.scores.get(indicator.number)
        before = report.previous_scores.get(indicator.number)
        x_now = centre - bar_w / 2
        if with_previous:
            x_before = centre - bar_w - 1.5
            x_now = centre + 1.5
            if before is not None:
                parts.append(
                    f'<rect x="{x_before:.1f}" y="{y(before):.1f}" width="{bar_w:.1f}" '
                    f'height="{y(0) - y(before):.1f}" fill="{PREVIOUS}">'
                    f"<title>{t.h(f'ปีก่อน {fmt(before)}')}</title></rect>"
                )
        if now is not None:
            colour = AT_TARGET if now >= report.target else BELOW_TARGET
            parts.append(
                f'<rect x="{x_now:.1f}" y="{y(now):.1f}" width="{bar_w:.1f}" '
                f'height="{y(0) - y(now):.1f}" fill="{colour}">'
                f"<title>{t.h(f'ตัวชี้วัดที่ {indicator.number} {fmt(now)}')}</title></rect>"
            )
            parts.append(
                f'<text x="{x_now + bar_w / 2:.1f}" y="{y(now) - 6:.1f}" text-anchor="middle" '
                # a white halo keeps the value readable where it crosses a grid line
                'font-size="13" font-weight="700" fill="#1a1a1a" stroke="#fff" '
                f'stroke-width="3" paint-order="stroke">{t.num(now)}</text>'
            )
        else:
            parts.append(
                f'<text x="{centre:.1f}" y="{y(0) - 6:.1f}" text-anchor="middle" '
                'font-size="13" fill="#555">–</text>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_h + 24}" text-anchor="middle" '
            f'font-size="16" font-weight="700" fill="#1a1a1a">{t.h(str(indicator.number))}</text>'
        )
    target_y = y(report.target)
    parts.append(
        f'<line x1="{left}" y1="{target_y:.1f}" x2="{left + plot_w}" y2="{target_y:.1f}" '
        f'stroke="{TARGET_LINE}" stroke-width="2" stroke-dasharray="8 5"/>'
    )
    parts.append(
        f'<text x="{left + plot_w + 8}" y="{target_y + 5:.1f}" font-size="14" font-weight="700" '
        f'fill="{TARGET_LINE}">เป้าหมาย {t.target(report.target)}</text>'
    )
    # Key of names under the chart: ten Thai names do not fit under ten bars.
    column_w = plot_w / 2
    for index, indicator in enumerate(indicators):
        column, row = divmod(index, key_rows)
        kx = left + column * column_w
        ky = key_top + row * 26
        parts.append(
            f'<text x="{kx:.1f}" y="{ky}" font-size="15" fill="#1a1a1a">'
            f'<tspan font-weight="700">{t.h(str(indicator.number))}</tspan> '
            f"{t.h(indicator.name_th)}</text>"
        )
    # The legend in the key's two columns: Thai text widths cannot be measured here, so
    # items get fixed cells instead of being packed one after another.
    legend: list[tuple[str, str, bool]] = [
        (AT_TARGET, f"ปี พ.ศ. {report.fiscal_year} ไม่ต่ำกว่าเป้าหมาย", False),
        (BELOW_TARGET, f"ปี พ.ศ. {report.fiscal_year} ต่ำกว่าเป้าหมาย", False),
    ]
    if with_previous:
        legend.append((PREVIOUS, f"ปี พ.ศ. {report.fiscal_year - 1}", False))
    target_text = (
        str(int(report.target))
        if report.target == report.target.to_integral_value()
        else fmt(report.target)
    )
    legend.append((TARGET_LINE, f"ค่าเป้าหมาย {target_text} คะแนน", True))
    for index, (colour, text, is_line) in enumerate(legend):
        row, column = divmod(index, 2)
        lx = left + column * column_w
        ly = legend_top + row * 24
        if is_line:
            parts.append(
                f'<line x1="{lx:.1f}" y1="{ly - 5}" x2="{lx + 16:.1f}" y2="{ly - 5}" '
                f'stroke="{colour}" stroke-width="2.5" stroke-dasharray="5 3"/>'
            )
        else:
            parts.append(
                f'<rect x="{lx:.1f}" y="{ly - 12}" width="16" height="14" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{lx + 24:.1f}" y="{ly}" font-size="14" fill="#1a1a1a">{t.h(text)}</text>'
        )
    label = (
        f"แผนภูมิแท่งคะแนนรายตัวชี้วัด ปี พ.ศ. {report.fiscal_year} "
        f"เทียบกับค่าเป้าหมาย {fmt(report.target)} คะแนน"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{t.h(label)}" font-family="{_e(FONT_STACK)}">'
        f"<title>{t.h(label)}</title>" + "".join(parts) + "</svg>"
    )


# --------------------------------------------------------------------------- sections


def _documents(sections: Sequence[WebSection], t: _Text) -> str:
    out: list[str] = []
    for section in sections:
        if not section.links:
            continue
        out.append(f"<h3>{t.h(section.heading_th)}</h3>")
        if section.note_th:
            out.append(f'<p class="muted">{t.h(section.note_th)}</p>')
        out.append('<ul class="docs">')
        for link in section.links:
            size = _size(link.size_bytes)
            size_html = f' <span class="size">({t.h(size)})</span>' if size else ""
            out.append(f'<li><a href="{_e(link.href)}">{t.h(link.title_th)}</a>{size_html}</li>')
        out.append("</ul>")
    return "".join(out)


def _scores(report: AnalysisReport, t: _Text) -> str:
    fw = report.framework
    prev = report.previous_scores
    prev_result = report.previous_result
    prev_tools = prev_result.tool_scores if prev_result else {}
    year, prev_year = t.h(str(report.fiscal_year)), t.h(str(report.fiscal_year - 1))
    rows = [
        '<table class="scores"><thead><tr><th scope="col">ตัวชี้วัด</th>'
        f'<th scope="col">ปี พ.ศ. {prev_year}</th><th scope="col">ปี พ.ศ. {year}</th>'
        '<th scope="col">เปลี่ยนแปลง</th></tr></thead><tbody>'
    ]
    for tool in fw.tools:
        weight = fmt(tool.weight * 100).rstrip("0").rstrip(".")
        now_tool = report.result.tool_scores.get(tool.code)
        before_tool = prev_tools.get(tool.code)
        rows.append(
            f'<tr class="tool"><td>{_e(tool.code)} {t.h(tool.name_th)} '
            f"(น้ำหนักร้อยละ {t.h(weight)})</td>"
            f'<td class="num">{t.num(before_tool)}</td><td class="num now">{t.num(now_tool)}</td>'
            f'<td class="num">{t.change(now_tool, before_tool)}</td></tr>'
        )
        for number in tool.indicators:
            now = report.scores.get(number)
            before = prev.get(number)
            below = now is not None and now < report.target
            css = "ind below" if below else "ind"
            mark = " *" if below else ""
            rows.append(
                f'<tr class="{css}"><td>{t.h(str(number))}. {t.h(fw.indicator(number).name_th)}'
                f'</td><td class="num">{t.num(before)}</td>'
                f'<td class="num now">{t.num(now)}{mark}</td>'
                f'<td class="num">{t.change(now, before)}</td></tr>'
            )
    total = report.result.total
    prev_total = prev_result.total if prev_result else None
    rating = report.result.rating.label if report.result.rating else "–"
    prev_rating = prev_result.rating.label if prev_result and prev_result.rating else "–"
    rows.append(
        '<tr class="total"><td>คะแนนรวม (ถ่วงน้ำหนัก)</td>'
        f'<td class="num">{t.num(prev_total)}</td><td class="num now">{t.num(total)}</td>'
        f'<td class="num">{t.change(total, prev_total)}</td></tr>'
        '<tr class="total"><td>ระดับผลการประเมิน</td>'
        f'<td class="num">{t.h(prev_rating)}</td><td class="num now">{t.h(rating)}</td>'
        '<td class="num"></td></tr></tbody></table>'
    )
    rows.append(
        f'<p class="muted">* ต่ำกว่าค่าเป้าหมาย {t.target(report.target)} คะแนน (แถวที่แรเงา)</p>'
    )
    if report.result.explanation_th:
        rows.append(
            '<p class="explain"><strong>คำอธิบายระดับผลการประเมิน</strong> '
            f"{t.h(report.result.explanation_th)}</p>"
        )
    return "".join(rows)


def _analysis(report: AnalysisReport, t: _Text) -> str:
    summary = report.analysis.text(None, SUMMARY)
    if summary.strip():
        return f'<div class="text">{_paragraphs(summary, t)}</div>'
    # No summary written: the finding of each indicator stands in for it.
    out: list[str] = []
    for indicator in report.framework.indicators:
        finding = report.analysis.text(indicator.number, FINDING)
        if finding.strip():
            out.append(
                f"<h3>ตัวชี้วัดที่ {t.h(str(indicator.number))} {t.h(indicator.name_th)}</h3>"
                f'<div class="text">{_paragraphs(finding, t)}</div>'
            )
    if not out:
        return '<p class="muted">ยังไม่ได้จัดทำการวิเคราะห์ผลการประเมิน</p>'
    return "".join(out)


def _timeline(measure: Measure, plan_year: int, thai: bool) -> str:
    try:
        return timeline_label_th(measure.timeline, plan_year, thai_digits=thai)
    except ValueError:
        return "(ระยะเวลาไม่ถูกต้อง)"  # saved measures are validated; never stop the page


def _measure(measure: Measure, report: AnalysisReport, t: _Text) -> str:
    facts: list[tuple[str, str]] = []
    if measure.indicators:
        names = "<br>".join(
            f"ตัวชี้วัดที่ {t.h(str(n))} {t.h(report.indicator_name(n))}".rstrip()
            for n in measure.indicators
        )
        facts.append(("ตัวชี้วัดที่เกี่ยวข้อง", names))
    if measure.oit_items:
        facts.append(("ข้อ OIT", ", ".join(_e(code) for code in measure.oit_items)))
    facts.append(("ระยะเวลา", t.h(_timeline(measure, report.plan_year, t.thai))))
    if measure.unit.strip():
        facts.append(("ผู้รับผิดชอบ", t.h(measure.unit.strip())))
    out = [f"<li><h3>{t.h(measure.title.strip())}</h3>"]
    if measure.rationale.strip():
        out.append(f'<div class="text">{_paragraphs(measure.rationale, t)}</div>')
    out.append('<dl class="facts">')
    out += [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts]
    out.append("</dl>")
    steps = [s.strip() for s in measure.steps if s.strip()]
    if steps:
        style = ' class="steps thai"' if t.thai else ' class="steps"'
        out.append('<p class="label">ขั้นตอนหรือวิธีการดำเนินการ</p>')
        out.append(f"<ol{style}>" + "".join(f"<li>{t.h(s)}</li>" for s in steps) + "</ol>")
    for title, text in (("การกำกับติดตาม", measure.follow_up), ("การรายงานผล", measure.reporting)):
        if text.strip():
            out.append(f'<p class="label">{title}</p>{_paragraphs(text, t)}')
    out.append("</li>")
    return "".join(out)


def _measures(report: AnalysisReport, t: _Text) -> str:
    measures = [m for m in report.measures if m.title.strip()]
    if not measures:
        return (
            '<p class="muted">ยังไม่ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน '
            f"ประจำปีงบประมาณ พ.ศ. {t.h(str(report.plan_year))}</p>"
        )
    return '<ol class="measures">' + "".join(_measure(m, report, t) for m in measures) + "</ol>"


# --------------------------------------------------------------------------- page


def index_html(
    report: AnalysisReport,
    sections: Sequence[WebSection],
    *,
    generated_on: date,
    generator: str = "ITADesk",
) -> str:
    """The whole page; see the module docstring for what it guarantees."""
    t = _Text(report.thai_digits)
    year = t.h(str(report.fiscal_year))
    plan = t.h(str(report.plan_year))
    office = t.h(report.office_name.strip())
    place = place_th(report.district, report.province)
    title = f"ผลการประเมิน ITA ปี พ.ศ. {report.fiscal_year} และมาตรการ ปี พ.ศ. {report.plan_year}"
    page_title = f"{title} – {report.office_name.strip()}" if report.office_name.strip() else title
    created = format_thai_date(generated_on, "full", thai_digits=report.thai_digits)
    place_html = f'<p class="place">{t.h(place)}</p>' if place else ""
    previous_note = " และปีก่อน" if report.previous_scores else ""
    markup = "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="th">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            f'<meta name="generator" content="{_e(generator)}">\n',
            f'<meta name="author" content="{office}">\n',
            f"<title>{t.h(page_title)}</title>\n",
            f"<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n",
            f'<header class="page"><p class="office">{office}</p>{place_html}',
            "<h1>การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {year} และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {plan}</h1></header>\n",
            '<section id="documents"><h2>เอกสารเผยแพร่</h2>',
            _documents(sections, t),
            "</section>\n",
            f'<section id="scores"><h2>ผลคะแนนการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}</h2>',
            _scores(report, t),
            "</section>\n",
            '<section id="chart"><figure class="chart"><figcaption>'
            f"แผนภูมิแสดงคะแนนรายตัวชี้วัด ปี พ.ศ. {year} เทียบกับค่าเป้าหมาย{previous_note}"
            "</figcaption>",
            chart_svg(report),
            "</figure></section>\n",
            f'<section id="analysis"><h2>สรุปผลการวิเคราะห์ผลการประเมิน ปี พ.ศ. {year}</h2>',
            _analysis(report, t),
            '<p class="muted">รายละเอียดการวิเคราะห์รายตัวชี้วัดอยู่ใน'
            "รายงานผลการวิเคราะห์ (ไฟล์ PDF ด้านบน)</p>",
            "</section>\n",
            '<section id="measures"><h2>มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน '
            f"ประจำปีงบประมาณ พ.ศ. {plan}</h2>",
            _measures(report, t),
            "</section>\n",
            f'<footer class="page">จัดทำเมื่อ {t.h(created)} ด้วยโปรแกรม {_e(generator)}</footer>\n',
            "</main>\n</body>\n</html>\n",
        ]
    )
    # "พ.ศ. ๒๕๖๘" is one unit: a line never breaks between the era and the year.
    return markup.replace("พ.ศ. ", "พ.ศ.&nbsp;")
