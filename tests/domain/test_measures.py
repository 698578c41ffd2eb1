"""The measure catalogue (resources/data/measures.json) and the rules for measures: timelines,
validation, numbering, coverage, carrying forward and reordering."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from itadesk.domain.frameworks import Framework, load_framework_file
from itadesk.domain.measure_catalogue import (
    ALL_UNITS,
    UNIT_KINDS,
    CatalogueEntry,
    entries_for_indicator,
    load_catalogue,
    measure_from_catalogue,
    oit_items_for,
    unit_for_kind,
)
from itadesk.domain.measure_rules import (
    carry_forward,
    coverage_gaps,
    numbered_steps,
    reorder,
    timeline_bounds,
    timeline_label_th,
    validate_measure,
    validate_timeline,
)
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.thai_text import contains_thai
from itadesk.errors import FrameworkError
from itadesk.paths import frameworks_dir, resource_path

UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]


@pytest.fixture(scope="module")
def frameworks() -> dict[int, Framework]:
    return {
        year: load_framework_file(frameworks_dir() / f"fy{year}.json")
        for year in (2563, 2564, 2565, 2566, 2567, 2568)
    }


@pytest.fixture(scope="module")
def catalogue() -> tuple[CatalogueEntry, ...]:
    return load_catalogue()


def entry(catalogue: tuple[CatalogueEntry, ...], key: str) -> CatalogueEntry:
    for candidate in catalogue:
        if candidate.key == key:
            return candidate
    raise AssertionError(f"catalogue has no entry {key!r}")


def measure(**changes: Any) -> Measure:
    """A valid measure for FY2569, changed as asked."""
    base = Measure(
        plan_year=2569,
        title="มาตรการเผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือน",
        indicators=(2, 9),
        themes=(5,),
        steps=("จัดทำสรุปผลรายเดือน", "เผยแพร่บนเว็บไซต์", "รายงานผลการดำเนินการต่อผู้บริหาร"),
        unit="กองคลัง",
    )
    return replace(base, **changes)


# --------------------------------------------------------------------------- shipped catalogue


def test_shipped_catalogue_loads_with_at_least_25_entries(catalogue) -> None:
    assert len(catalogue) >= 25
    keys = [item.key for item in catalogue]
    assert len(keys) == len(set(keys))
    assert all(key.isascii() for key in keys)


def test_catalogue_is_cached(catalogue) -> None:
    assert load_catalogue() is catalogue


def test_catalogue_covers_every_indicator_and_theme(catalogue) -> None:
    indicators = {number for item in catalogue for number in item.indicators}
    themes = {number for item in catalogue for number in item.themes}
    assert indicators == set(range(1, 11))
    assert themes == set(range(1, 8))
    for number in range(1, 11):
        assert entries_for_indicator(catalogue, number), f"no entry for indicator {number}"


REQUIRED_TOPICS = [
    ("no-gift-policy", "No Gift Policy"),
    ("work-manuals", "คู่มือ"),
    ("service-manual-process-chart", "แผนผัง"),
    ("queue-cards", "บัตรคิว"),
    ("complaints-whistleblower", "ผู้แจ้งเบาะแส"),
    ("procurement-publication", "จัดซื้อจัดจ้างรายเดือน"),
    ("asset-lending", "การยืม"),
    ("conflict-of-interest", "ผลประโยชน์ทับซ้อน"),
    ("e-service", "E-Service"),
    ("fraud-risk-assessment", "ประเมินความเสี่ยงการทุจริต"),
    ("information-centre", "ศูนย์ข้อมูลข่าวสาร"),
    ("budget-participation", "มีส่วนร่วม"),
    ("budget-plan-publication", "แผนการใช้จ่ายงบประมาณ"),
    ("fair-hr", "ประเมินผลการปฏิบัติงานอย่างเป็นธรรม"),
    ("ethics-code", "ประมวลจริยธรรม"),
    ("satisfaction-survey", "ความพึงพอใจ"),
    ("oit-website-checklist", "OIT"),
    ("personal-data-protection", "ข้อมูลส่วนบุคคล"),
    ("public-participation", "มีส่วนร่วม"),
    ("anti-corruption-plan", "แผนปฏิบัติการป้องกันการทุจริต"),
    ("disciplinary-sanctions", "วินัย"),
    ("executive-integrity-pledge", "เจตจำนงสุจริต"),
    ("integrity-training", "อบรม"),
]


@pytest.mark.parametrize(("key", "words"), REQUIRED_TOPICS)
def test_required_topic_is_in_catalogue(catalogue, key: str, words: str) -> None:
    assert words in entry(catalogue, key).title_th


def test_anti_corruption_plan_reports_at_6_and_12_months(catalogue) -> None:
    title = entry(catalogue, "anti-corruption-plan").title_th
    assert "6 เดือน" in title and "12 เดือน" in title


def test_every_entry_is_a_complete_measure(catalogue) -> None:
    for item in catalogue:
        assert 3 <= len(item.steps_th) <= 6, item.key
        last = item.steps_th[-1]
        assert "รายงานผล" in last and "ผู้บริหาร" in last, item.key
        assert item.unit_kind in UNIT_KINDS, item.key
        assert "6 เดือน" in item.reporting_th and "12 เดือน" in item.reporting_th, item.key
        assert contains_thai(item.follow_up_th), item.key
        assert contains_thai(item.rationale_th), item.key


def test_unit_kinds_of_the_catalogue_include_every_kind(catalogue) -> None:
    assert {item.unit_kind for item in catalogue} == set(UNIT_KINDS)


def test_oit_items_follow_the_year_of_the_framework(catalogue, frameworks) -> None:
    no_gift = entry(catalogue, "no-gift-policy")
    assert oit_items_for(no_gift, frameworks[2566]) == ("O31", "O32", "O33")
    assert oit_items_for(no_gift, frameworks[2565]) == ("O34", "O38")
    assert oit_items_for(no_gift, frameworks[2568]) == ()
    assert oit_items_for(no_gift, frameworks[2567]) == ()

    procurement = entry(catalogue, "procurement-publication")
    assert oit_items_for(procurement, frameworks[2566]) == ("O19", "O20", "O21", "O22")
    for year in (2563, 2564, 2565):
        assert oit_items_for(procurement, frameworks[year]) == ("O21", "O22", "O23", "O24")

    pdpa = entry(catalogue, "personal-data-protection")  # O10 exists only in the 2566 list
    assert oit_items_for(pdpa, frameworks[2566]) == ("O10",)
    assert oit_items_for(pdpa, frameworks[2565]) == ()


def test_every_listed_code_exists_in_its_framework(catalogue, frameworks) -> None:
    family_years = {"old": (2563, 2564, 2565), "2566": (2566,)}
    for item in catalogue:
        for family, codes in item.oit_items.items():
            for year in family_years[family]:
                present = {listed.code for listed in frameworks[year].items}
                missing = set(codes) - present
                assert not missing, f"{item.key}: {sorted(missing)} not in fy{year}"


def test_oit_codes_point_at_the_items_they_claim(catalogue, frameworks) -> None:
    """Spot checks that the numbers were not shifted between the two lists."""
    texts_2566 = {item.code: item.text_th or "" for item in frameworks[2566].items}
    texts_2565 = {item.code: item.text_th or "" for item in frameworks[2565].items}
    for code in entry(catalogue, "procurement-publication").oit_items["2566"]:
        assert "จัดซื้อจัดจ้าง" in texts_2566[code]
    for code in entry(catalogue, "procurement-publication").oit_items["old"]:
        assert "จัดซื้อจัดจ้าง" in texts_2565[code]
    assert "E-Service" in texts_2566[entry(catalogue, "e-service").oit_items["2566"][0]]
    assert "E-Service" in texts_2565[entry(catalogue, "e-service").oit_items["old"][0]]
    for code in entry(catalogue, "ethics-code").oit_items["2566"]:
        assert "จริยธรรม" in texts_2566[code]


def test_oit_items_for_keeps_only_codes_the_framework_has(catalogue, frameworks) -> None:
    procurement = entry(catalogue, "procurement-publication")
    base = frameworks[2566]
    trimmed = replace(base, items=tuple(item for item in base.items if item.code != "O20"))
    assert oit_items_for(procurement, trimmed) == ("O19", "O21", "O22")
    # A later year copied from 2566 keeps the codes, but their meaning is not known: none.
    copied = replace(base, fiscal_year=2567)
    assert oit_items_for(procurement, copied) == ()


def test_entries_for_indicator_puts_main_indicator_first(catalogue) -> None:
    found = entries_for_indicator(catalogue, 4)
    assert found and all(4 in item.indicators for item in found)
    mains = [item.indicators[0] == 4 for item in found]
    assert mains == sorted(mains, reverse=True)
    assert entries_for_indicator(catalogue, 11) == ()


# --------------------------------------------------------------------------- broken catalogues


def shipped_data() -> dict[str, Any]:
    return json.loads(resource_path("data", "measures.json").read_text(encoding="utf-8"))


def _set(index: int, field: str, value: Any):
    def change(data: dict[str, Any]) -> None:
        data["measures"][index][field] = value

    return change


def _duplicate_key(data: dict[str, Any]) -> None:
    data["measures"][1]["key"] = data["measures"][0]["key"]


BROKEN = [
    ("duplicate key", _duplicate_key, "ซ้ำ"),
    ("indicator 11", _set(0, "indicators", [1, 11]), "indicators"),
    ("indicator as text", _set(0, "indicators", ["1"]), "indicators"),
    ("theme 8", _set(0, "themes", [8]), "themes"),
    ("no steps", _set(0, "steps_th", []), "steps_th"),
    ("empty step", _set(0, "steps_th", ["ประชุม", "  "]), "ขั้นตอนที่ 2"),
    ("unknown unit kind", _set(0, "unit_kind", "กองสวัสดิการสังคม"), "unit_kind"),
    (
        "quarters reversed",
        _set(0, "timeline", {"kind": "quarters", "first_quarter": 3, "last_quarter": 2}),
        "timeline",
    ),
    (
        "quarter 5",
        _set(0, "timeline", {"kind": "quarters", "first_quarter": 1, "last_quarter": 5}),
        "timeline",
    ),
    (
        "months reversed",
        _set(0, "timeline", {"kind": "months", "start_month": 3, "end_month": 10}),
        "timeline",
    ),
    (
        "leap day",
        _set(0, "timeline", {"kind": "dates", "start_date": "10-01", "end_date": "02-29"}),
        "timeline",
    ),
    ("unknown kind", _set(0, "timeline", {"kind": "weekly"}), "timeline"),
    ("unknown placeholder", _set(0, "rationale_th", "ตัวชี้วัด{office_name}"), "office_name"),
    ("unbalanced brace", _set(0, "follow_up_th", "ปลัดติดตาม {indicator_name"), "follow_up_th"),
    ("placeholder in a step", _set(0, "steps_th", ["ทำ {x}", "รายงานผลต่อผู้บริหาร"]), "{x}"),
    ("unknown field", _set(0, "step_th", ["typo"]), "step_th"),
    ("bad OIT code", _set(0, "oit_items", {"2566": ["O44"]}), "O44"),
    ("unknown OIT family", _set(0, "oit_items", {"2567": ["O1"]}), "2567"),
    ("empty title", _set(0, "title_th", ""), "title_th"),
    ("bad key", _set(0, "key", "No Gift"), "key"),
]


@pytest.mark.parametrize(
    ("change", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_catalogue_is_refused_in_thai(tmp_path: Path, change, expected: str) -> None:
    data = shipped_data()
    change(data)
    path = tmp_path / "measures.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_catalogue(path)
    message = str(caught.value)
    assert contains_thai(message)
    assert expected in message
    assert "measures.json" in message
    assert "มาตรการ" in message and ("ลำดับที่ 1" in message or "ลำดับที่ 2" in message)


def test_broken_entry_is_named_by_its_key(tmp_path: Path) -> None:
    data = shipped_data()
    key = data["measures"][3]["key"]
    data["measures"][3]["themes"] = [0]
    path = tmp_path / "measures.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FrameworkError, match=f"มาตรการ “{key}” \\(ลำดับที่ 4\\)"):
        load_catalogue(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "JSON"),
        ('{"format": "itadesk-framework/1", "measures": []}', "itadesk-measures/1"),
        ('{"format": "itadesk-measures/1", "measures": []}', "measures"),
        ("[]", "JSON"),
    ],
)
def test_malformed_catalogue_file_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_catalogue(path)
    assert contains_thai(str(caught.value)) and expected in str(caught.value)


def test_missing_catalogue_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="ไม่พบไฟล์"):
        load_catalogue(tmp_path / "none.json")


def test_edited_catalogue_is_read_again(tmp_path: Path) -> None:
    data = shipped_data()
    path = tmp_path / "measures.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    first = load_catalogue(path)
    smaller = copy.deepcopy(data)
    smaller["measures"] = smaller["measures"][:3]
    path.write_text(json.dumps(smaller, ensure_ascii=False, indent=1), encoding="utf-8")
    assert len(load_catalogue(path)) == 3 != len(first)


# --------------------------------------------------------------------------- catalogue → measure


def test_measure_from_catalogue_picks_the_finance_unit(catalogue, frameworks) -> None:
    procurement = entry(catalogue, "procurement-publication")
    made = measure_from_catalogue(procurement, 2567, frameworks[2566], UNITS, None)
    assert made.unit == "กองคลัง"
    other = measure_from_catalogue(
        procurement, 2567, frameworks[2566], ["สำนักปลัด", "กองการคลัง"], None
    )
    assert other.unit == "กองการคลัง"


@pytest.mark.parametrize(
    ("kind", "units", "expected"),
    [
        ("กองคลัง", UNITS, "กองคลัง"),
        ("สำนักปลัด", ["กองคลัง", "สำนักงานปลัดเทศบาล"], "สำนักงานปลัดเทศบาล"),
        ("กองช่าง", ["สำนักปลัด", "กองโยธา"], "กองโยธา"),
        ("กองการศึกษา", UNITS, "กองการศึกษา ศาสนาและวัฒนธรรม"),
        ("งานการเจ้าหน้าที่/บุคคล", ["สำนักปลัด", "งานการเจ้าหน้าที่"], "งานการเจ้าหน้าที่"),
        ("งานการเจ้าหน้าที่/บุคคล", UNITS, "งานการเจ้าหน้าที่/บุคคล"),
        ("กองการศึกษา", ["สำนักปลัด", "กองคลัง"], "กองการศึกษา"),
        (ALL_UNITS, UNITS, ALL_UNITS),
        ("กองคลัง", [], "กองคลัง"),
    ],
)
def test_unit_for_kind(kind: str, units: list[str], expected: str) -> None:
    assert unit_for_kind(kind, units) == expected


def test_measure_from_catalogue_fills_the_texts(catalogue, frameworks) -> None:
    no_gift = entry(catalogue, "no-gift-policy")
    made = measure_from_catalogue(no_gift, 2567, frameworks[2566], UNITS, None)
    assert made.plan_year == 2567
    assert made.catalogue_key == "no-gift-policy"
    assert made.id is None
    assert made.oit_items == ("O31", "O32", "O33")
    assert made.unit == "สำนักปลัด"
    assert "การป้องกันการทุจริต" in made.rationale
    assert "{" not in made.rationale + made.follow_up + made.reporting + "".join(made.steps)
    assert "2567" in made.reporting
    assert made.steps == no_gift.steps_th

    named = measure_from_catalogue(no_gift, 2567, frameworks[2566], UNITS, {10: "ชื่อที่ตั้งเอง"})
    assert "ชื่อที่ตั้งเอง" in named.rationale


def test_every_catalogue_measure_is_valid(catalogue, frameworks) -> None:
    for plan_year, framework in ((2566, frameworks[2566]), (2569, frameworks[2568])):
        for item in catalogue:
            made = measure_from_catalogue(item, plan_year, framework, UNITS, None)
            assert validate_measure(made, framework) == [], item.key


def test_catalogue_timeline_lands_in_the_plan_year(catalogue, frameworks) -> None:
    checklist = entry(catalogue, "oit-website-checklist")
    made = measure_from_catalogue(checklist, 2569, frameworks[2568], UNITS, None)
    assert made.timeline.kind == TimelineKind.MONTHS
    assert made.timeline.start_month == (2568, 10)
    assert made.timeline.end_month == (2569, 3)
    pledge = entry(catalogue, "executive-integrity-pledge")
    dated = measure_from_catalogue(pledge, 2569, frameworks[2568], UNITS, None)
    assert dated.timeline.kind == TimelineKind.DATES
    assert dated.timeline.start_date == date(2025, 10, 1)


def test_themes_missing_from_the_framework_are_dropped(catalogue, frameworks) -> None:
    short = replace(frameworks[2566], themes=frameworks[2566].themes[:3])
    made = measure_from_catalogue(entry(catalogue, "asset-lending"), 2567, short, UNITS, None)
    assert made.themes == ()
    assert made.indicators == (4,)


# --------------------------------------------------------------------------- timelines

WHOLE = Timeline()
QUARTERS_1_2 = Timeline(kind=TimelineKind.QUARTERS, first_quarter=1, last_quarter=2)
QUARTER_3 = Timeline(kind=TimelineKind.QUARTERS, first_quarter=3, last_quarter=3)
MONTHS = Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10), end_month=(2569, 3))
DATES = Timeline(kind=TimelineKind.DATES, start_date=date(2025, 10, 1), end_date=date(2026, 1, 31))


@pytest.mark.parametrize(
    ("timeline", "thai", "arabic"),
    [
        (WHOLE, "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙", "ตลอดปีงบประมาณ พ.ศ. 2569"),
        (QUARTERS_1_2, "ไตรมาส ๑–๒ (ต.ค. ๖๘ – มี.ค. ๖๙)", "ไตรมาส 1–2 (ต.ค. 68 – มี.ค. 69)"),
        (QUARTER_3, "ไตรมาส ๓ (เม.ย. ๖๙ – มิ.ย. ๖๙)", "ไตรมาส 3 (เม.ย. 69 – มิ.ย. 69)"),
        (MONTHS, "ต.ค. ๒๕๖๘ – มี.ค. ๒๕๖๙", "ต.ค. 2568 – มี.ค. 2569"),
        (DATES, "๑ ต.ค. ๒๕๖๘ – ๓๑ ม.ค. ๒๕๖๙", "1 ต.ค. 2568 – 31 ม.ค. 2569"),
        (
            Timeline(kind=TimelineKind.MONTHS, start_month=(2569, 5), end_month=(2569, 5)),
            "พ.ค. ๒๕๖๙",
            "พ.ค. 2569",
        ),
    ],
)
def test_timeline_label(timeline: Timeline, thai: str, arabic: str) -> None:
    assert timeline_label_th(timeline, 2569) == thai
    assert timeline_label_th(timeline, 2569, thai_digits=False) == arabic


def test_timeline_label_of_incomplete_timeline_raises() -> None:
    with pytest.raises(ValueError):
        timeline_label_th(Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10)), 2569)
    with pytest.raises(ValueError):
        timeline_label_th(Timeline(kind="weekly"), 2569)


def test_timeline_bounds() -> None:
    assert timeline_bounds(WHOLE, 2569) == (date(2025, 10, 1), date(2026, 9, 30))
    assert timeline_bounds(QUARTERS_1_2, 2569) == (date(2025, 10, 1), date(2026, 3, 31))
    assert timeline_bounds(QUARTER_3, 2569) == (date(2026, 4, 1), date(2026, 6, 30))
    assert timeline_bounds(MONTHS, 2569) == (date(2025, 10, 1), date(2026, 3, 31))
    assert timeline_bounds(DATES, 2569) == (date(2025, 10, 1), date(2026, 1, 31))
    leap_february = Timeline(kind=TimelineKind.MONTHS, start_month=(2571, 2), end_month=(2571, 2))
    assert timeline_bounds(leap_february, 2571) == (date(2028, 2, 1), date(2028, 2, 29))


def test_valid_timelines_have_no_problems() -> None:
    for timeline in (WHOLE, QUARTERS_1_2, QUARTER_3, MONTHS, DATES):
        assert validate_timeline(timeline, 2569) == []


@pytest.mark.parametrize(
    ("timeline", "expected"),
    [
        (Timeline(kind=TimelineKind.QUARTERS, first_quarter=0, last_quarter=2), "1 ถึง 4"),
        (Timeline(kind=TimelineKind.QUARTERS, first_quarter=1, last_quarter=5), "(ได้รับ 5)"),
        (Timeline(kind=TimelineKind.QUARTERS, first_quarter=3, last_quarter=2), "อยู่หลัง"),
        # Seed 003's slip: a FY2568 report covering ต.ค. 2568 – ก.ย. 2569 (= FY2569).
        (Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 10), end_month=(2569, 9)), "อยู่นอก"),
        (Timeline(kind=TimelineKind.MONTHS, start_month=(2568, 3), end_month=(2567, 11)), "อยู่หลัง"),
        (Timeline(kind=TimelineKind.MONTHS, start_month=(2567, 10)), "ยังไม่ได้เลือกเดือนสุดท้าย"),
        (Timeline(kind=TimelineKind.MONTHS, start_month=(2567, 13), end_month=(2568, 1)), "ใช้ไม่ได้"),
        (
            Timeline(
                kind=TimelineKind.DATES, start_date=date(2024, 9, 30), end_date=date(2025, 1, 1)
            ),
            "อยู่นอก",
        ),
        (
            Timeline(
                kind=TimelineKind.DATES, start_date=date(2025, 3, 1), end_date=date(2025, 1, 1)
            ),
            "อยู่หลัง",
        ),
        (Timeline(kind=TimelineKind.DATES, end_date=date(2025, 1, 1)), "ยังไม่ได้เลือกวันเริ่มต้น"),
        (Timeline(kind="weekly"), "weekly"),
    ],
)
def test_invalid_timeline_is_explained(timeline: Timeline, expected: str) -> None:
    problems = validate_timeline(timeline, 2568)
    assert problems
    assert all(problem.startswith("ระยะเวลาดำเนินการ") for problem in problems)
    assert any(expected in problem for problem in problems), problems


# --------------------------------------------------------------------------- validation


def test_valid_measure_has_no_problems(frameworks) -> None:
    assert validate_measure(measure()) == []
    assert validate_measure(measure(), frameworks[2568]) == []


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"title": "  "}, "ชื่อมาตรการ", "ยังไม่ได้กรอก"),
        ({"steps": ()}, "ขั้นตอน/วิธีการดำเนินการ", "อย่างน้อยหนึ่งขั้นตอน"),
        ({"steps": ("ประชุม", " ", "รายงานผล")}, "ขั้นตอน/วิธีการดำเนินการ ขั้นตอนที่ 2", "ว่าง"),
        ({"indicators": (2, 11)}, "ตัวชี้วัด", "ตัวชี้วัดที่ 1 ถึง 10"),
        ({"indicators": (2, 2)}, "ตัวชี้วัด", "ซ้ำ"),
        ({"themes": (8,)}, "ประเด็น", "ประเด็นที่ 1 ถึง 7"),
        ({"unit": ""}, "ผู้รับผิดชอบ", "ทุกสำนัก/กอง"),
        (
            {"timeline": Timeline(kind=TimelineKind.QUARTERS, first_quarter=4, last_quarter=1)},
            "ระยะเวลาดำเนินการ",
            "อยู่หลัง",
        ),
        ({"plan_year": 1990}, "ปีงบประมาณ", "2560"),
    ],
)
def test_invalid_measure_is_explained(changes: dict[str, Any], field: str, expected: str) -> None:
    problems = validate_measure(measure(**changes))
    assert len(problems) == 1, problems
    assert problems[0].startswith(field + ":")
    assert expected in problems[0]


def test_every_problem_is_listed_at_once() -> None:
    problems = validate_measure(measure(title="", steps=(), unit="", themes=(9,)))
    assert [problem.split(":")[0] for problem in problems] == [
        "ชื่อมาตรการ",
        "ขั้นตอน/วิธีการดำเนินการ",
        "ประเด็น",
        "ผู้รับผิดชอบ",
    ]


def test_validation_uses_the_framework_lists(frameworks) -> None:
    short = replace(frameworks[2566], themes=frameworks[2566].themes[:3])
    problems = validate_measure(measure(themes=(5,)), short)
    assert problems == ["ประเด็น: ไม่มีประเด็นที่ 5 — เลือกได้เฉพาะประเด็นที่ 1 ถึง 3"]

    bad_code = measure(oit_items=("O21", "O99"))
    assert validate_measure(bad_code, frameworks[2566]) == [
        "ข้อ OIT: ไม่มีข้อ O99 ในรายการข้อ OIT ของปีงบประมาณ 2566 — ลบออกหรือเลือกข้อที่มีในรายการ"
    ]
    # The 2568 OIT list is not known, so the codes cannot be judged.
    assert validate_measure(bad_code, frameworks[2568]) == []


def test_numbered_steps() -> None:
    steps = ("แต่งตั้งคณะทำงาน ", "รายงานผลการดำเนินการต่อผู้บริหาร")
    assert numbered_steps(steps) == ["๑) แต่งตั้งคณะทำงาน", "๒) รายงานผลการดำเนินการต่อผู้บริหาร"]
    assert numbered_steps(steps, thai_digits=False)[1] == "2) รายงานผลการดำเนินการต่อผู้บริหาร"
    many = numbered_steps([f"ขั้น {n}" for n in range(12)])
    assert many[11].startswith("๑๒) ")
    assert numbered_steps([]) == []


# --------------------------------------------------------------------------- coverage


def test_coverage_gaps() -> None:
    scores = {
        1: Decimal("90"),
        2: Decimal("84.99"),
        4: Decimal("70"),
        9: Decimal("85"),
        10: Decimal("60.5"),
    }
    measures = [measure(indicators=(2,)), measure(indicators=(1, 10))]
    assert coverage_gaps(measures, scores, Decimal("85")) == [4]
    assert coverage_gaps([], scores, Decimal("85")) == [2, 4, 10]
    assert coverage_gaps([], scores, Decimal("60")) == []


# --------------------------------------------------------------------------- carry forward


def test_carry_forward_moves_the_year_and_keeps_the_rest() -> None:
    source = [
        measure(
            id=7,
            plan_year=2568,
            timeline=QUARTERS_1_2,
            catalogue_key="queue-cards",
            rationale="เหตุผล",
            follow_up="ติดตาม",
            reporting="รายงาน",
            oit_items=("O21",),
        ),
        measure(
            id=8,
            plan_year=2568,
            timeline=Timeline(
                kind=TimelineKind.MONTHS, start_month=(2567, 10), end_month=(2568, 3)
            ),
        ),
        measure(
            id=9,
            plan_year=2568,
            timeline=Timeline(
                kind=TimelineKind.DATES, start_date=date(2024, 10, 1), end_date=date(2025, 1, 31)
            ),
        ),
    ]
    copies = carry_forward(source, 2569)
    assert [copy_.id for copy_ in copies] == [None, None, None]
    assert {copy_.plan_year for copy_ in copies} == {2569}
    assert copies[0] == replace(source[0], id=None, plan_year=2569)
    assert copies[1].timeline.start_month == (2568, 10)
    assert copies[1].timeline.end_month == (2569, 3)
    assert copies[2].timeline.start_date == date(2025, 10, 1)
    assert copies[2].timeline.end_date == date(2026, 1, 31)
    assert all(validate_measure(copy_) == [] for copy_ in copies)
    assert source[0].id == 7 and source[0].plan_year == 2568  # originals untouched


def test_carry_forward_is_leap_day_safe() -> None:
    # FY2567 contains 29 Feb 2024; FY2568 has no 29 Feb.
    leap = measure(
        plan_year=2567,
        timeline=Timeline(
            kind=TimelineKind.DATES, start_date=date(2024, 2, 29), end_date=date(2024, 2, 29)
        ),
    )
    (moved,) = carry_forward([leap], 2568)
    assert moved.timeline.start_date == date(2025, 2, 28)
    assert moved.timeline.end_date == date(2025, 2, 28)
    assert validate_measure(moved) == []

    # "All of February" stays all of February in a leap year (FY2571 = 2028).
    february = measure(
        plan_year=2568,
        timeline=Timeline(
            kind=TimelineKind.DATES, start_date=date(2025, 2, 1), end_date=date(2025, 2, 28)
        ),
    )
    (later,) = carry_forward([february], 2571)
    assert later.timeline.start_date == date(2028, 2, 1)
    assert later.timeline.end_date == date(2028, 2, 29)


def test_carry_forward_backwards_and_same_year() -> None:
    dated = measure(plan_year=2569, timeline=DATES)
    (back,) = carry_forward([dated], 2568)
    assert back.timeline.start_date == date(2024, 10, 1)
    assert carry_forward([dated], 2569)[0].timeline == DATES
    assert carry_forward([], 2570) == []


# --------------------------------------------------------------------------- reorder

STEPS = ("ก", "ข", "ค", "ง")


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (0, 2, ("ข", "ค", "ก", "ง")),
        (3, 0, ("ง", "ก", "ข", "ค")),
        (1, 1, STEPS),
        (0, 3, ("ข", "ค", "ง", "ก")),
    ],
)
def test_reorder(source: int, target: int, expected: tuple[str, ...]) -> None:
    assert reorder(STEPS, source, target) == expected
    assert reorder(list(STEPS), source, target) == expected


@pytest.mark.parametrize(("source", "target"), [(4, 0), (0, 4), (-1, 0), (0, -1)])
def test_reorder_refuses_positions_outside_the_list(source: int, target: int) -> None:
    with pytest.raises(IndexError):
        reorder(STEPS, source, target)
    with pytest.raises(IndexError):
        reorder((), 0, 0)
