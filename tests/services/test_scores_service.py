from __future__ import annotations

from decimal import Decimal

import pytest

from itadesk.errors import FrameworkError, ValidationError

TRAT_2564 = (
    "93.55",
    "87.72",
    "91.01",
    "87.93",
    "89.52",
    "90.55",
    "88.68",
    "88.58",
    "72.89",
    "65.56",
)


def enter(services, year: int, values: tuple[str, ...]) -> None:
    services.scores.set_indicator_scores(year, dict(enumerate(values, start=1)))


def test_summary_of_the_public_worked_example(services) -> None:
    enter(services, 2564, TRAT_2564)
    summary = services.scores.summary(2564)
    assert summary.result.total == Decimal("81.45")
    assert summary.result.rating is not None and summary.result.rating.label == "B"
    assert summary.result.tool_scores["OIT"] == Decimal("69.23")


def test_thai_digits_are_accepted_and_stored_exactly(services) -> None:
    services.scores.set_indicator_score(2568, 1, "๘๖.๙๒")
    assert services.scores.indicator_scores(2568) == {1: Decimal("86.92")}


@pytest.mark.parametrize("bad", ["101", "-1", "86.925", "abc", "8 6"])
def test_bad_score_is_refused_with_the_field_named_and_nothing_changes(services, bad) -> None:
    services.scores.set_indicator_score(2568, 3, "90")
    with pytest.raises(ValidationError) as caught:
        services.scores.set_indicator_score(2568, 3, bad)
    assert "ตัวชี้วัดที่ 3" in caught.value.message
    assert "0 ถึง 100" in caught.value.message
    assert services.scores.indicator_scores(2568) == {3: Decimal("90")}


def test_a_paste_with_one_bad_value_writes_nothing(services) -> None:
    enter(services, 2568, ("90",) * 10)
    with pytest.raises(ValidationError):
        services.scores.set_indicator_scores(2568, {1: "95", 2: "96", 3: "ไม่ทราบ"})
    assert set(services.scores.indicator_scores(2568).values()) == {Decimal("90")}


def test_empty_value_clears_a_score(services) -> None:
    services.scores.set_indicator_score(2568, 1, "90")
    services.scores.set_indicator_score(2568, 1, "  ")
    assert services.scores.indicator_scores(2568) == {}


def test_a_year_with_no_framework_is_refused_in_thai(services) -> None:
    with pytest.raises(FrameworkError) as caught:
        services.scores.set_indicator_score(2599, 1, "90")
    assert "2599" in caught.value.message
    assert services.scores.scored_years() == []


def test_indicator_outside_the_framework_is_refused(services) -> None:
    with pytest.raises(ValidationError, match="ตัวชี้วัดที่ 11"):
        services.scores.set_indicator_scores(2568, {11: "90"})


def test_official_total_mismatch_is_a_warning_not_a_replacement(services) -> None:
    enter(services, 2564, TRAT_2564)
    services.scores.set_official_total(2564, "81.60")
    result = services.scores.summary(2564).result
    assert result.total == Decimal("81.45")
    assert result.official_difference == Decimal("0.15")
    assert result.warnings_th and "81.60" in result.warnings_th[0]
    services.scores.set_official_total(2564, "81.46")
    assert services.scores.summary(2564).result.warnings_th == ()


def test_change_from_previous_year(services) -> None:
    enter(services, 2567, ("90",) * 10)
    enter(services, 2568, ("91",) * 9 + ("88.5",))
    summary = services.scores.summary(2568)
    assert summary.previous is not None and summary.previous.fiscal_year == 2567
    assert summary.comparison is not None
    assert summary.comparison.indicators[1] == Decimal("1")
    assert summary.comparison.indicators[10] == Decimal("-1.5")
    assert summary.comparison.total == summary.result.total - Decimal("90.00")


def test_item_scores_are_kept_beside_indicator_scores(services) -> None:
    enter(services, 2566, ("90",) * 10)
    services.scores.set_item_scores(2566, {"i16": "96.70", "O7": "0"})
    assert services.scores.item_scores(2566) == {"i16": Decimal("96.70"), "O7": Decimal("0")}
    assert services.scores.indicator_scores(2566)[3] == Decimal("90")
    with pytest.raises(ValidationError, match="O44"):
        services.scores.set_item_scores(2566, {"O44": "100"})


def test_start_new_year_from_the_latest(services) -> None:
    latest = services.frameworks.catalog.latest_year()
    year = services.frameworks.start_new_year()
    assert year == latest + 1
    framework = services.frameworks.get(year)
    assert framework.fiscal_year == year
    assert any(str(latest) in note for note in framework.unconfirmed_th)
    assert year in [cycle.assessed_year for cycle in services.cycles.cycles()]
    with pytest.raises(FrameworkError, match="มีกรอบการประเมินอยู่แล้ว"):
        services.frameworks.start_new_year(year)


def test_new_year_survives_reopening(db_path) -> None:
    from itadesk.services import build_services
    from itadesk.storage.database import open_store

    with open_store(db_path) as store:
        year = build_services(store).frameworks.start_new_year()
    with open_store(db_path) as store:
        assert year in build_services(store).frameworks.years()


def test_import_item_list_with_thai_digits_and_ocr_codes(services) -> None:
    text = "code,indicator,text_th\n๐๑,๙,โครงสร้าง\nO2,9,ข้อมูลผู้บริหาร\nO31,10,No Gift Policy\n"
    framework = services.frameworks.import_item_list(2568, text, source_name="ไฟล์ทดสอบ")
    assert [item.code for item in framework.items] == ["O1", "O2", "O31"]
    assert framework.items_known["OIT"] is True
    services.scores.set_item_scores(2568, {"O31": "100"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("รหัส,ตัวชี้วัด\nO1,9\n", "ไม่มีคอลัมน์"),
        ("code,indicator\nX1,9\n", "แถวที่ 2"),
        ("code,indicator\nO1,nine\n", "indicator"),
        ("code,indicator\nO1,2\n", "OIT"),
        ("code,indicator\ni1,12\n", "ตัวชี้วัดที่ 12"),
        ("", "ไฟล์ว่าง"),
    ],
)
def test_bad_item_lists_are_refused_and_nothing_changes(services, text, expected) -> None:
    before = services.frameworks.get(2568)
    with pytest.raises(FrameworkError) as caught:
        services.frameworks.import_item_list(2568, text, source_name="ไฟล์ทดสอบ")
    assert expected in caught.value.message
    assert services.frameworks.get(2568) == before
    assert not services.frameworks.is_customised(2568)


def test_themes_can_be_renamed_and_reset(services) -> None:
    framework = services.frameworks.get(2566)
    names = [theme.name_th for theme in framework.themes]
    names[0] = "ประเด็นที่หน่วยงานตั้งเอง"
    assert services.frameworks.save_themes(2566, names).themes[0].name_th == names[0]
    services.frameworks.reset_to_builtin(2566)
    assert services.frameworks.get(2566).themes[0].name_th == framework.themes[0].name_th


def test_demo_office_has_data_for_several_years(demo_services) -> None:
    years = demo_services.scores.scored_years()
    assert len(years) >= 2
    profile = demo_services.office.profile()
    assert profile.name == "องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    for year in years:
        summary = demo_services.scores.summary(year)
        assert summary.result.complete
        assert summary.result.warnings_th == ()
    assert demo_services.scores.item_scores(2566)
