"""Tests for itadesk.domain.fiscal: BE years, fiscal years, quarters, rounds and Thai dates."""

from __future__ import annotations

import calendar
import dataclasses
import itertools
from datetime import date, timedelta

import pytest

from itadesk.domain.fiscal import (
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    ReportingRound,
    be_year,
    ce_year,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    format_date_range,
    format_month_year,
    format_thai_date,
    parse_month_year,
    parse_thai_date,
    quarter_bounds,
    reporting_round,
)


def test_month_tables() -> None:
    assert len(THAI_MONTHS_FULL) == 12 == len(set(THAI_MONTHS_FULL))
    assert THAI_MONTHS_FULL[0] == "มกราคม"
    assert THAI_MONTHS_FULL[9] == "ตุลาคม"
    assert THAI_MONTHS_FULL[11] == "ธันวาคม"
    assert THAI_MONTHS_ABBR == (
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    )


@pytest.mark.parametrize(("ce", "be"), [(2026, 2569), (2024, 2567), (1957, 2500)])
def test_be_ce_years(ce: int, be: int) -> None:
    assert be_year(ce) == be
    assert ce_year(be) == ce


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(2024, 12, 31), 2568),
        (date(2025, 1, 1), 2568),
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2026, 1, 7), 2569),
    ],
)
def test_fiscal_year_of(d: date, fy: int) -> None:
    assert fiscal_year_of(d) == fy


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize("fy", [2566, 2567, 2568, 2569, 2570])
def test_fiscal_year_bounds_agree_with_fiscal_year_of(fy: int) -> None:
    start, end = fiscal_year_bounds(fy)
    assert fiscal_year_of(start) == fiscal_year_of(end) == fy
    assert fiscal_year_of(start - timedelta(days=1)) == fy - 1
    assert fiscal_year_of(end + timedelta(days=1)) == fy + 1


@pytest.mark.parametrize(
    ("month", "quarter"),
    [
        (10, 1),
        (11, 1),
        (12, 1),
        (1, 2),
        (2, 2),
        (3, 2),
        (4, 3),
        (5, 3),
        (6, 3),
        (7, 4),
        (8, 4),
        (9, 4),
    ],
)
def test_fiscal_quarter_of(month: int, quarter: int) -> None:
    assert fiscal_quarter_of(date(2025, month, 15)) == quarter


@pytest.mark.parametrize(
    ("quarter", "bounds"),
    [
        (1, (date(2024, 10, 1), date(2024, 12, 31))),
        (2, (date(2025, 1, 1), date(2025, 3, 31))),
        (3, (date(2025, 4, 1), date(2025, 6, 30))),
        (4, (date(2025, 7, 1), date(2025, 9, 30))),
    ],
)
def test_quarter_bounds(quarter: int, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(2568, quarter) == bounds


@pytest.mark.parametrize("fy", [2567, 2568, 2569])
def test_quarters_tile_the_fiscal_year(fy: int) -> None:
    quarters = [quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    start, end = fiscal_year_bounds(fy)
    assert quarters[0][0] == start
    assert quarters[-1][1] == end
    for (_, prev_end), (next_start, _) in itertools.pairwise(quarters):
        assert next_start == prev_end + timedelta(days=1)
    for q, (q_start, q_end) in enumerate(quarters, start=1):
        assert fiscal_quarter_of(q_start) == fiscal_quarter_of(q_end) == q
        assert fiscal_year_of(q_start) == fiscal_year_of(q_end) == fy


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_quarter_bounds_rejects_bad_quarter(quarter: int) -> None:
    with pytest.raises(ValueError):
        quarter_bounds(2568, quarter)


def test_reporting_round_six_months() -> None:
    rnd = reporting_round(2568, 6)
    assert rnd == ReportingRound(2568, 6, date(2024, 10, 1), date(2025, 3, 31))
    assert rnd.label_th == "รอบ 6 เดือน (1 ตุลาคม 2567 – 31 มีนาคม 2568)"


def test_reporting_round_twelve_months() -> None:
    rnd = reporting_round(2568, 12)
    assert (rnd.fiscal_year, rnd.months) == (2568, 12)
    assert (rnd.start, rnd.end) == fiscal_year_bounds(2568)
    assert rnd.label_th == "รอบ 12 เดือน (1 ตุลาคม 2567 – 30 กันยายน 2568)"


def test_reporting_round_is_frozen() -> None:
    rnd = reporting_round(2569, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rnd.months = 12  # type: ignore[misc]


@pytest.mark.parametrize("months", [0, 3, 9, 24])
def test_reporting_round_rejects_other_lengths(months: int) -> None:
    with pytest.raises(ValueError):
        reporting_round(2568, months)
    with pytest.raises(ValueError):
        ReportingRound(2568, months, date(2024, 10, 1), date(2025, 3, 31))


@pytest.mark.parametrize(
    ("style", "thai", "expected"),
    [
        ("full", False, "7 มกราคม 2569"),
        ("abbr", False, "7 ม.ค. 69"),
        ("abbr_full_year", False, "7 ม.ค. 2569"),
        ("full", True, "๗ มกราคม ๒๕๖๙"),
        ("abbr", True, "๗ ม.ค. ๖๙"),
        ("abbr_full_year", True, "๗ ม.ค. ๒๕๖๙"),
        ("numeric", False, "07/01/2569"),
        ("numeric", True, "๐๗/๐๑/๒๕๖๙"),
    ],
)
def test_format_thai_date(style: str, thai: bool, expected: str) -> None:
    assert format_thai_date(date(2026, 1, 7), style, thai_digits=thai) == expected


def test_format_thai_date_default_and_two_digit_year_padding() -> None:
    assert format_thai_date(date(2026, 1, 7)) == "7 มกราคม 2569"
    assert format_thai_date(date(1966, 3, 1), "abbr") == "1 มี.ค. 09"  # 2509 BE


def test_format_thai_date_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        format_thai_date(date(2026, 1, 7), "long")


@pytest.mark.parametrize(
    ("style", "thai", "expected"),
    [
        ("full", False, "ตุลาคม 2568"),
        ("abbr", False, "ต.ค. 68"),
        ("full", True, "ตุลาคม ๒๕๖๘"),
        ("abbr", True, "ต.ค. ๖๘"),
    ],
)
def test_format_month_year(style: str, thai: bool, expected: str) -> None:
    assert format_month_year(2568, 10, style, thai_digits=thai) == expected


@pytest.mark.parametrize(("month", "style"), [(0, "full"), (13, "full"), (1, "abbr_full_year")])
def test_format_month_year_rejects(month: int, style: str) -> None:
    with pytest.raises(ValueError):
        format_month_year(2568, month, style)


def test_format_date_range() -> None:
    start, end = fiscal_year_bounds(2568)
    assert format_date_range(start, end) == "1 ตุลาคม 2567 – 30 กันยายน 2568"
    assert format_date_range(start, end, thai_digits=True) == "๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘"
    assert format_date_range(start, start) == "1 ตุลาคม 2567 – 1 ตุลาคม 2567"
    with pytest.raises(ValueError):
        format_date_range(end, start)


def test_fiscal_year_label() -> None:
    assert fiscal_year_label(2569) == "ปีงบประมาณ พ.ศ. 2569"
    assert fiscal_year_label(2569, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๙"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๗ มกราคม ๒๕๖๙", date(2026, 1, 7)),
        ("7 มกราคม 2569", date(2026, 1, 7)),
        ("7 ม.ค. 69", date(2026, 1, 7)),
        ("7 ม.ค 69", date(2026, 1, 7)),  # final dot dropped, as in the seeds
        ("7 ม.ค. 2569", date(2026, 1, 7)),
        ("7 ม.ค 2569", date(2026, 1, 7)),
        ("๑ ต.ค. ๖๘", date(2025, 10, 1)),
        ("๓๐ ก.ย ๒๕๖๕", date(2022, 9, 30)),
        ("15 มี.ค 66", date(2023, 3, 15)),
        ("2026-01-07", date(2026, 1, 7)),
        ("๒๐๒๖-๐๑-๐๗", date(2026, 1, 7)),
        ("7/1/2569", date(2026, 1, 7)),
        ("07/01/69", date(2026, 1, 7)),
        ("๗/๑/๒๕๖๙", date(2026, 1, 7)),
        ("  7   มกราคม   2569  ", date(2026, 1, 7)),
        ("7มกราคม2569", date(2026, 1, 7)),
        ("วันที่ ๗ มกราคม พ.ศ. ๒๕๖๙", date(2026, 1, 7)),
        ("7 ม. ค. 69", date(2026, 1, 7)),
    ],
)
def test_parse_thai_date(text: str, expected: date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(("yy", "ce"), [("00", 1957), ("68", 2025), ("69", 2026), ("99", 2056)])
def test_two_digit_years_are_buddhist_era(yy: str, ce: int) -> None:
    assert parse_thai_date(f"1 ต.ค. {yy}") == date(ce, 10, 1)
    assert parse_month_year(f"ต.ค. {yy}") == (ce + 543, 10)


def _last_day(year_ce: int, month: int) -> int:
    return calendar.monthrange(year_ce, month)[1]


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("style", ["full", "abbr", "abbr_full_year"])
@pytest.mark.parametrize("thai", [False, True])
def test_every_month_round_trips(month: int, style: str, thai: bool) -> None:
    for d in (date(2026, month, 1), date(2026, month, _last_day(2026, month))):
        text = format_thai_date(d, style, thai_digits=thai)
        assert parse_thai_date(text) == d


@pytest.mark.parametrize("month", range(1, 13))
def test_every_abbreviation_parses_without_final_dot(month: int) -> None:
    abbr = THAI_MONTHS_ABBR[month - 1]
    assert abbr.endswith(".")
    assert parse_thai_date(f"9 {abbr[:-1]} 69") == date(2026, month, 9)
    assert parse_thai_date(f"๙ {abbr[:-1]} ๒๕๖๙") == date(2026, month, 9)
    assert parse_month_year(f"{abbr[:-1]} 68") == (2568, month)


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("style", ["full", "abbr"])
@pytest.mark.parametrize("thai", [False, True])
def test_every_month_year_round_trips(month: int, style: str, thai: bool) -> None:
    assert parse_month_year(format_month_year(2568, month, style, thai_digits=thai)) == (
        2568,
        month,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ต.ค. 68", (2568, 10)),
        ("ต.ค 68", (2568, 10)),
        ("ตุลาคม 2568", (2568, 10)),
        ("ตุลาคม ๒๕๖๘", (2568, 10)),
        ("เดือนตุลาคม ๒๕๖๘", (2568, 10)),
        ("กันยายน พ.ศ. 2569", (2569, 9)),
    ],
)
def test_parse_month_year(text: str, expected: tuple[int, int]) -> None:
    assert parse_month_year(text) == expected


@pytest.mark.parametrize(
    "text", ["", "ตุลาคม", "68", "October 2568", "ตุลา 2568", "ตุลาคม 1999", "1 ตุลาคม 2568"]
)
def test_parse_month_year_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_month_year(text)


def test_leap_day() -> None:
    assert parse_thai_date("29 ก.พ. 2567") == date(2024, 2, 29)
    assert parse_thai_date("๒๙ กุมภาพันธ์ ๖๗") == date(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_thai_date("29 ก.พ. 2566")
    with pytest.raises(ValueError):
        parse_thai_date("29/2/2566")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "มกราคม 2569",
        "7 มกราคม",
        "31 กุมภาพันธ์ 2569",  # impossible date
        "31 เม.ย. 69",
        "0 มกราคม 2569",
        "32 มกราคม 2569",
        "7 มกรา 2569",  # unknown month name
        "7 January 2569",
        "7 ม.ก. 69",
        "7 มกราคม 2026",  # a CE year written as BE: outside 2400–2700
        "7 มกราคม 2399",
        "7 มกราคม 2701",
        "7 มกราคม 256",
        "2569-01-07",  # ISO is CE: 2569 CE is BE 3112
        "2026-13-01",
        "32/1/2569",
        "7/13/2569",
        "7/1/2026",
        "7-1-2569",
        "วันนี้",
    ],
)
def test_parse_thai_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_thai_date(text)


@pytest.mark.parametrize("year_be", [2400, 2700])
def test_parse_thai_date_year_limits_inclusive(year_be: int) -> None:
    assert parse_thai_date(f"1 มกราคม {year_be}") == date(year_be - 543, 1, 1)
