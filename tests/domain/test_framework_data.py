"""The built-in framework files (resources/frameworks/fy2563.json … fy2568.json) say what the
ITA guide (shared/domain/ita-guide.md) says, and flag what it does not confirm."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.domain.frameworks import (
    FORMAT,
    Framework,
    FrameworkCatalog,
    derive_framework,
    framework_to_data,
    load_framework_file,
    parse_framework,
)

FRAMEWORKS = Path(__file__).resolve().parents[2] / "resources" / "frameworks"
YEARS = [2563, 2564, 2565, 2566, 2567, 2568]
OLD_LIST_YEARS = [2563, 2564, 2565]
PASS_YEARS = [2567, 2568]

OFFICIAL_INDICATORS = {
    1: ("การปฏิบัติหน้าที่", "IIT"),
    2: ("การใช้งบประมาณ", "IIT"),
    3: ("การใช้อำนาจ", "IIT"),
    4: ("การใช้ทรัพย์สินของราชการ", "IIT"),
    5: ("การแก้ไขปัญหาการทุจริต", "IIT"),
    6: ("คุณภาพการดำเนินงาน", "EIT"),
    7: ("ประสิทธิภาพการสื่อสาร", "EIT"),
    8: ("การปรับปรุงระบบการทำงาน", "EIT"),
    9: ("การเปิดเผยข้อมูล", "OIT"),
    10: ("การป้องกันการทุจริต", "OIT"),
}
TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ",
}
THEMES = [
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุม ตรวจสอบการใช้อำนาจ และการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
]
# Guide §3.2 "Observations": themes 1 and 2 share ind 1, 6, 8; 3 = ind 7; 4 = ind 4;
# 5 = ind 2; 6 = ind 3; 7 = ind 5.
# Themes 3 and 7 also take the OIT indicators: seed 004 files O1–O10 under theme 3 and
# the anti-corruption O items under theme 7, so every indicator belongs to some theme.
THEME_INDICATORS = [(1, 6, 8), (1, 6, 8), (7, 9), (4,), (2,), (3,), (5, 10)]


def codes(prefix: str, last: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(1, last + 1)]


def code_range(prefix: str, first: int, last: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(first, last + 1)]


@pytest.fixture(scope="module")
def catalog() -> FrameworkCatalog:
    return FrameworkCatalog(FRAMEWORKS)


@pytest.fixture(scope="module", params=YEARS)
def framework(request: pytest.FixtureRequest) -> Framework:
    return load_framework_file(FRAMEWORKS / f"fy{request.param}.json")


# --------------------------------------------------------------------------- every file


def test_years_present(catalog: FrameworkCatalog) -> None:
    assert set(YEARS) <= set(catalog.builtin_years())
    assert catalog.years() == catalog.builtin_years()
    assert all(catalog.has(year) for year in YEARS)
    assert catalog.latest_year() >= 2568


@pytest.mark.parametrize("year", YEARS)
def test_file_is_readable_utf8_json_with_thai_text(year: int) -> None:
    raw = (FRAMEWORKS / f"fy{year}.json").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert "\\u0e" not in text.lower()  # Thai as real characters
    assert "การปฏิบัติหน้าที่" in text
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # 2-space indent
    assert data["format"] == FORMAT
    assert data["fiscal_year"] == year
    assert data["source"] == "builtin"


def test_loads_through_the_loader_and_round_trips(framework: Framework) -> None:
    assert framework.source == "builtin"
    assert parse_framework(framework_to_data(framework)) == framework


def test_catalog_gives_the_same_framework(catalog: FrameworkCatalog, framework: Framework) -> None:
    assert catalog.get(framework.fiscal_year) == framework


def test_ten_official_indicators(framework: Framework) -> None:
    assert {i.number: (i.name_th, i.tool) for i in framework.indicators} == OFFICIAL_INDICATORS


def test_tools_and_weights(framework: Framework) -> None:
    assert [(t.code, t.indicators) for t in framework.tools] == [
        ("IIT", (1, 2, 3, 4, 5)),
        ("EIT", (6, 7, 8)),
        ("OIT", (9, 10)),
    ]
    assert {t.code: t.name_th for t in framework.tools} == TOOL_NAMES
    assert sum(t.weight for t in framework.tools) == Decimal(1)
    assert [t.weight for t in framework.tools] == [
        Decimal("0.30"),
        Decimal("0.30"),
        Decimal("0.40"),
    ]


def test_target_is_85(framework: Framework) -> None:
    assert framework.target == Decimal(85)


def test_themes_are_the_seven_in_order(framework: Framework) -> None:
    assert [t.name_th for t in framework.themes] == THEMES
    assert [t.number for t in framework.themes] == list(range(1, 8))
    assert [t.indicators for t in framework.themes] == THEME_INDICATORS


def test_every_theme_item_exists(framework: Framework) -> None:
    known = {item.code for item in framework.items}
    for theme in framework.themes:
        assert set(theme.items) <= known, theme.name_th
        assert len(theme.items) == len(set(theme.items)), theme.name_th


def test_items_known_matches_items_present(framework: Framework) -> None:
    assert set(framework.items_known) == {"IIT", "EIT", "OIT"}
    for tool in framework.tools:
        assert framework.items_known[tool.code] is bool(framework.items_of_tool(tool.code))


def test_document_items_exist(framework: Framework) -> None:
    for role, code in framework.document_items.items():
        assert role in ("measures", "results")
        item = framework.item(code)
        assert item.kind == "oit" and item.indicator == 10


def test_items_are_well_formed(framework: Framework) -> None:
    for item in framework.items:
        assert item.text_th, item.code
        if item.kind == "oit":
            assert item.group_th, item.code
            assert not item.reverse
        else:
            assert item.group_th is None


def test_unconfirmed_and_notes_are_thai_sentences(framework: Framework) -> None:
    assert framework.unconfirmed_th and framework.notes_th
    for sentence in (*framework.unconfirmed_th, *framework.notes_th):
        assert re.search(r"[\u0e00-\u0e7f]", sentence)
        assert sentence == sentence.strip() and "  " not in sentence
    joined = " ".join(framework.unconfirmed_th)
    assert "7" in joined and "ป.ป.ช." in joined  # the themes are not an NACC grouping


# --------------------------------------------------------------------------- rating by year


@pytest.mark.parametrize("year", [2563, 2564, 2565, 2566])
def test_seven_bands_up_to_2566(catalog: FrameworkCatalog, year: int) -> None:
    rating = catalog.get(year).rating
    assert rating.kind == "bands"
    assert [(lv.label, lv.min_total, lv.passing) for lv in rating.levels] == [
        ("AA", Decimal(95), True),
        ("A", Decimal(85), True),
        ("B", Decimal(75), False),
        ("C", Decimal(65), False),
        ("D", Decimal(55), False),
        ("E", Decimal(50), False),
        ("F", Decimal(0), False),
    ]
    assert all(lv.min_each_tool is None and lv.confirmed for lv in rating.levels)


@pytest.mark.parametrize("year", PASS_YEARS)
def test_pass_scheme_from_2567(catalog: FrameworkCatalog, year: int) -> None:
    rating = catalog.get(year).rating
    assert rating.kind == "pass"
    assert [
        (lv.label, lv.min_total, lv.min_each_tool, lv.passing, lv.confirmed) for lv in rating.levels
    ] == [
        ("ผ่านดีเยี่ยม", Decimal(95), Decimal(95), True, True),
        ("ผ่านดี", Decimal(85), Decimal(85), True, True),
        ("ผ่าน", Decimal(85), None, True, True),
        ("ต้องปรับปรุง", Decimal(70), None, False, False),  # one source only
        ("ต้องปรับปรุงโดยด่วน", Decimal(0), None, False, False),
    ]


@pytest.mark.parametrize("year", PASS_YEARS)
def test_unconfirmed_levels_are_explained(catalog: FrameworkCatalog, year: int) -> None:
    joined = " ".join(catalog.get(year).unconfirmed_th)
    assert "ต้องปรับปรุง" in joined and "แหล่งข้อมูลเดียว" in joined


# --------------------------------------------------------------------------- 2566 in full


@pytest.fixture(scope="module")
def fy2566(catalog: FrameworkCatalog) -> Framework:
    return catalog.get(2566)


def test_2566_has_exactly_the_known_codes(fy2566: Framework) -> None:
    assert [item.code for item in fy2566.items] == codes("i", 30) + codes("e", 15) + codes("O", 43)
    assert fy2566.items_known == {"IIT": True, "EIT": True, "OIT": True}


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        (1, code_range("i", 1, 6)),
        (2, code_range("i", 7, 12)),
        (3, code_range("i", 13, 18)),
        (4, code_range("i", 19, 24)),
        (5, code_range("i", 25, 30)),
        (6, code_range("e", 1, 5)),
        (7, code_range("e", 6, 10)),
        (8, code_range("e", 11, 15)),
        (9, code_range("O", 1, 30)),
        (10, code_range("O", 31, 43)),
    ],
)
def test_2566_items_map_to_their_indicator(
    fy2566: Framework, indicator: int, expected: list[str]
) -> None:
    assert [item.code for item in fy2566.items_of_indicator(indicator)] == expected


def test_2566_kinds_and_reverse_scoring(fy2566: Framework) -> None:
    yes_no = {i.code for i in fy2566.items if i.kind == "yes_no"}
    assert yes_no == {"i4", "i5", "i6", "e4", "e8", "e10", "e13"}
    assert {i.code for i in fy2566.items if i.kind == "oit"} == set(codes("O", 43))
    reverse = {i.code for i in fy2566.items if i.reverse}
    assert reverse == {
        "i4",
        "i5",
        "i6",
        "i10",
        "i11",
        "i12",
        "i16",
        "i17",
        "i18",
        "i22",
        "i23",
        "e4",
    }
    for item in fy2566.items:
        if item.kind == "yes_no":
            assert item.text_th is not None and item.text_th.endswith("หรือไม่"), item.code
        elif item.kind == "scale":
            assert item.text_th is not None and item.text_th.endswith("มากน้อยเพียงใด"), item.code


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("i1", "ปฏิบัติงานหรือให้บริการแก่บุคคลภายนอก เป็นไปตามขั้นตอนและระยะเวลา"),
        ("i9", "ตามวัตถุประสงค์และคุ้มค่า"),  # OCR "คุ่มค่า" fixed
        ("i16", "ทำธุระส่วนตัวของผู้บังคับบัญชา"),
        ("i27", "ประมวลจริยธรรม"),
        ("e4", "ในช่วง 1 ปีที่ผ่านมา ท่านเคยถูกเจ้าหน้าที่เรียกเก็บเงิน"),
        ("e13", "หน่วยงานมีระบบการให้บริการออนไลน์ หรือไม่"),
        ("e14", "ให้ดีขึ้น มากน้อยเพียงใด"),  # OCR "อย่างน้อยเพียงใด" fixed
        ("O4", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน"),  # seed 004 misprints it
        ("O10", "นโยบายคุ้มครองข้อมูลส่วนบุคคล"),
        ("O31", "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่"),
        ("O42", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
        ("O43", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ],
)
def test_2566_texts(fy2566: Framework, code: str, fragment: str) -> None:
    text = fy2566.item(code).text_th
    assert text is not None and fragment in text
    assert "[" not in text and "ไม่น้อยเพียงใด" not in text and "อย่างน้อยเพียงใด" not in text


def test_2566_oit_groups(fy2566: Framework) -> None:
    groups = {item.code: item.group_th for item in fy2566.items if item.kind == "oit"}
    assert groups["O1"] == groups["O6"] == "ข้อมูลพื้นฐาน"
    assert groups["O10"] == "การปฏิสัมพันธ์ข้อมูล"
    assert groups["O30"] == "การเปิดโอกาสให้เกิดการมีส่วนร่วม"
    assert groups["O31"] == groups["O38"] == "การดำเนินการเพื่อป้องกันการทุจริต"
    assert groups["O39"] == groups["O43"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"


def test_2566_document_items(fy2566: Framework) -> None:
    assert dict(fy2566.document_items) == {"measures": "O42", "results": "O43"}


def test_2566_split_of_oit_indicators_is_flagged(fy2566: Framework) -> None:
    joined = " ".join(fy2566.unconfirmed_th)
    assert "O1–O30" in joined and "O31–O43" in joined and "อนุมาน" in joined


SEED_004_THEMES = [
    "i1 i2 i3 i4 i5 i6 e1 e2 e3 e4 e11 e12 e15 O11 O12 O13 O14",
    "i1 i2 i3 e1 e2 e3 e5 e11 e12 e13 e14 O15 O16 O17 O18 O30",
    "e6 e7 e8 e9 e10 O1 O2 O3 O4 O5 O6 O7 O8 O9 O10",
    "i19 i20 i21 i22 i23 i24",
    "i7 i8 i9 i10 i11 i12 O11 O12 O13 O19 O20 O21 O22",
    "i13 i14 i15 i16 i17 i18 i27 O23 O24 O25 O26 O39 O40 O41",
    "i25 i26 i28 i29 i30 e10 e15 O27 O28 O29 O31 O32 O33 O34 O35 O36 O37 O38 O42 O43",
]


def test_2566_themes_follow_seed_004(fy2566: Framework) -> None:
    assert [" ".join(t.items) for t in fy2566.themes] == SEED_004_THEMES


def test_2566_themes_cover_every_item(fy2566: Framework) -> None:
    # Guide §3.2: every i, e and O item appears at least once; these appear twice.
    placed: dict[str, int] = {}
    for theme in fy2566.themes:
        for code in theme.items:
            placed[code] = placed.get(code, 0) + 1
    assert set(placed) == {item.code for item in fy2566.items}
    twice = {code for code, count in placed.items() if count == 2}
    assert twice == {"i1", "i2", "i3", "e1", "e2", "e3", "e10", "e11", "e12", "e15"} | {
        "O11",
        "O12",
        "O13",
    }
    assert max(placed.values()) == 2


# --------------------------------------------------------------------------- 2563–2565 old list


@pytest.mark.parametrize("year", OLD_LIST_YEARS)
def test_old_oit_list(catalog: FrameworkCatalog, year: int) -> None:
    framework = catalog.get(year)
    assert [item.code for item in framework.items] == codes("O", 43)
    assert [i.code for i in framework.items_of_indicator(9)] == code_range("O", 1, 33)
    assert [i.code for i in framework.items_of_indicator(10)] == code_range("O", 34, 43)
    assert framework.items_known == {"IIT": False, "EIT": False, "OIT": True}
    assert dict(framework.document_items) == {"measures": "O42", "results": "O43"}
    groups = [item.group_th for item in framework.items]
    assert groups[0] == "9.1 ข้อมูลพื้นฐาน"
    assert groups[9] == "9.2 การบริหารงาน"  # O10
    assert groups[17] == "9.3 การบริหารเงินงบประมาณ"  # O18
    assert groups[24] == "9.4 การบริหารและพัฒนาทรัพยากรบุคคล"  # O25
    assert groups[28] == "9.5 การส่งเสริมความโปร่งใส"  # O29
    assert groups[33] == "10.1 การดำเนินการเพื่อป้องกันการทุจริต"  # O34
    assert groups[41] == groups[42] == "10.2 มาตรการภายในเพื่อป้องกันการทุจริต"
    for item, group in zip(framework.items, groups, strict=True):
        assert group is not None and group.startswith(f"{item.indicator}.")
    texts = {item.code: item.text_th for item in framework.items}
    assert texts["O10"] == "แผนดำเนินงานประจำปี"
    assert texts["O17"] == "E-Service"
    assert texts["O34"] == "เจตจำนงสุจริตของผู้บริหาร"
    assert texts["O42"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert "No Gift Policy" in " ".join(framework.notes_th)  # GIT 2565's name for O34
    assert all(not theme.items for theme in framework.themes)  # no source maps old codes


@pytest.mark.parametrize("year", OLD_LIST_YEARS)
def test_old_years_say_the_questions_are_not_shipped(catalog: FrameworkCatalog, year: int) -> None:
    joined = " ".join(catalog.get(year).unconfirmed_th)
    assert "IIT (i)" in joined and "EIT (e)" in joined


def test_2565_weights_flagged_as_the_guide_says(catalog: FrameworkCatalog) -> None:
    joined = " ".join(catalog.get(2565).unconfirmed_th)
    assert "น้ำหนัก" in joined and "2563–2565" in joined and "2565" in joined


# --------------------------------------------------------------------------- 2567 and 2568


@pytest.mark.parametrize("year", PASS_YEARS)
def test_2567_2568_have_no_items(catalog: FrameworkCatalog, year: int) -> None:
    framework = catalog.get(year)
    assert framework.items == ()
    assert framework.items_known == {"IIT": False, "EIT": False, "OIT": False}
    assert dict(framework.document_items) == {}
    assert all(theme.items == () for theme in framework.themes)
    joined = " ".join(framework.unconfirmed_th)
    assert "น้ำหนัก" in joined  # weights presumed
    assert "รายการ OIT" in joined and "นำเข้า" in joined  # list unknown; the clerk imports it
    assert "O42" in joined  # document item number unknown


# --------------------------------------------------------------------------- new years, overrides


def test_derive_2569_from_2568(catalog: FrameworkCatalog) -> None:
    base = catalog.get(2568)
    data = derive_framework(base, 2569)
    derived = parse_framework(data)
    assert derived.fiscal_year == 2569
    assert derived.source == "user"
    assert "2569" in derived.unconfirmed_th[0] and "ตรวจสอบ" in derived.unconfirmed_th[0]
    assert derived.unconfirmed_th[1:] == base.unconfirmed_th
    assert derived.rating == base.rating
    assert derived.indicators == base.indicators
    catalog_2569 = FrameworkCatalog(FRAMEWORKS, overrides={2569: data})
    assert 2569 in catalog_2569.years()
    assert catalog_2569.get(2569) == derived


def test_override_wins_over_the_builtin_file() -> None:
    catalog = FrameworkCatalog(FRAMEWORKS)
    builtin = catalog.get(2566)
    data = framework_to_data(builtin)
    data["source"] = "user"
    data["themes"][0]["name_th"] = "ประเด็นของหน่วยงานเอง"
    catalog.set_override(2566, data)
    assert catalog.is_customised(2566)
    assert catalog.get(2566).themes[0].name_th == "ประเด็นของหน่วยงานเอง"
    assert catalog.get(2566).source == "user"
    assert catalog.builtin(2566) == builtin
    assert catalog.years() == catalog.builtin_years()
