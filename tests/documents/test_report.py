"""The analysis-and-measures report as a reader sees it: every score, section, measure and
step in order; nothing outside its frame; the measures on landscape pages with the header row
on each; digits per setting with codes and URLs untouched; clerk text printed literally; the
chart drawn with the engine; atomic output.

The fixture is realistic: the fy2566 framework, scores for all ten indicators and every item,
an analysis with every section (one left empty), 15 measures (one whose steps run over three
landscape pages, one whose text looks like markup)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from doc_helpers import BASE14, BuiltPdf, group_lines, pdffonts_rows, squash

from itadesk.documents import chart as chart_module
from itadesk.documents.context import bundled_context
from itadesk.documents.report import report_page_setups, write_analysis_report
from itadesk.domain import scoring
from itadesk.domain.analysis import (
    FIELD_TITLES_TH,
    FINDING,
    GUIDANCE,
    IMPROVEMENTS,
    SUMMARY,
    WEAKNESSES,
    Analysis,
    AnalysisSection,
    SectionKey,
    ordered_sections,
)
from itadesk.domain.frameworks import Framework, load_framework_file
from itadesk.domain.measure_rules import numbered_steps
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.report import AnalysisReport
from itadesk.domain.thai_text import to_thai_digits
from itadesk.paths import frameworks_dir

TOL = 0.6  # points

OFFICE = "องค์การบริหารส่วนตำบลท้ายหาด"
SCORES = {
    1: "92.52",
    2: "78.40",
    3: "95.10",
    4: "81.25",
    5: "88.00",
    6: "90.35",
    7: "84.99",
    8: "86.70",
    9: "72.50",
    10: "100.00",
}
PREVIOUS = {1: "90.00", 2: "80.10", 3: "93.00", 4: "79.00", 5: "85.50",
            6: "88.00", 7: "86.00", 8: "83.25", 9: "65.00", 10: "95.00"}  # fmt: skip
MARKUP_TEXT = "ใช้ <p> & <b>ไม่ใช่ตัวหนา</b> และ a < b ตามที่พิมพ์"
MARKUP_STEP = "ตรวจแบบฟอร์ม <p>คำร้อง</p> & ตอบภายใน 7 วัน"
LONG_STEPS = 16  # ~3 landscape pages of steps in one row

FIELD_TEXT = {
    FINDING: "ตัวชี้วัดที่ {n} ได้คะแนน {s} คะแนน ผู้มีส่วนได้ส่วนเสียเห็นว่าหน่วยงานดำเนินการ"
    "ตามขั้นตอนและระยะเวลาที่กำหนด ข้อ i16 และ O11 ยังมีคะแนนต่ำกว่าข้ออื่น",
    WEAKNESSES: "ข้อบกพร่องของตัวชี้วัดที่ {n}: การเผยแพร่ข้อมูลบนเว็บไซต์ยังไม่ครบถ้วนและไม่เป็นปัจจุบัน"
    "\n\nการตอบข้อซักถามของประชาชนยังล่าช้ากว่า 15 วัน",
    IMPROVEMENTS: "ประเด็นที่ต้องพัฒนาของตัวชี้วัดที่ {n}: ปรับปรุงช่องทางการสื่อสารให้เข้าถึงง่าย "
    "ดูรายละเอียดที่ https://www.example.go.th/ita/2566",
    GUIDANCE: "แนวทางของตัวชี้วัดที่ {n}: มอบหมายผู้รับผิดชอบ ติดตามผลทุกไตรมาส "
    "และรายงานผู้บริหารภายในวันที่ 30 กันยายน",
}


def framework(year: int = 2566) -> Framework:
    return load_framework_file(frameworks_dir() / f"fy{year}.json")


def analysis(fw: Framework) -> Analysis:
    sections = []
    for ind in fw.indicators:
        for field, text in FIELD_TEXT.items():
            body = text.format(n=ind.number, s=SCORES[ind.number])
            sections.append(AnalysisSection(SectionKey(ind.number, field), body, body))
    summary = "สรุป: หน่วยงานได้คะแนนรวมอยู่ในระดับ A และจะนำผลการวิเคราะห์ไปจัดทำมาตรการ " + MARKUP_TEXT
    sections.append(AnalysisSection(SectionKey(None, SUMMARY), summary, summary))
    # an empty section is omitted from the document
    sections[1] = replace(sections[1], text="  ")
    return Analysis(fiscal_year=fw.fiscal_year, sections=tuple(sections))


def measures(plan_year: int) -> tuple[Measure, ...]:
    timelines = [
        Timeline(),
        Timeline(kind=TimelineKind.QUARTERS, first_quarter=1, last_quarter=2),
        Timeline(kind=TimelineKind.MONTHS, start_month=(2566, 10), end_month=(2567, 3)),
        Timeline(kind=TimelineKind.DATES, start_date=date(2023, 10, 1), end_date=date(2024, 1, 31)),
    ]
    out = []
    for n in range(1, 16):
        steps = (
            *(
                f"ขั้นตอนที่ {k} ของมาตรการที่ {n}: จัดประชุมชี้แจงเจ้าหน้าที่และมอบหมายผู้รับผิดชอบ"
                for k in range(1, 4)
            ),
            "รายงานผลการดำเนินการต่อผู้บริหาร",
        )
        title = f"มาตรการที่ {n} ส่งเสริมการเปิดเผยข้อมูลสาธารณะและการป้องกันการทุจริต"
        rationale = f"ผลการวิเคราะห์ตัวชี้วัดที่ {(n % 10) + 1} พบว่ายังมีจุดอ่อนที่ต้องแก้ไข"
        if n == 5:
            steps = tuple(
                f"ขั้นตอนย่อยที่ {k} ตรวจสอบเอกสารการจัดซื้อจัดจ้างและเผยแพร่ผลบนเว็บไซต์ของหน่วยงาน"
                for k in range(1, LONG_STEPS + 1)
            )
        if n == 7:
            title = "มาตรการ " + MARKUP_TEXT
            rationale = MARKUP_TEXT
            steps = (MARKUP_STEP, "รายงานผล & สรุป")
        out.append(
            Measure(
                plan_year=plan_year,
                title=title,
                indicators=((n % 10) + 1, 9),
                themes=(1 + n % 7,),
                oit_items=("O11", "O12") if n % 3 == 0 else (),
                rationale=rationale,
                steps=steps,
                timeline=timelines[n % 4],
                unit="สำนักปลัด" if n % 2 else "กองคลัง",
                follow_up="หัวหน้าสำนักปลัดติดตามทุกไตรมาส",
                reporting="รายงานนายกฯ รอบ 6 เดือนและ 12 เดือน",
            )
        )
    return tuple(out)


def make_report(
    *, thai_digits: bool = True, measure_count: int = 15, items: bool = True, previous: bool = True
) -> AnalysisReport:
    fw = framework()
    scores = {n: Decimal(v) for n, v in SCORES.items()}
    prev = {n: Decimal(v) for n, v in PREVIOUS.items()} if previous else {}
    item_scores = {}
    if items:
        for i, item in enumerate(fw.items):
            item_scores[item.code] = Decimal(60 + (i * 7) % 41)
    return AnalysisReport(
        office_name=OFFICE,
        district="เมืองสมุทรสงคราม",
        province="สมุทรสงคราม",
        prepared_by="สำนักปลัด",
        framework=fw,
        scores=scores,
        result=scoring.score(fw, scores),
        item_scores=item_scores,
        analysis=analysis(fw),
        plan_year=fw.fiscal_year + 1,
        measures=measures(fw.fiscal_year + 1)[:measure_count],
        plan_framework=framework(2567),
        previous_scores=prev,
        previous_result=scoring.score(framework(2565), prev) if previous else None,
        thai_digits=thai_digits,
        target=fw.target,
    )


# --------------------------------------------------------------------------- helpers


class Built(BuiltPdf):
    """A built report and what readers extract from it."""

    def __init__(self, report: AnalysisReport, path: Path) -> None:
        super().__init__(path)
        self.report = report

    def body(self, pages: range | None = None) -> str:
        """The text of the pages without their page numbers, so a paragraph that runs on to
        the next page reads as one."""
        portrait, _ = report_page_setups(self.report)
        out = []
        for n in pages if pages is not None else range(len(self.pages)):
            text = self.pages[n].replace("\r\n", "\n")
            label = portrait.page_label(n + 1)
            if label and text.startswith(label):
                text = text[len(label) :]
            out.append(text)
        return "\n".join(out)

    def landscape(self) -> list[int]:
        return [i for i, (w, h) in enumerate(self.sizes) if w > h]


def build(tmp_path: Path, report: AnalysisReport, name: str = "report.pdf") -> Built:
    out = tmp_path / name
    write_analysis_report(report, out, bundled_context(), invariant=True)
    return Built(report, out)


def assert_in_order(text: str, parts: list[str]) -> None:
    flat = squash(text)
    pos = 0
    for part in parts:
        found = flat.find(squash(part), pos)
        assert found >= 0, f"{part!r} missing or out of order after …{flat[max(0, pos - 60) : pos]}"
        pos = found + len(squash(part))


def expected_steps(measure: Measure, thai: bool) -> list[str]:
    steps = numbered_steps([s for s in measure.steps if s.strip()], thai_digits=thai)
    return [to_thai_digits(s) if thai else s for s in steps]


def column_text(built: Built, column: int, header: str) -> str:
    """The text of one column of the measures table over all its pages, read top to bottom
    (the repeated header removed), so a cell split across pages reads as one."""
    parts = []
    _, landscape = report_page_setups(built.report)
    frame_top = landscape.pagesize[1] - landscape.frame_box()[3]  # under the page number
    for n in built.landscape():
        page = built.objects[n]
        xs = sorted({round(ln["x0"], 1) for ln in page["lines"] if abs(ln["x0"] - ln["x1"]) < 0.1})
        if len(xs) < 8:
            continue  # the title page before the table starts
        chars = [
            c
            for c in page["chars"]
            if xs[column] < c["x0"] < xs[column + 1] and c["top"] > frame_top
        ]
        text = "".join(c["text"] for row in group_lines(chars) for c in row)
        parts.append(squash(text).replace(squash(header), "", 1))
    return "".join(parts)


@pytest.fixture(scope="module")
def thai(tmp_path_factory) -> Built:
    return build(tmp_path_factory.mktemp("thai"), make_report())


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Built:
    return build(tmp_path_factory.mktemp("arabic"), make_report(thai_digits=False))


# --------------------------------------------------------------------------- tests


def test_every_font_embedded_no_base14(thai: Built) -> None:
    rows = pdffonts_rows(thai.path)
    if rows is not None:
        assert rows
        for row in rows:
            assert not BASE14.search(row), row
            assert " yes yes " in row, row
    for page in thai.objects:
        for c in page["chars"]:
            assert not BASE14.search(c["fontname"]), c["fontname"]


def test_cover_scores_and_analysis_in_order(thai: Built) -> None:
    report = thai.report
    fw = report.framework
    portrait = range(thai.landscape()[0])
    text = thai.body(portrait)
    parts = [
        "รายงานผลการวิเคราะห์ผลการประเมิน",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        OFFICE,
        "อำเภอเมืองสมุทรสงคราม จังหวัดสมุทรสงคราม",
        "จัดทำโดย สำนักปลัด",
    ]
    for tool in fw.tools:
        parts += [tool.code, to_thai_digits(scoring.fmt(report.result.tool_scores[tool.code]))]
        for number in tool.indicators:
            parts += [
                f"{to_thai_digits(str(number))}. {fw.indicator(number).name_th}",
                to_thai_digits(PREVIOUS[number]),
                to_thai_digits(SCORES[number]),
            ]
    assert report.result.total is not None and report.result.rating is not None
    parts += [to_thai_digits(scoring.fmt(report.result.total)), report.result.rating.label]
    parts.append(to_thai_digits(report.result.explanation_th))
    for section in ordered_sections(report.analysis, fw.indicator_numbers):
        if not section.text.strip():
            continue
        if section.key.field != SUMMARY:
            parts.append(FIELD_TITLES_TH[section.key.field])
        parts += [p for p in to_thai_digits(section.text).split("\n") if p.strip()]
    assert_in_order(text, parts)


def test_indicators_below_target_are_marked(thai: Built) -> None:
    flat = squash(thai.body(range(thai.landscape()[0])))
    for score in SCORES.values():
        shown = squash(to_thai_digits(score))
        if Decimal(score) < thai.report.target:
            assert shown + "*" in flat, score
        else:
            assert shown + "*" not in flat, score


def test_empty_sections_are_omitted(thai: Built) -> None:
    text = thai.body(range(thai.landscape()[0]))
    title = squash(FIELD_TITLES_TH[WEAKNESSES])
    assert squash(text).count(title) == 9  # ten indicators, one left empty


def test_measures_on_landscape_pages_with_repeated_header(thai: Built) -> None:
    pages = thai.landscape()
    assert len(pages) >= 4
    # the measures are the last part: every page from the first landscape page on
    assert pages == list(range(pages[0], len(thai.pages)))
    assert all(w < h for w, h in thai.sizes[: pages[0]])
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in thai.pages[pages[0]]
    headers = [
        "ที่",
        "มาตรการ/โครงการ/กิจกรรม",
        "ผลการวิเคราะห์ที่มาตรการตอบ",
        "ขั้นตอนหรือวิธีการดำเนินการ",
        "ระยะเวลา",
        "ผู้รับผิดชอบ",
        "การกำกับติดตามและรายงานผล",
    ]
    for n in pages:
        assert_in_order(thai.pages[n], headers)
        # the header row is the first thing under the page number on every page after the first
        if n > pages[0]:
            first_line = thai.pages[n].replace("\r\n", "\n").split("\n")[1]
            assert first_line.strip().startswith("ที่"), first_line


def test_every_measure_title_and_step_in_order(thai: Built) -> None:
    measures = thai.report.measures
    titles = column_text(thai, 1, "มาตรการ/โครงการ/กิจกรรม")
    assert_in_order(titles, [to_thai_digits(m.title) for m in measures])
    steps = column_text(thai, 3, "ขั้นตอนหรือวิธีการดำเนินการ")
    assert_in_order(steps, [s for m in measures for s in expected_steps(m, True)])
    # PDFium reads the same words (a cell split over two pages is read in two parts)
    flat = squash("".join(thai.pages))
    for m in measures:
        assert squash(to_thai_digits(m.title))[:12] in flat


def test_a_step_list_longer_than_two_pages_continues(thai: Built) -> None:
    long = next(m for m in thai.report.measures if len(m.steps) == LONG_STEPS)
    steps = expected_steps(long, True)
    pages = {
        n
        for n in thai.landscape()
        for s in steps
        if squash(s)[:14] in squash(thai.pages[n])  # the start of each step
    }
    assert len(pages) >= 3


def test_clerk_text_prints_literally(thai: Built) -> None:
    text = "".join(thai.pages)
    assert "<p>" in text and "</p>" in text and "<b>" in text
    assert "a < b" in text and " & " in text
    assert "&amp;" not in text and "&lt;" not in text
    # every "<b>…</b>" the clerk typed prints with its tags (summary, title, rationale)
    flat = squash(text)
    assert flat.count("ไม่ใช่ตัวหนา") >= 3
    assert flat.count("<b>ไม่ใช่ตัวหนา</b>") == flat.count("ไม่ใช่ตัวหนา")


@pytest.mark.parametrize("which", ["thai", "arabic"])
def test_digits_follow_the_setting_codes_stay_latin(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    text = "\n".join(built.pages)
    score = SCORES[1]
    assert "O11" in text and "i16" in text and "O12" in text
    assert "https://www.example.go.th/ita/2566" in text
    if which == "thai":
        assert to_thai_digits(score) in text and score not in text
        # no Arabic digit anywhere but in codes and URLs
        rest = re.sub(r"https?://\S+", "", text)
        rest = re.sub(r"\b[A-Za-z]+[0-9]+\b", "", rest)
        assert not re.search(r"[0-9]", rest), re.findall(r".{10}[0-9].{10}", rest)[:5]
        assert "- ๒ -" in text
    else:
        assert score in text and to_thai_digits(score) not in text
        assert not re.search("[๐-๙]", text), re.findall("..[๐-๙]..", text)[:5]
        assert "- 2 -" in text


def test_nothing_outside_its_frame(thai: Built) -> None:
    portrait, landscape = report_page_setups(thai.report)
    from itadesk.documents.fonts import bundled_fonts
    from itadesk.documents.shaping import font_metrics, glyph_path, shape

    font = bundled_fonts().regular
    asc, desc, _ = font_metrics(font)
    top, bottom = 0.0, 0.0
    for u in shape(font, "นี้ ปั้น ป๊ ฟื้น ฎู ญู ฐุ ฤ ปู่"):
        for g in u.glyphs:
            _ops, (_x0, gy0, _x1, gy1) = glyph_path(font, g.gid)
            top, bottom = max(top, gy1 + g.y), max(bottom, -(gy0 + g.y))
    size = 22  # the largest type in the report (cover title)
    over_top = (top + 40 - asc) * size / 1000 + TOL
    over_bottom = (bottom + 40 - desc) * size / 1000 + TOL
    for n, page in enumerate(thai.objects):
        w, h = thai.sizes[n]
        setup = landscape if w > h else portrait
        x0, y0, x1, y1 = setup.frame_box()
        label = setup.page_label(n + 1)
        above = [c for c in page["chars"] if c["bottom"] < h - y1]
        assert squash("".join(c["text"] for c in above)) == squash(label), n
        for c in page["chars"]:
            if c in above:
                continue
            assert x0 - TOL <= c["x0"] and c["x1"] <= x1 + TOL, (n, c["text"], c["x0"], c["x1"])
            assert h - y1 - TOL <= c["top"] and c["bottom"] <= h - y0 + TOL, (n, c["text"])
        for kind in ("curves", "lines", "rects"):
            for obj in page[kind]:
                assert x0 - TOL <= obj["x0"] and obj["x1"] <= x1 + TOL, (n, kind, obj["x0"])
                assert h - y1 - over_top <= obj["top"], (n, kind, obj["top"])
                assert obj["bottom"] <= h - y0 + over_bottom, (n, kind, obj["bottom"])
        assert not page["images"]


def test_chart_bars_and_labels(thai: Built) -> None:
    n = next(i for i, p in enumerate(thai.pages) if "แผนภูมิ" in p)
    page = thai.objects[n]

    def filled(colour) -> list[dict]:
        rgb = (colour.red, colour.green, colour.blue)
        out = []
        for r in page["rects"]:
            fill = r.get("non_stroking_color")
            if (
                r.get("fill")
                and r["height"] > 8  # not the legend's swatches
                and fill
                and len(fill) == 3
                and all(abs(a - b) < 0.01 for a, b in zip(fill, rgb, strict=True))
            ):
                out.append(r)
        return out

    below = [s for s in SCORES.values() if Decimal(s) < thai.report.target]
    assert len(filled(chart_module.BELOW_TARGET)) == len(below)
    assert len(filled(chart_module.AT_TARGET)) == len(SCORES) - len(below)
    assert len(filled(chart_module.PREVIOUS)) == len(PREVIOUS)
    # a bar's height is its score on a 0–100 axis: compare two bars
    bars = sorted(
        filled(chart_module.AT_TARGET) + filled(chart_module.BELOW_TARGET), key=lambda r: r["x0"]
    )
    h1, h10 = bars[0]["height"], bars[-1]["height"]
    assert h1 / h10 == pytest.approx(float(Decimal(SCORES[1]) / Decimal(SCORES[10])), rel=0.01)
    text = squash(thai.pages[n])
    for score in SCORES.values():
        assert squash(to_thai_digits(score)) in text  # values on the bars
    assert "เป้าหมาย๘๕" in text
    for ind in thai.report.framework.indicators:
        assert squash(f"{to_thai_digits(str(ind.number))} {ind.name_th}") in text  # the key
    # the target line: dashed, horizontal, across the plot at 85
    target_lines = [ln for ln in page["lines"] if ln.get("dash") and ln["width"] > 5 * 28]
    assert target_lines


def test_without_measures_items_or_previous_year(tmp_path: Path) -> None:
    report = make_report(measure_count=0, items=False, previous=False)
    built = build(tmp_path, report)
    text = "".join(built.pages)
    assert not built.landscape()
    assert "ยังไม่ได้กำหนดมาตรการ" in text
    assert "คะแนนรายข้อ" not in text and "ประเด็นที่ ๑" not in text
    assert "แผนภูมิ" in text and squash(to_thai_digits(SCORES[9])) in squash(text)
    for section in (FINDING, IMPROVEMENTS, GUIDANCE):
        assert squash(FIELD_TITLES_TH[section]) in squash(text)


def test_item_scores_grouped_by_theme(thai: Built) -> None:
    fw = thai.report.framework
    text = squash(thai.body(range(thai.landscape()[0])))
    for i, theme in enumerate(fw.themes, 1):
        assert squash(f"ประเด็นที่ {to_thai_digits(str(i))} {theme.name_th}") in text
    for code in ("i1", "e15", "O11", "O43"):
        assert code in text


def test_atomic_write_on_error_mid_build(tmp_path: Path, monkeypatch) -> None:
    def boom(self) -> None:
        raise RuntimeError("boom while drawing the chart")

    monkeypatch.setattr(chart_module.ScoreChart, "draw", boom)
    out = tmp_path / "report.pdf"
    with pytest.raises(RuntimeError, match="boom"):
        write_analysis_report(make_report(measure_count=2), out, bundled_context())
    assert list(tmp_path.iterdir()) == []
