"""The results report of a round as a reader sees it: every group, measure and item in order with
its state (a vector box, ticked for done items), dates and counts in the report's digits with
URLs and clerk text untouched, the draft marking, the summary's percentages, nothing outside
its frame, the header row on every table page, and both groupings.

The fixture is realistic: the fy2568 framework, eight measures over five themes (one in two
themes, one in none), one whose 30 steps run over several pages, items in every state (one
done after the 6-month round ended), notes, reasons, evidence files and links (a URL with
digits), outputs and outcomes, and a measure whose text looks like markup."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from doc_helpers import BASE14, BuiltPdf, group_lines, pdffonts_rows, squash
from reportlab.lib.units import cm

from itadesk.documents.context import bundled_context
from itadesk.documents.results import (
    GROUP_HEADERS,
    results_page_setups,
    write_results_report,
)
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.frameworks import Framework, load_framework_file
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.report import GROUP_BY_INDICATOR, GROUP_BY_THEME, ResultsReport
from itadesk.domain.thai_text import to_thai_digits
from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    EVIDENCE_LINK,
    ITEM_OUTPUT,
    ITEM_STEP,
    STATE_LABELS_TH,
    CheckItem,
    Evidence,
    MeasureResult,
    TrackingState,
)
from itadesk.domain.tracking_rules import Progress, RoundReport, round_report
from itadesk.paths import frameworks_dir

TOL = 0.6  # points
FY = 2568  # 1 Oct 2024 – 30 Sep 2025
OFFICE = "องค์การบริหารส่วนตำบลท้ายหาด"
URL = "https://www.example.go.th/ita/2568/news-12"
MARKUP_TITLE = "<script>alert(1)</script> & มาตรการเผยแพร่ข้อมูล <b>ไม่ใช่ตัวหนา</b>"
CLERK_DIGITS = "ตอบข้อร้องเรียนภายใน 15 วัน"  # clerk text: printed as typed, never converted
LONG_STEPS = 30
ACTIONS = (
    "จัดประชุมชี้แจงเจ้าหน้าที่และมอบหมายผู้รับผิดชอบ",
    "จัดทำคู่มือการปฏิบัติงานและเผยแพร่บนเว็บไซต์ของหน่วยงาน",
    "สำรวจความพึงพอใจของผู้รับบริการ",
    "ตรวจสอบเอกสารการจัดซื้อจัดจ้างให้ครบถ้วน",
    "รายงานผลการดำเนินการต่อผู้บริหาร",
)
NUMBER_WORDS = ("หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")


def number_word(n: int) -> str:
    """Thai number words, so clerk texts are unique without digits."""
    tens, units = divmod(n, 10)
    head = {0: "", 1: "สิบ", 2: "ยี่สิบ"}.get(tens, NUMBER_WORDS[tens - 1] + "สิบ")
    tail = "" if units == 0 else ("เอ็ด" if tens and units == 1 else NUMBER_WORDS[units - 1])
    return head + tail


def framework() -> Framework:
    return load_framework_file(frameworks_dir() / "fy2568.json")


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


def _items(
    measure_id: int, kind: str, states: list[tuple[str, dict]], texts: list[str]
) -> list[CheckItem]:
    out = []
    for pos, ((state, extra), text) in enumerate(zip(states, texts, strict=True)):
        out.append(
            CheckItem(
                measure_id,
                kind,
                text,
                pos,
                state,
                id=measure_id * 1000 + pos + (500 if kind == ITEM_OUTPUT else 0),
                **extra,
            )
        )
    return out


def fixture() -> tuple[list[Measure], dict[int, list[CheckItem]], dict[int, MeasureResult]]:
    q12 = Timeline(kind=TimelineKind.QUARTERS, first_quarter=1, last_quarter=2)
    dates = Timeline(kind=TimelineKind.DATES, start_date=d(2024, 11, 1), end_date=d(2025, 6, 30))
    link = Evidence(EVIDENCE_LINK, URL, "ข่าวประชาสัมพันธ์")
    photo = Evidence(EVIDENCE_FILE, "2568/m1/ภาพกิจกรรม.jpg", "ภาพถ่ายกิจกรรม")
    report_file = Evidence(EVIDENCE_FILE, "2568/m5/รายงานผล.pdf")  # no label: the file name
    done = TrackingState.DONE
    specs = [
        # (themes, indicators, timeline, step states, output states)
        ((1,), (1, 6), Timeline(), ["done", "done", "in"], ["not"]),
        ((1, 3), (7,), q12, ["done_note", "cannot"], []),
        ((2,), (6, 8), Timeline(), ["long"] * LONG_STEPS, ["done"]),
        ((3,), (9,), q12, ["done", "not"], ["in"]),
        ((5,), (2,), Timeline(), ["done_evidence", "done"], ["done", "cannot"]),
        ((), (), Timeline(), ["in", "not"], []),
        ((7,), (5, 10), dates, ["done_april", "not"], []),
        ((4,), (4,), Timeline(), [], ["not", "not"]),
    ]
    measures, items, results = [], {}, {}
    for n, (themes, indicators, timeline, steps, outputs) in enumerate(specs, 1):
        word = number_word(n)
        title = f"มาตรการ{word} ส่งเสริมการเปิดเผยข้อมูลสาธารณะและการป้องกันการทุจริต"
        if n == 4:
            title = MARKUP_TITLE
        step_texts = [
            f"{ACTIONS[k % len(ACTIONS)]} ชุด{number_word(k + 1)}" for k in range(len(steps))
        ]
        if n == 4:
            step_texts[1] = "ตรวจแบบฟอร์ม <p>คำร้อง</p> & " + CLERK_DIGITS
        states: list[tuple[str, dict]] = []
        for k, kind in enumerate(steps):
            if kind == "long":
                kind = ("done", "in", "not", "cannot")[k % 4]
            day = d(2024, 10 + k % 3, 5 + k % 20)
            states.append(
                {
                    "done": (done, {"done_date": day}),
                    "done_note": (done, {"done_date": day, "note": "ประชุมร่วมกับผู้นำชุมชน"}),
                    "done_evidence": (
                        done,
                        {"done_date": d(2025, 1, 9), "evidence": (link, photo)},
                    ),
                    "done_april": (done, {"done_date": d(2025, 4, 2)}),
                    "in": (TrackingState.IN_PROGRESS, {}),
                    "not": (TrackingState.NOT_STARTED, {}),
                    "cannot": (TrackingState.CANNOT, {"reason": "ไม่ได้รับจัดสรรงบประมาณ"}),
                }[kind]
            )
        out_texts = [
            f"ผลผลิต{word}ข้อ{number_word(k + 1)} คู่มือและประกาศที่เผยแพร่แล้ว" for k in range(len(outputs))
        ]
        out_states = [
            {
                "done": (done, {"done_date": d(2025, 2, 14), "evidence": (report_file,)}),
                "in": (TrackingState.IN_PROGRESS, {}),
                "not": (TrackingState.NOT_STARTED, {}),
                "cannot": (TrackingState.CANNOT, {"reason": "ยกเลิกตามนโยบายผู้บริหาร"}),
            }[kind]
            for kind in outputs
        ]
        measures.append(
            Measure(
                plan_year=FY,
                title=title,
                indicators=indicators,
                themes=themes,
                steps=tuple(step_texts),
                expected_outputs=tuple(out_texts),
                timeline=timeline,
                unit="สำนักปลัด" if n % 2 else "กองคลัง & งานพัสดุ",
                id=n,
            )
        )
        items[n] = _items(n, ITEM_STEP, states, step_texts) + _items(
            n, ITEM_OUTPUT, out_states, out_texts
        )
        results[n] = MeasureResult(
            n,
            outputs=f"จัดทำคู่มือ{word}และเผยแพร่แล้ว\nประชาสัมพันธ์ผ่านเว็บไซต์ {URL}",
            outcomes="" if n == 6 else f"ผู้รับบริการพึงพอใจมากขึ้น {CLERK_DIGITS}",
        )
    return measures, items, results


def make_round(months: int = 12) -> RoundReport:
    measures, items, results = fixture()
    today = d(2025, 10, 20) if months == 12 else d(2025, 4, 20)
    return round_report(FY, months, measures, items, results, today)


def make_report(
    *,
    months: int = 12,
    thai_digits: bool = True,
    grouping: str = GROUP_BY_THEME,
    snapshot: bool = False,
) -> ResultsReport:
    return ResultsReport(
        office_name=OFFICE,
        district="เมืองสมุทรสงคราม",
        province="สมุทรสงคราม",
        prepared_by="สำนักปลัด",
        round=make_round(months),
        framework=framework(),
        grouping=grouping,
        thai_digits=thai_digits,
        snapshot_taken_at=datetime(2025, 10, 21, 9, 30) if snapshot else None,
    )


# --------------------------------------------------------------------------- helpers


class Built(BuiltPdf):
    """A built report and what readers extract from it."""

    def __init__(self, report: ResultsReport, path: Path) -> None:
        super().__init__(path)
        self.report = report

    def setup(self, n: int):
        portrait, landscape = results_page_setups(self.report)
        w, h = self.sizes[n]
        return landscape if w > h else portrait

    def body(self) -> str:
        """All text without page numbers, so a cell continued on the next page reads on."""
        out = []
        for n, text in enumerate(self.pages):
            text = text.replace("\r\n", "\n")
            label = self.setup(n).page_label(n + 1)
            if label and text.startswith(label):
                text = text[len(label) :]
            out.append(text)
        return "\n".join(out)

    def landscape(self) -> list[int]:
        return [i for i, (w, h) in enumerate(self.sizes) if w > h]


def build(tmp_path: Path, report: ResultsReport, name: str = "results.pdf") -> Built:
    out = tmp_path / name
    write_results_report(report, out, bundled_context(), invariant=True)
    return Built(report, out)


def assert_in_order(text: str, parts: list[str]) -> None:
    flat = squash(text)
    pos = 0
    for part in parts:
        found = flat.find(squash(part), pos)
        assert found >= 0, f"{part!r} missing or out of order after …{flat[max(0, pos - 80) : pos]}"
        pos = found + len(squash(part))


def group_headings(report: ResultsReport) -> list[tuple[str, list]]:
    """(heading as printed, measures) in print order, computed here independently."""
    fw = report.framework
    assert fw is not None
    thai = report.thai_digits
    by_indicator = report.grouping == GROUP_BY_INDICATOR
    out = []
    entries = fw.indicators if by_indicator else fw.themes
    for entry in entries:
        members = [
            m
            for m in report.round.measures
            if entry.number in (m.indicators if by_indicator else m.themes)
        ]
        if members:
            word = "ตัวชี้วัดที่" if by_indicator else "ประเด็นที่"
            number = to_thai_digits(str(entry.number)) if thai else str(entry.number)
            out.append((f"{word} {number} {entry.name_th}", members))
    none = [m for m in report.round.measures if not (m.indicators if by_indicator else m.themes)]
    if none:
        out.append(("ไม่ระบุตัวชี้วัด" if by_indicator else "ไม่ระบุประเด็น", none))
    return out


def clerk_strings(m) -> list[str]:
    """What the clerk typed that a measure's row prints (steps twice: two columns)."""
    out = [m.title, m.unit, m.outputs, m.outcomes]
    for item in m.items:
        out += [item.text, item.note, item.reason]
        if item.kind == ITEM_STEP:
            out.append(item.text)
        for e in item.evidence:
            out.append(e.label or e.value.rsplit("/", 1)[-1])
            if e.kind == EVIDENCE_LINK and e.label != e.value:
                out.append(e.value)
    return out


def date_text(day: date, thai: bool) -> str:
    return format_thai_date(day, "abbr_full_year", thai_digits=thai)


def expected_item_lines(report: ResultsReport) -> list[tuple[str, bool]]:
    """(first words of the item as printed, done) for every check line in print order."""
    thai = report.thai_digits
    out = []
    for _heading, measures in group_headings(report):
        for m in measures:
            steps = [i for i in m.items if i.kind == ITEM_STEP]
            for k, item in enumerate(steps, 1):
                label = to_thai_digits(str(k)) if thai else str(k)
                out.append((f"{label}) {item.text}", item.state == TrackingState.DONE))
            for item in m.items:
                if item.kind == ITEM_OUTPUT:
                    out.append((item.text, item.state == TrackingState.DONE))
    return out


@pytest.fixture(scope="module")
def thai(tmp_path_factory) -> Built:
    return build(tmp_path_factory.mktemp("thai"), make_report())


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Built:
    report = make_report(thai_digits=False, snapshot=True, months=6)
    return build(tmp_path_factory.mktemp("arabic"), report)


@pytest.fixture(scope="module")
def indicators(tmp_path_factory) -> Built:
    report = make_report(grouping=GROUP_BY_INDICATOR, snapshot=True)
    return build(tmp_path_factory.mktemp("indicators"), report)


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


def test_cover_then_landscape_tables(thai: Built) -> None:
    assert thai.sizes[0][0] < thai.sizes[0][1]  # the cover is portrait
    assert thai.landscape() == list(range(1, len(thai.pages)))
    cover = thai.pages[0]
    assert_in_order(
        cover,
        [
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
            "รอบ ๑๒ เดือน",
            "(๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘)",
            "ฉบับร่าง — ข้อมูล ณ วันที่ ๓๐ กันยายน ๒๕๖๘",
            OFFICE,
            "อำเภอเมืองสมุทรสงคราม จังหวัดสมุทรสงคราม",
            "จัดทำโดย สำนักปลัด",
        ],
    )
    assert "☐" not in "".join(thai.pages) and "☑" not in "".join(thai.pages)


def test_draft_marked_only_without_a_snapshot(thai: Built, arabic: Built) -> None:
    assert "ฉบับร่าง" in thai.pages[0] and "ฉบับร่าง" in thai.pages[1]
    text = "".join(arabic.pages)
    assert "ฉบับร่าง" not in text
    # a saved round says what day its data is from: the 6-month round's last day
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2568" in arabic.pages[0]
    assert "รอบ 6 เดือน" in arabic.pages[0]


def group_table_regions(page: dict) -> list[tuple[float, float, list[float]]]:
    """(top, bottom, column edges) of each part of a group table drawn on ``page``, found
    from its vertical rules: the columns are sized by their content, so each table has its
    own edges. The summary table (five equal number columns of 2.6 cm) is left out."""
    spans: dict[tuple[float, float], set[float]] = {}
    for ln in page["lines"]:
        if abs(ln["x0"] - ln["x1"]) < 0.1:
            key = (round(ln["top"], 1), round(ln["bottom"], 1))
            spans.setdefault(key, set()).add(round(ln["x0"], 2))
    regions = []
    for (top, bottom), xs in spans.items():
        edges = sorted(xs)
        if len(edges) != len(GROUP_HEADERS) + 1:
            continue
        widths = [b - a for a, b in itertools.pairwise(edges)]
        if all(abs(w - 2.6 * cm) < 0.5 for w in widths[1:]):
            continue  # the summary table
        regions.append((top, bottom, edges))
    return regions


def group_column_text(built: Built, column: int) -> str:
    """One column of every group table, read top to bottom over all pages (squashed), with
    the repeated column header removed, so a cell continued overleaf reads on."""
    header = squash(GROUP_HEADERS[column].replace("<br/>", ""))
    parts = []
    for n in built.landscape():
        page = built.objects[n]
        for top, bottom, edges in sorted(group_table_regions(page)):
            chars = [
                c
                for c in page["chars"]
                if edges[column] < c["x0"] < edges[column + 1] and top - 1 <= c["top"] <= bottom + 1
            ]
            text = squash("".join(c["text"] for row in group_lines(chars) for c in row))
            parts.append(text.removeprefix(header))
    return "".join(parts)


@pytest.mark.parametrize("which", ["thai", "indicators"])
def test_groups_and_measures_in_order(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    groups = group_headings(built.report)
    assert len(groups) >= 6
    parts = []
    for heading, measures in groups:
        parts.append(heading)
        parts += [m.title for m in measures]
    assert_in_order(built.body(), parts)
    # the measure column holds the titles in the same order (each group's table in turn)
    assert_in_order(group_column_text(built, 0), [m.title for _, ms in groups for m in ms])


@pytest.mark.parametrize("which", ["thai", "arabic", "indicators"])
def test_every_item_with_its_state_in_order(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    thai = built.report.thai_digits
    steps_column, results, outcomes = [], [], []
    for _heading, measures in group_headings(built.report):
        for m in measures:
            steps = [i for i in m.items if i.kind == ITEM_STEP]
            for k, item in enumerate(steps, 1):
                numbered = f"{to_thai_digits(str(k)) if thai else k}) {item.text}"
                steps_column.append(numbered)
                results += [numbered, STATE_LABELS_TH[item.state]]
                if item.state == TrackingState.DONE:
                    assert item.done_date is not None
                    results.append(date_text(item.done_date, thai))
                if item.state == TrackingState.CANNOT:
                    results.append(item.reason)
                if item.note:
                    results.append("หมายเหตุ: " + item.note)
                for e in item.evidence:
                    results.append(e.label or e.value.rsplit("/", 1)[-1])
                    if e.kind == EVIDENCE_LINK:
                        results.append(e.value)
            outputs = [i for i in m.items if i.kind == ITEM_OUTPUT]
            if outputs:
                results.append("ผลผลิตที่คาดหวัง")
            for item in outputs:
                results += [item.text, STATE_LABELS_TH[item.state]]
                if item.state == TrackingState.CANNOT:
                    results.append(item.reason)
            if m.outputs:
                outcomes += ["ผลผลิต", *m.outputs.split("\n")]
            if m.outcomes:
                outcomes += ["ผลลัพธ์", m.outcomes]
    assert_in_order(group_column_text(built, 1), steps_column)
    assert_in_order(group_column_text(built, 4), results)
    assert_in_order(group_column_text(built, 5), outcomes)


def test_measure_in_two_themes_is_listed_under_both(thai: Built) -> None:
    two = next(m for m in thai.report.round.measures if len(m.themes) == 2)
    assert squash(thai.body()).count(squash(two.title)) == 2
    none = next(m for m in thai.report.round.measures if not m.themes)
    assert_in_order(thai.body(), ["ไม่ระบุประเด็น", none.title])


def _boxes_with_lines(built: Built) -> list[tuple[str, bool]]:
    """Every check box in print order: (text of the line its box starts, ticked)."""
    found = []
    for n in built.landscape():
        page = built.objects[n]
        boxes = [
            r
            for r in page["rects"]
            if r["stroke"]
            and not r["fill"]
            and 8 <= r["width"] <= 13
            and abs(r["width"] - r["height"]) < 0.5
        ]
        ticks = [c for c in page["curves"] if c["stroke"] and not c["fill"]]
        for box in sorted(boxes, key=lambda r: r["top"]):
            inside = [
                c
                for c in ticks
                if box["x0"] - 0.5 <= c["x0"]
                and c["x1"] <= box["x1"] + 0.5
                and box["top"] - 0.5 <= c["top"]
                and c["bottom"] <= box["bottom"] + 0.5
            ]
            # the text of the box's line: right of the box, in its column (the results)
            end = next(
                (
                    next(e for e in edges if e > box["x1"])
                    for top, bottom, edges in group_table_regions(page)
                    if top <= box["top"] <= bottom
                ),
                box["x1"] + 170,
            )
            right = [c for c in page["chars"] if box["x1"] < c["x0"] < end]
            line = next(
                (
                    row
                    for row in group_lines(right)
                    if box["top"] < row[0]["bottom"] <= box["bottom"] + 5.0
                ),
                None,
            )
            assert line is not None, (n, box)
            # the box sits on its first text line and the text starts just after it
            assert 2.0 <= line[0]["x0"] - box["x1"] <= 9.0, (n, line[0]["x0"] - box["x1"])
            found.append(("".join(c["text"] for c in line), bool(inside)))
    return found


@pytest.mark.parametrize("which", ["thai", "arabic"])
def test_every_item_has_a_vector_box_ticked_when_done(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    boxes = _boxes_with_lines(built)
    expected = expected_item_lines(built.report)
    assert len(boxes) == len(expected)
    for (line, ticked), (text, done) in zip(boxes, expected, strict=True):
        assert squash(text).startswith(squash(line)[:8]), (line, text)
        assert ticked == done, (line, text, done)
    assert any(done for _, done in expected) and not all(done for _, done in expected)


def test_done_after_the_round_counts_as_in_progress(arabic: Built) -> None:
    # the 6-month round ends 31 March; the item done on 2 April is still in progress there
    late = next(m for m in arabic.report.round.measures if m.themes == (7,))
    assert late.items[0].state == TrackingState.IN_PROGRESS
    assert "2 เม.ย. 2568" not in arabic.body()


@pytest.mark.parametrize("which", ["thai", "arabic"])
def test_digits_follow_the_setting_urls_and_clerk_text_stay(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    text = built.body()
    # link evidence and the clerk's outputs: Latin, digits untouched (wrapped in the cells)
    assert squash(URL) in squash(text)
    assert squash(CLERK_DIGITS) in squash(text)  # clerk text as typed
    first_done = next(
        i for m in built.report.round.measures for i in m.items if i.state == TrackingState.DONE
    )
    assert first_done.done_date is not None
    if which == "thai":
        assert squash(date_text(first_done.done_date, True)) in squash(text)
        # every Arabic digit printed is one the clerk typed (URLs, "15 วัน", "alert(1)"):
        # the report generated none (readers may interleave cells, so digits are counted)
        printed = len(re.findall("[0-9]", text))
        typed = sum(
            len(re.findall("[0-9]", clerk))
            for _heading, measures in group_headings(built.report)
            for m in measures
            for clerk in clerk_strings(m)
        )
        assert printed == typed
        assert "- ๒ -" in "".join(built.pages)
    else:
        assert squash(date_text(first_done.done_date, False)) in squash(text)
        assert not re.search("[๐-๙]", text), re.findall("..[๐-๙]..", text)[:5]
        assert "- 2 -" in "".join(built.pages)


def test_clerk_text_prints_literally(thai: Built) -> None:
    text = "".join(thai.pages)
    flat = squash(text)
    assert squash(MARKUP_TITLE) in flat
    assert "<p>คำร้อง</p>" in flat and squash("กองคลัง & งานพัสดุ") in flat
    assert "&amp;" not in text and "&lt;" not in text


def test_summary_percentages_match_the_round(thai: Built, indicators: Built) -> None:
    for built in (thai, indicators):
        report = built.report
        _, landscape = results_page_setups(report)
        x0, _, x1, _ = landscape.frame_box()
        col = 2.6 * cm  # the summary's number columns
        edges = [x0, *(x1 - k * col for k in range(5, -1, -1))]
        rows: list[list[str]] = []
        for n in built.landscape()[:2]:  # a long summary may continue overleaf
            for line in group_lines(built.objects[n]["chars"]):
                cells = ["".join(c["text"] for c in line if a < c["x0"] < b) for a, b in
                         itertools.pairwise(edges)]  # fmt: skip
                rows.append([squash(cell) for cell in cells])

        def numbers(label: str, rows: list[list[str]] = rows) -> list[str]:
            return next(r[1:] for r in rows if r[0].startswith(squash(label)))

        def expect(count: int, p: Progress) -> list[str]:
            percent = "–" if p.total == 0 else str(p.percent)
            return [to_thai_digits(str(v)) for v in (count, p.total, p.done, p.cannot, percent)]

        by_indicator = report.grouping == GROUP_BY_INDICATOR
        themes = dict(report.round.themes)
        fw = report.framework
        assert fw is not None
        entries = fw.indicators if by_indicator else fw.themes
        checked = 0
        for heading, members in group_headings(report):
            entry = next((e for e in entries if heading.endswith(e.name_th)), None)
            if by_indicator:
                progress = sum((m.progress for m in members), Progress(0, 0, 0, 0))
            else:
                progress = themes[entry.number if entry is not None else 0]
            # long names wrap: the label is matched on its first words
            assert numbers(heading[:20]) == expect(len(members), progress), heading
            checked += 1
        assert checked >= 6
        overall = report.round.overall
        assert numbers("รวมทั้งหมด") == expect(len(report.round.measures), overall)
        assert overall.percent == round(100 * overall.done / (overall.total - overall.cannot))


def test_header_row_on_every_table_page(thai: Built) -> None:
    headers = ["มาตรการ/โครงการ/กิจกรรม", "ขั้นตอน/วิธีปฏิบัติ", "ระยะเวลาดำเนินการ",
               "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์/ความสำเร็จ"]  # fmt: skip
    pages = thai.landscape()
    first_table = next(n for n in pages if squash(headers[0]) in squash(thai.pages[n]))
    table_pages = [n for n in pages if n >= first_table]
    assert len(table_pages) >= 4  # the long step list runs over pages
    for n in table_pages:
        assert_in_order(thai.pages[n], headers)
        if n > first_table:
            # under the page number comes the header row, or a group heading and its header
            body = [ln for ln in thai.pages[n].replace("\r\n", "\n").split("\n")[1:] if ln.strip()]
            assert body[0].startswith(("มาตรการ", "ประเด็นที่", "ไม่ระบุประเด็น")), body[0]


def test_a_row_taller_than_a_page_continues(thai: Built) -> None:
    long = next(m for m in thai.report.round.measures if len(m.steps) == LONG_STEPS)
    pages = {
        n
        for n in thai.landscape()
        for item in long.steps
        if squash(item.text) in squash(thai.pages[n])
    }
    assert len(pages) >= 2


def _ink_allowance(size: float) -> tuple[float, float]:
    from itadesk.documents.fonts import bundled_fonts
    from itadesk.documents.shaping import font_metrics, glyph_path, shape

    font = bundled_fonts().regular
    asc, desc, _ = font_metrics(font)
    top, bottom = 0.0, 0.0
    for u in shape(font, "นี้ ปั้น ป๊ ฟื้น ฎู ญู ฐุ ฤ ปู่"):
        for g in u.glyphs:
            _ops, (_x0, gy0, _x1, gy1) = glyph_path(font, g.gid)
            top, bottom = max(top, gy1 + g.y), max(bottom, -(gy0 + g.y))
    # pdfplumber's curve boxes include Bezier control points: 40/1000 em more
    return (top + 40 - asc) * size / 1000 + TOL, (bottom + 40 - desc) * size / 1000 + TOL


@pytest.mark.parametrize("which", ["thai", "indicators"])
def test_nothing_outside_its_frame(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    over_top, over_bottom = _ink_allowance(22)  # the cover title is the largest type
    for n, page in enumerate(built.objects):
        _w, h = built.sizes[n]
        setup = built.setup(n)
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


def test_glyphs_stay_inside_their_cells(thai: Built) -> None:
    """Every glyph of a group table lies inside its column, padding included."""
    checked = 0
    for n in thai.landscape():
        page = thai.objects[n]
        regions = group_table_regions(page)
        for c in page["chars"]:
            inside = [
                edges for top, bottom, edges in regions if top <= c["top"] and c["bottom"] <= bottom
            ]
            if not inside:
                continue  # the summary table, a heading or the page number
            edges = inside[0]
            col = next(i for i in range(len(edges) - 1) if c["x0"] < edges[i + 1])
            assert edges[col] + 4 - TOL <= c["x0"], (n, c["text"], col)
            assert c["x1"] <= edges[col + 1] - 4 + TOL, (n, c["text"], col)
            checked += 1
    assert checked > 2000


def test_indicator_grouping_headings(indicators: Built) -> None:
    text = squash(indicators.body())
    fw = indicators.report.framework
    assert fw is not None
    for number in (1, 2, 5, 9):
        assert (
            squash(f"ตัวชี้วัดที่ {to_thai_digits(str(number))} {fw.indicator(number).name_th}") in text
        )
    assert squash("ไม่ระบุตัวชี้วัด") in text
    assert "ประเด็นที่" not in indicators.body()


def test_empty_round_says_so(tmp_path: Path) -> None:
    report = make_report()
    empty = replace(report, round=replace(report.round, measures=(), themes=()))
    built = build(tmp_path, empty)
    assert "ยังไม่มีมาตรการ" in "".join(built.pages)
