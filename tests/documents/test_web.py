"""index.html and its chart from domain values alone: escaping, digits, bars, structure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from itadesk.documents.web import WebLink, WebSection, chart_svg, index_html
from itadesk.domain import scoring
from itadesk.domain.analysis import SUMMARY, Analysis, AnalysisSection, SectionKey
from itadesk.domain.frameworks import FrameworkCatalog
from itadesk.domain.measures import Measure
from itadesk.domain.report import AnalysisReport
from itadesk.paths import frameworks_dir
from itadesk.services.demo import DEMO_SCORES

SVG = "{http://www.w3.org/2000/svg}"
# The invented demo office's figures: the page is tested on what a clerk trying the app sees.
SCORES = DEMO_SCORES[2568]
PREVIOUS = DEMO_SCORES[2567]


def make_report(*, thai_digits: bool = True, previous: bool = True, **changes) -> AnalysisReport:
    catalog = FrameworkCatalog(frameworks_dir())
    framework = catalog.get(2568)
    scores = {n: Decimal(v) for n, v in enumerate(SCORES, start=1)}
    before = {n: Decimal(v) for n, v in enumerate(PREVIOUS, start=1)} if previous else {}
    report = AnalysisReport(
        office_name="องค์การบริหารส่วนตำบลหนองตัวอย่าง",
        district="เมืองสมมุติ",
        province="ตัวอย่าง",
        prepared_by="สำนักปลัด",
        framework=framework,
        scores=scores,
        result=scoring.score(framework, scores),
        item_scores={},
        analysis=Analysis(2568, (AnalysisSection(SectionKey(None, SUMMARY), "สรุปผล 2568 ดีขึ้น"),)),
        plan_year=2569,
        measures=(
            Measure(
                plan_year=2569,
                title="มาตรการเปิดเผยข้อมูล",
                indicators=(8, 9),
                steps=("ประชุม", "รายงานผลการดำเนินการ"),
                unit="สำนักปลัด",
            ),
        ),
        plan_framework=framework,
        previous_scores=before,
        previous_result=scoring.score(catalog.get(2567), before) if previous else None,
        thai_digits=thai_digits,
        target=framework.target,
    )
    return replace(report, **changes)


def page(report: AnalysisReport, sections=()) -> str:
    return index_html(report, sections, generated_on=date(2026, 3, 1))


class _Text(HTMLParser):
    """The visible text of a page and whether it has any element the page must not have."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def parse(markup: str) -> _Text:
    parser = _Text()
    parser.feed(markup)
    return parser


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</style><script>x</script>",
        "a & b ' \" < >",
        "<!-- comment --> ]]> &amp;",
    ],
)
def test_every_clerk_text_is_escaped_and_reads_back_unchanged(hostile: str) -> None:
    measure = Measure(
        plan_year=2569,
        title=hostile,
        indicators=(1,),
        oit_items=(hostile,),
        steps=(hostile,),
        rationale=hostile,
        unit=hostile,
        follow_up=hostile,
        reporting=hostile,
    )
    report = make_report(
        thai_digits=False,
        office_name=hostile,
        district=hostile,
        province=hostile,
        measures=(measure,),
        analysis=Analysis(2568, (AnalysisSection(SectionKey(None, SUMMARY), hostile),)),
    )
    markup = page(report, [WebSection(hostile, (WebLink("O42/a.pdf", hostile, 10),), hostile)])
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    assert "<!-- comment" not in markup
    parsed = parse(markup)
    assert parsed.tags <= {
        "html", "head", "meta", "title", "style", "body", "main", "header", "p", "h1", "h2",
        "h3", "section", "ul", "li", "a", "span", "table", "thead", "tbody", "tr", "th", "td",
        "strong", "figure", "figcaption", "svg", "line", "text", "rect", "tspan", "div", "ol",
        "dl", "dt", "dd", "br", "footer",
    }  # fmt: skip
    visible = "".join(parsed.text)
    assert visible.count(hostile) >= 8  # title, steps, unit, office, section, link, summary…


def test_chart_is_well_formed_svg_with_a_bar_per_scored_indicator() -> None:
    report = make_report(thai_digits=False)
    svg = ET.fromstring(chart_svg(report))
    rects = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 20  # this year and last year for 10 indicators
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "84.60" in texts and "100.00" in texts
    assert "เป้าหมาย 85" in texts
    assert any("การปรับปรุงระบบการทำงาน" in t for t in texts)
    fills = {r.get("fill") for r in rects}
    assert {"#1f4e79", "#e69500", "#c9d6e3"} <= fills
    (below,) = [r for r in rects if r.get("fill") == "#e69500"]  # only indicator 8 (84.60)
    # the target line lies above the orange bar's top and below the blue ones'
    target = next(line for line in svg.iter(f"{SVG}line") if line.get("stroke") == "#b00020")
    target_y = float(target.get("y1"))
    assert float(below.get("y")) > target_y
    assert all(float(r.get("y")) < target_y for r in rects if r.get("fill") == "#1f4e79")


def test_chart_without_last_year_or_with_a_missing_score() -> None:
    scores = {n: Decimal(v) for n, v in enumerate(SCORES, start=1)}
    del scores[5]
    report = make_report(previous=False, scores=scores)
    svg = ET.fromstring(chart_svg(report))
    rects = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 9
    assert "ปี พ.ศ. ๒๕๖๗" not in "".join(svg.itertext())  # no previous-year legend


def test_digits_follow_the_office_setting_but_codes_and_links_stay_latin() -> None:
    link = WebLink("O42/ita-2568-analysis-measures-2569.pdf", "รายงาน", 2048)
    thai = page(make_report(thai_digits=True), [WebSection("O42 มาตรการ", (link,))])
    assert "๙๖.๒๐" in thai and "96.20" not in thai
    assert 'href="O42/ita-2568-analysis-measures-2569.pdf"' in thai
    assert "O42 มาตรการ" in thai
    arabic = page(make_report(thai_digits=False), [WebSection("O42 มาตรการ", (link,))])
    assert "96.20" in arabic and "๙๖.๒๐" not in arabic
    assert "(2 KB)" in arabic


def test_page_shows_scores_rating_summary_and_measures() -> None:
    report = make_report(thai_digits=False)
    markup = page(report)
    visible = " ".join(parse(markup).text)
    assert report.result.rating is not None and report.result.total is not None
    assert report.result.rating.label in visible
    assert scoring.fmt(report.result.total) in visible
    for tool in report.framework.tools:
        assert tool.code in visible
    assert "สรุปผล 2568 ดีขึ้น" in visible
    assert "มาตรการเปิดเผยข้อมูล" in visible and "รายงานผลการดำเนินการ" in visible
    assert re.search(r'<tr class="ind below">.*?8\. การปรับปรุงระบบการทำงาน', markup)
    assert "1 มีนาคม 2569" in visible  # the date of the page, in the Buddhist era


def test_page_without_analysis_or_measures_says_so() -> None:
    markup = page(make_report(analysis=Analysis(2568), measures=()))
    assert "ยังไม่ได้จัดทำการวิเคราะห์ผลการประเมิน" in markup
    assert "ยังไม่ได้กำหนดมาตรการ" in markup
